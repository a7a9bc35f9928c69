// Loopback servers that misbehave, for the hostile-server tests (hostile.test.js in Node,
// hostile-workerd.test.js in workerd). Each test starts its own servers on 127.0.0.1 and stops them
// itself; every server loop here is bounded in bytes, requests and time, and ends when the client
// goes away. Node only: the client side of the cases shared with workerd is in hostile-cases.js.
import http from "node:http";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ENDLESS_LIMIT, HOSTILE_CASES, LIMIT, LIST_PATH, SLACK_MS, WHERE } from "./hostile-cases.js";

export { LIST_PATH, WHERE };
export const MiB = 1024 * 1024;
const JSON_TYPE = "application/json; charset=utf-8";
/** GitHub's example deployment status (GitHub's docs, copied into tests/fixtures/). */
const FIXTURE = JSON.parse(readFileSync(new URL("../fixtures/get-deployment-status.200.json", import.meta.url), "utf8"));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A deployment status as GitHub renders it: the fixture with `fields` and URLs of `base`. */
export function statusJson(base, fields = {}) {
  const id = fields.id ?? 1;
  const repository = `${base}/repos/${WHERE.owner}/${WHERE.repo}`;
  const deployment = `${repository}/deployments/${WHERE.deployment_id}`;
  return {
    ...structuredClone(FIXTURE),
    url: `${deployment}/statuses/${id}`,
    node_id: Buffer.from(`016:DeploymentStatus${id}`).toString("base64"),
    deployment_url: deployment,
    repository_url: repository,
    performed_via_github_app: null,
    ...fields,
    id,
  };
}

/** Headers GitHub sends with every API answer. */
function apiHeaders(extra = {}) {
  return {
    "content-type": JSON_TYPE,
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-used": "1",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    "x-ratelimit-resource": "core",
    ...extra,
  };
}

/** Answers `value` as JSON, with Content-Length. */
export function sendJson(res, status, value, headers = {}) {
  const body = typeof value === "string" ? value : JSON.stringify(value);
  res.writeHead(status, apiHeaders({ "content-length": String(Buffer.byteLength(body)), ...headers }));
  res.end(body);
}

/**
 * Starts a server on 127.0.0.1 that records every request ({ method, url, headers, body, at,
 * written, finished, closedEarly, closedAt }) and passes it to `handle(req, res, entry, server)`
 * once the request body is read. An exception in `handle` drops the connection and is kept in
 * `server.errors` (a test checks it stays empty). `close()` drops every connection.
 */
export async function startServer(handle) {
  const sockets = new Set();
  const server = {
    requests: [],
    errors: [],
    url: "",
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      listener.close(() => resolve());
    }),
  };
  const listener = http.createServer({ keepAliveTimeout: 2000 }, (req, res) => {
    const entry = { method: req.method, url: req.url, headers: { ...req.headers }, body: "", at: Date.now(),
      written: 0, finished: false, closedEarly: false, closedAt: null };
    server.requests.push(entry);
    res.on("finish", () => { entry.finished = true; });
    res.on("close", () => {
      entry.closedAt = Date.now();
      entry.closedEarly = !entry.finished;
    });
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      entry.body = Buffer.concat(chunks).toString("utf8");
      Promise.resolve()
        .then(() => handle(req, res, entry, server))
        .catch((error) => {
          server.errors.push(error);
          res.destroy();
        });
    });
  });
  listener.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(0, "127.0.0.1", resolve);
  });
  server.url = `http://127.0.0.1:${listener.address().port}`;
  return server;
}

/** Writes `chunk`, counting it; resolves once the socket takes more, or false if it closed. */
async function write(res, entry, chunk) {
  if (res.destroyed || res.writableEnded) return false;
  entry.written += chunk.length;
  if (res.write(chunk)) return true;
  return new Promise((resolve) => {
    const done = (more) => {
      res.off("drain", drained);
      res.off("close", closed);
      resolve(more);
    };
    const drained = () => done(true);
    const closed = () => done(false);
    res.on("drain", drained);
    res.on("close", closed);
  });
}

/**
 * Sends `head` and then `chunk` again and again (backpressure honoured) until `maxBytes` are sent,
 * the client drops the connection, or `deadlineMs` pass; then `tail` and the end, if still open.
 */
export async function stream(res, entry, { status = 200, headers = {}, head = "", chunk, tail = "",
  maxBytes, deadlineMs = 30_000 }) {
  res.writeHead(status, apiHeaders(headers));
  const deadline = Date.now() + deadlineMs;
  let open = await write(res, entry, Buffer.from(head));
  while (open && entry.written + chunk.length <= maxBytes && Date.now() < deadline) {
    open = await write(res, entry, chunk);
  }
  if (open && !res.destroyed) res.end(tail);
}

