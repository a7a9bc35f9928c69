// One client for the connection fields, kept while they do not change, so that its ETag cache
// answers every refresh of an unchanged list (a 304 costs no rate limit). The token goes into
// the client and is kept nowhere else; editing a connection field retires the client.

import { Client } from "../pkg/index.browser.js";

export class Session {
  /** `connection()` returns `{ baseUrl, token }` as the fields hold them now. */
  constructor(connection) {
    this.connection = connection;
    this.current = null; // { client, busy, retired }
  }

  /** The next call gets a new client (the fields changed); the old one is freed once idle. */
  retire() {
    const entry = this.current;
    this.current = null;
    if (!entry) return;
    entry.retired = true;
    if (entry.busy === 0) entry.client.free();
  }

  /** Runs `call(client)`; throws ValidationError (before any request) for a bad base URL or token. */
  async use(call) {
    if (!this.current) {
      const { baseUrl, token } = this.connection();
      this.current = { client: new Client({ baseUrl, ...(token ? { auth: token } : {}) }), busy: 0, retired: false };
    }
    const entry = this.current;
    entry.busy += 1;
    try {
      return await call(entry.client);
    } finally {
      entry.busy -= 1;
      if (entry.retired && entry.busy === 0) entry.client.free();
    }
  }
}
