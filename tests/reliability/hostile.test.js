// Hostile servers in Node (run with `node --expose-gc --test`): each test starts its own loopback
// servers (hostile-servers.js) that misbehave, and checks what a user of the package must see: a
// bounded body size, signals that throw, a status created exactly once whatever the server loses
// or hides, redirects that never carry a POST or the token elsewhere, bodies that stall, Link
// tricks, values out of range and Retry-After in all its forms. No uncaught exception may escape,
// and the same client keeps working afterwards. The crash and hang cases also run in workerd
// (hostile-workerd.test.js).
import { setMaxListeners } from "node:events";
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "github-deployment-status";
import { TOKEN } from "../js/check.js";
import { noUncaughtExceptions } from "./harness.js";
import { checkTooBig, HOSTILE_CASES, LIMIT, SLACK_MS } from "./hostile-cases.js";
import {
  droppedWithin, hostileTests, isPath, LIST_PATH, listChunk, MiB, sendJson, startGitHub, startServer, statusJson,
  statusList, statusPath, stream, wellBehaved, WHERE,
} from "./hostile-servers.js";

const STATUS_7 = statusPath(7);

/** Starts the servers, runs `body(...servers)` with uncaught exceptions caught, checks the servers' handlers did not fail, stops them. */
async function hostile(starts, body) {
  const servers = [];
  try {
    for (const start of starts) servers.push(await start());
    await noUncaughtExceptions(() => body(...servers));
    for (const server of servers) assert.deepEqual(server.errors.map(String), [], "errors in a test server");
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}

/** { value } or { error }, and how long the promise took. */
async function settle(promise) {
  const started = Date.now();
  try {
    return { value: await promise, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

/** Fails unless `outcome` is a rejection with a real Error named `name`; returns the error. */
function rejected(outcome, name, what) {
  assert.ok(outcome.error, `${what}: expected ${name}, but it resolved with ${JSON.stringify(outcome.value?.data)?.slice(0, 200)}`);
  assert.ok(outcome.error instanceof Error, `${what}: rejects with a real Error`);
  assert.equal(outcome.error.name, name, `${what}: error.name (message: ${outcome.error.message})`);
  return outcome.error;
}

/** Fails unless `outcome` resolved; returns the value. */
function resolved(outcome, what) {
  assert.ok(!outcome.error, `${what}: rejected with ${outcome.error?.name}: ${outcome.error?.message}`);
  return outcome.value;
}

/** The same client answers a call to a well-behaved path (`status_id`, default 1). */
async function stillWorks(client, what, status_id = 1) {
  const next = await settle(client.getDeploymentStatus({ ...WHERE, status_id }));
  assert.equal(resolved(next, `${what}: the next call`).data.id, status_id, `${what}: the next call's status`);
}

test("runs under node --expose-gc (the hang cases collect garbage mid-body)", () => {
  assert.equal(typeof globalThis.gc, "function", "run this file with node --expose-gc --test");
});

// 1, 2 and 5 in part: the cases shared with workerd, here in Node, forcing collections mid-body.
hostileTests({
  runtime: "Node",
  run: (name, url) => noUncaughtExceptions(() => HOSTILE_CASES[name]({ Client, url, gc: globalThis.gc })),
});

describe("body size bound (maxBodyBytes)", () => {
  test("a 20 MB list body with maxBodyBytes 1,000,000: DecodeError, dropped while reading", { timeout: 60_000 }, () =>
    hostile([() => startServer((req, res, entry, server) => {
      if (entry.method !== "GET" || !isPath(entry, LIST_PATH)) return wellBehaved(res, entry, server.url);
      const last = JSON.stringify(statusJson(server.url));
      return stream(res, entry, { head: "[", chunk: listChunk(server.url), tail: `${last}]`, maxBytes: 20_000_000 });
    })], async (server) => {
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 30_000, maxBodyBytes: LIMIT });
      const outcome = await settle(client.listDeploymentStatuses({ ...WHERE, per_page: 100 }));
      checkTooBig(rejected(outcome, "DecodeError", "20 MB list"), 200, LIMIT, "20 MB list");
      const [entry, ...more] = server.requests.filter((e) => isPath(e, LIST_PATH));
      assert.equal(more.length, 0, "one request (a body too big is not retried)");
      await droppedWithin(entry, 20_000, "20 MB list");
      await stillWorks(client, "after a 20 MB list");
    }));

  test("without maxBodyBytes the bound is 16 MiB (16777216): an endless body ends in DecodeError", { timeout: 60_000 }, () =>
    hostile([() => startServer((req, res, entry, server) => {
      if (entry.method !== "GET" || !isPath(entry, LIST_PATH)) return wellBehaved(res, entry, server.url);
      return stream(res, entry, { head: "[", chunk: listChunk(server.url), maxBytes: 100 * MiB });
    })], async (server) => {
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 30_000 });
      const outcome = await settle(client.listDeploymentStatuses({ ...WHERE, per_page: 100 }));
      checkTooBig(rejected(outcome, "DecodeError", "endless body, default bound"), 200, 16 * MiB, "endless body, default bound");
      const [entry] = server.requests.filter((e) => isPath(e, LIST_PATH));
      await droppedWithin(entry, 20_000, "endless body, default bound");
      assert.ok(entry.written < 4 * 16 * MiB, `the server wrote ${entry.written} bytes; expected < 4 × 16 MiB`);
      await stillWorks(client, "after an endless body");
    }));

  test("an error answer (404) over maxBodyBytes: DecodeError with status 404", { timeout: 30_000 }, () =>
    hostile([() => startServer((req, res, entry, server) => {
      if (entry.url !== STATUS_7) return wellBehaved(res, entry, server.url);
      const body = JSON.stringify({ message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
      return sendJson(res, 404, body + " ".repeat(2 * MiB));
    })], async (server) => {
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 30_000, maxBodyBytes: LIMIT });
      const outcome = await settle(client.getDeploymentStatus({ ...WHERE, status_id: 7 }));
      checkTooBig(rejected(outcome, "DecodeError", "2 MiB 404"), 404, LIMIT, "2 MiB 404");
      await stillWorks(client, "after a 2 MiB 404");
    }));
});