/** Sends the headers and `first` at once, then one byte a second (at most `maxBytes`) while the client stays. */
export async function trickle(res, entry, { first = "{", byte = " ", everyMs = 1000, maxBytes = 30 } = {}) {
  res.writeHead(200, apiHeaders());
  let open = await write(res, entry, Buffer.from(first));
  for (let i = 0; open && i < maxBytes; i += 1) {
    await sleep(everyMs);
    open = await write(res, entry, Buffer.from(byte));
  }
  if (open && !res.destroyed) res.destroy();
}

/** A JSON array of `count` statuses (ids from `count` down to 1) for `base`. */
export function statusList(base, count, fields = () => ({})) {
  return Array.from({ length: count }, (_, i) => statusJson(base, { id: count - i, ...fields(count - i) }));
}

/**
 * A JSON array text of GitHub's example status repeated, padded with spaces after the `]` to
 * exactly `bytes` bytes (valid JSON of that size); `count` tells how many statuses it holds.
 */
export function paddedList(base, bytes) {
  const item = JSON.stringify(statusJson(base));
  const count = Math.floor((bytes - 2) / (item.length + 1));
  const text = `[${Array.from({ length: count }, () => item).join(",")}]`;
  if (text.length > bytes) throw new Error(`cannot build a list of ${bytes} bytes`);
  return { text: text + " ".repeat(bytes - text.length), count };
}

/** The path of the statuses of `WHERE`'s deployment, with an optional status id. */
export const statusPath = (id) => (id === undefined ? LIST_PATH : `${LIST_PATH}/${id}`);

/** Whether `entry` is for `path` (ignoring the query). */
export const isPath = (entry, path) => entry.url.split("?")[0] === path;

/**
 * A small GitHub that stores the statuses of `WHERE`'s deployment: POST creates one (ids increase,
 * created_at on the server's clock), GET lists them newest first with per_page/page and a `Link`
 * header, GET .../statuses/{id} reads one. Knobs, all read on each request:
 *   clockOffsetMs        the server's clock minus ours (created_at and the Date header)
 *   visibleAfterMs       a new status shows in lists and reads only this long after it was stored
 *   fate(entry, index)   "answer", "before" (drop the connection without acting) or "after"
 *                        (act, then drop it); index counts the requests from 0
 *   afterStore(status)   called once a POST stored `status`, before the answer (or the drop)
 * `server.store` holds every stored status, oldest first ({ id, description, ..., storedAt }).
 */
export async function startGitHub({ clockOffsetMs = 0, visibleAfterMs = 0, fate = () => "answer", afterStore = () => {} } = {}) {
  const store = [];
  let nextId = 1;
  const now = () => Date.now() + server.clockOffsetMs;
  const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
  const add = (input) => {
    const logUrl = input.log_url ?? "";
    const status = {
      id: nextId++,
      state: input.state,
      description: input.description ?? "",
      environment: input.environment ?? "production",
      target_url: input.target_url ?? logUrl,
      log_url: logUrl,
      environment_url: input.environment_url ?? "",
      created_at: iso(now()),
      storedAt: Date.now(),
    };
    status.updated_at = status.created_at;
    store.push(status);
    return status;
  };
  const render = (status) => {
    const { storedAt, ...fields } = status;
    return statusJson(server.url, fields);
  };
  const visible = () => store.filter((s) => Date.now() - s.storedAt >= server.visibleAfterMs).reverse();
  const dateHeader = () => ({ date: new Date(now()).toUTCString() });

  const server = await startServer(async (req, res, entry) => {
    const index = server.requests.indexOf(entry);
    const [path, query = ""] = entry.url.split("?");
    if (entry.method === "POST") {
      entry.input = JSON.parse(entry.body);
      entry.description = entry.input.description;
    }
    const what = server.fate(entry, index);
    entry.fate = what;
    if (what === "before") {
      req.socket.destroy();
      return;
    }
    let answer;
    if (entry.method === "POST" && path === LIST_PATH) {
      const status = add(entry.input);
      entry.storedId = status.id;
      server.afterStore(status);
      answer = () => sendJson(res, 201, render(status), { location: `${server.url}${LIST_PATH}/${status.id}`, ...dateHeader() });
    } else if (entry.method === "GET" && path === LIST_PATH) {
      const params = new URLSearchParams(query);
      const perPage = Math.min(Number(params.get("per_page") ?? 30) || 30, 100);
      const page = Math.max(Number(params.get("page") ?? 1) || 1, 1);
      const all = visible();
      const items = all.slice((page - 1) * perPage, page * perPage).map(render);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = (p, rel) => `<${server.url}${LIST_PATH}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
      const links = [];
      if (page > 1) links.push(link(page - 1, "prev"));
      if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
      if (page > 1) links.push(link(1, "first"));
      answer = () => sendJson(res, 200, items, { ...(links.length ? { link: links.join(", ") } : {}), ...dateHeader() });
    } else if (entry.method === "GET" && path.startsWith(`${LIST_PATH}/`)) {
      const found = visible().find((s) => String(s.id) === path.slice(LIST_PATH.length + 1));
      answer = () => (found
        ? sendJson(res, 200, render(found), dateHeader())
        : sendJson(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" }));
    } else {
      answer = () => sendJson(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
    }
    if (what === "after") {
      req.socket.destroy();
      return;
    }
    answer();
  });
  Object.assign(server, { store, clockOffsetMs, visibleAfterMs, fate, afterStore, add });
  return server;
}

/** A body sent without Content-Length (chunked), in pieces of 64 KiB. */
export function sendChunked(res, status, text, headers = {}) {
  res.writeHead(status, apiHeaders(headers));
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += 64 * 1024) res.write(bytes.subarray(at, at + 64 * 1024));
  res.end();
}

/** GitHub's answer to what is not hostile here: status 1, else 404. */
export function wellBehaved(res, entry, base) {
  if (entry.method === "GET" && entry.url === statusPath(1)) return sendJson(res, 200, statusJson(base, { id: 1 }));
  return sendJson(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
}

/** About 1 MiB of list items ("{...},{...},"): what an endless list body repeats after its "[". */
export function listChunk(base) {
  const item = `${JSON.stringify(statusJson(base))},`;
  return Buffer.from(item.repeat(Math.ceil(MiB / item.length)));
}

const only = (server, path) => server.requests.filter((entry) => isPath(entry, path));
const STALLED = statusPath(7);

/** The one request for `path`, checked to be the only one. */
function single(server, path) {
  const entries = only(server, path);
  assert.equal(entries.length, 1, `requests for ${path} (no retry expected)`);
  return entries[0];
}

/** The client dropped the connection of `entry` within `ms` of its start (waiting up to 2 s for the server to see it). */
export async function droppedWithin(entry, ms, what) {
  for (let i = 0; i < 20 && entry.closedAt === null; i += 1) await sleep(100);
  assert.ok(entry.closedAt !== null && entry.closedEarly,
    `${what}: the client dropped the connection while the server was still sending (closed: ${entry.closedAt !== null}, finished: ${entry.finished})`);
  assert.ok(entry.closedAt - entry.at <= ms, `${what}: connection dropped ${entry.closedAt - entry.at} ms after the request, expected within ${ms} ms`);
}

/**
 * The servers of the cases in HOSTILE_CASES (same names): `start()` resolves to a server from
 * startServer, `check(server, data)` (sync or async) asserts what it saw once the case resolved
 * with `data`.
 */
export const HOSTILE_SERVERS = {
  "an endless chunked body ends in DecodeError naming maxBodyBytes": {
    start: () => startServer((req, res, entry, server) => {
      if (entry.method !== "GET" || !isPath(entry, LIST_PATH)) return wellBehaved(res, entry, server.url);
      return stream(res, entry, { head: "[", chunk: listChunk(server.url), maxBytes: 64 * MiB });
    }),
    check: async (server) => {
      const entry = single(server, LIST_PATH);
      await droppedWithin(entry, 20_000, "endless body");
      assert.ok(entry.written < 4 * ENDLESS_LIMIT,
        `endless body: the server wrote ${entry.written} bytes before the client dropped it; expected < 4 × maxBodyBytes (${4 * ENDLESS_LIMIT})`);
    },
  },

  "a Content-Length over maxBodyBytes ends in DecodeError": {
    start: () => startServer((req, res, entry, server) => {
      if (entry.method !== "GET" || entry.url !== STALLED) return wellBehaved(res, entry, server.url);
      const head = Buffer.from(JSON.stringify(statusJson(server.url, { id: 7 })));
      const chunk = Buffer.alloc(64 * 1024, " ");
      const length = head.length + 512 * chunk.length;
      entry.contentLength = length;
      return stream(res, entry, { headers: { "content-length": String(length) }, head, chunk, maxBytes: length });
    }),
    check: (server) => droppedWithin(single(server, STALLED), 20_000, "Content-Length of 32 MiB"),
  },

  "a body of maxBodyBytes - 1 or maxBodyBytes bytes is read; one byte more is not": {
    start: () => startServer((req, res, entry, server) => {
      if (entry.method !== "GET" || !isPath(entry, LIST_PATH)) return wellBehaved(res, entry, server.url);
      const page = Number(new URLSearchParams(entry.url.split("?")[1]).get("page"));
      const bytes = { 1: LIMIT - 1, 2: LIMIT, 3: LIMIT + 1 }[page];
      if (!bytes) return wellBehaved(res, entry, server.url);
      const { text, count } = paddedList(server.url, bytes);
      entry.count = count;
      return sendChunked(res, 200, text);
    }),
    check: (server, data) => {
      const lists = only(server, LIST_PATH);
      assert.deepEqual(data.counts, lists.slice(0, 2).map((e) => e.count), "every status of the lists at the limit");
      assert.equal(lists.length, 3, "one request per list");
    },
  },

  "a connection dropped mid-body on every attempt ends in NetworkError": {
    start: () => startServer((req, res, entry, server) => {
      if (entry.method !== "GET" || entry.url !== STALLED) return wellBehaved(res, entry, server.url);
      const body = Buffer.from(JSON.stringify(statusJson(server.url, { id: 7 })));
      res.writeHead(200, apiHeaders({ "content-length": String(body.length) }));
      res.write(body.subarray(0, body.length >> 1), () => setTimeout(() => req.socket.destroy(), 50));
      return undefined;
    }),
    check: (server) => assert.equal(only(server, STALLED).length, 2, "attempts (GETs are retried on a network error; retries: 1)"),
  },

  "a stalled body ends in TimeoutError after timeoutMs": {
    start: () => startServer((req, res, entry, server) => {
      if (entry.method !== "GET" || entry.url !== STALLED) return wellBehaved(res, entry, server.url);
      return trickle(res, entry);
    }),
    check: (server) => droppedWithin(single(server, STALLED), 1000 + SLACK_MS, "stalled body"),
  },

  "the caller's signal aborting mid-body ends in AbortError": {
    start: () => startServer((req, res, entry, server) => {
      if (entry.method !== "GET" || entry.url !== STALLED) return wellBehaved(res, entry, server.url);
      return trickle(res, entry);
    }),
    check: async (server) => {
      const entry = single(server, STALLED);
      assert.ok(entry.written >= 2, `the abort came mid-body (the server had sent ${entry.written} body bytes)`);
      await droppedWithin(entry, 1500 + SLACK_MS, "aborted mid-body");
    },
  },

  "watch stops when its signal aborts during a stalled body": {
    start: () => startServer((req, res, entry, server) => {
      if (entry.method !== "GET" || !isPath(entry, LIST_PATH)) return wellBehaved(res, entry, server.url);
      return trickle(res, entry, { first: "[" });
    }),
    check: async (server) => {
      const entry = single(server, LIST_PATH);
      assert.ok(entry.written >= 2, `the abort came mid-body (the server had sent ${entry.written} body bytes)`);
      await droppedWithin(entry, 1500 + SLACK_MS, "watch aborted mid-body");
    },
  },

  "a signal whose aborted getter throws gives ValidationError (signal) for every call": {
    start: () => startServer((req, res, entry, server) => wellBehaved(res, entry, server.url)),
    check: (server) => {
      const sent = server.requests.filter((entry) => entry.url !== statusPath(1));
      assert.deepEqual(sent.map((e) => `${e.method} ${e.url}`), [], "requests sent with a hostile signal");
    },
  },
};

assert.deepEqual(Object.keys(HOSTILE_SERVERS), Object.keys(HOSTILE_CASES), "a server for every shared case");

/**
 * Declares the cases shared with workerd as tests: each starts its own server, runs the client side
 * through `run(name, url)` (in this process or inside workerd), checks what the server saw, and
 * stops the server.
 */
export function hostileTests({ runtime, run }) {
  describe(`crashes and hangs in ${runtime}`, () => {
    for (const name of Object.keys(HOSTILE_CASES)) {
      test(name, { timeout: 60_000 }, async (t) => {
        const { start, check } = HOSTILE_SERVERS[name];
        const server = await start();
        try {
          const data = await run(name, server.url);
          await check(server, data);
          assert.deepEqual(server.errors.map(String), [], "errors in the test server");
          t.diagnostic(JSON.stringify(data));
        } finally {
          await server.close();
        }
      });
    }
  });
}
