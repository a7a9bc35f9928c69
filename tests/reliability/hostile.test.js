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

describe("create exactly once against a GitHub that loses answers", () => {
  const PARAMS = { ...WHERE, state: "success", environment: "production" };
  const posts = (server) => server.requests.filter((e) => e.method === "POST").length;
  const storedWith = (server, description) => server.store.filter((s) => s.description === description);

  /** The call resolved as GitHub's 201 for the one status stored with `description`. */
  function createdOnce(server, outcome, description, what) {
    const stored = storedWith(server, description);
    assert.equal(stored.length, 1, `${what}: statuses stored with our description (ids ${stored.map((s) => s.id)})`);
    const result = resolved(outcome, what);
    assert.equal(result.status, 201, `${what}: resolves as 201`);
    assert.equal(result.data.id, stored[0].id, `${what}: resolves with the stored status`);
    assert.equal(result.data.description, description, `${what}: the resolved status's description`);
  }

  test("a: the POST's answer is lost and 150 newer statuses come before the check: found past the first page", { timeout: 60_000 }, () => {
    const description = "deploy a: answer lost, 150 newer";
    return hostile([() => startGitHub()], async (gh) => {
      gh.fate = (entry) => (entry.method === "POST" && posts(gh) === 1 ? "after" : "answer");
      gh.afterStore = (status) => {
        if (status.description !== description) return;
        for (let i = 1; i <= 150; i += 1) gh.add({ state: "success", environment: "production", description: `another deploy ${i}` });
      };
      const client = new Client({ baseUrl: gh.url, auth: TOKEN, timeoutMs: 5000 });
      const outcome = await settle(client.createDeploymentStatus({ ...PARAMS, description }, { signal: AbortSignal.timeout(40_000) }));
      createdOnce(gh, outcome, description, "150 newer statuses");
      await stillWorks(client, "after a lost answer", storedWith(gh, description)[0].id);
    });
  });

  test("b: the server's clock is 10 minutes behind (created_at and Date) and the POST's answer is lost: no duplicate", { timeout: 60_000 }, () => {
    const description = "deploy b: server clock 10 min behind";
    return hostile([() => startGitHub({ clockOffsetMs: -10 * 60_000 })], async (gh) => {
      gh.fate = (entry) => (entry.method === "POST" && posts(gh) === 1 ? "after" : "answer");
      const client = new Client({ baseUrl: gh.url, auth: TOKEN, timeoutMs: 5000 });
      const outcome = await settle(client.createDeploymentStatus({ ...PARAMS, description }, { signal: AbortSignal.timeout(40_000) }));
      const stored = storedWith(gh, description);
      assert.equal(stored.length, 1, `statuses stored with our description (ids ${stored.map((s) => s.id)}; ${posts(gh)} POSTs)`);
      if (outcome.error) {
        // Not finding it is acceptable only when the client says it may exist.
        assert.equal(outcome.error.mayHaveBeenCreated, true, `rejected (${outcome.error.name}: ${outcome.error.message}) without mayHaveBeenCreated`);
      } else {
        createdOnce(gh, outcome, description, "server clock behind");
      }
      await stillWorks(client, "after a skewed clock", stored[0].id);
    });
  });

  test("c: the server lists a new status only 3 s after storing it (replication lag), answer lost: found, no duplicate", { timeout: 60_000 }, () => {
    const description = "deploy c: visible after 3 s";
    return hostile([() => startGitHub({ visibleAfterMs: 3000 })], async (gh) => {
      gh.fate = (entry) => (entry.method === "POST" && posts(gh) === 1 ? "after" : "answer");
      const client = new Client({ baseUrl: gh.url, auth: TOKEN, timeoutMs: 5000, createCheckWindowMs: 10_000 });
      const outcome = await settle(client.createDeploymentStatus({ ...PARAMS, description }, { signal: AbortSignal.timeout(40_000) }));
      createdOnce(gh, outcome, description, "replication lag");
      assert.ok(outcome.ms <= 10_000 + SLACK_MS, `settled after ${outcome.ms} ms; the check window is 10 s`);
      await stillWorks(client, "after replication lag", storedWith(gh, description)[0].id);
    });
  });

  test("d: the same params twice; the second POST is dropped unstored: never resolved with the first call's status", { timeout: 60_000 }, () => {
    const description = "deploy d: same params twice";
    return hostile([() => startGitHub()], async (gh) => {
      gh.fate = (entry) => (entry.method === "POST" && posts(gh) === 2 ? "before" : "answer");
      const client = new Client({ baseUrl: gh.url, auth: TOKEN, timeoutMs: 5000 });
      const first = resolved(await settle(client.createDeploymentStatus({ ...PARAMS, description })), "the first call");
      assert.equal(first.status, 201, "the first call resolves as 201");
      const second = await settle(client.createDeploymentStatus({ ...PARAMS, description }, { signal: AbortSignal.timeout(40_000) }));
      const stored = storedWith(gh, description);
      if (second.error) {
        assert.equal(second.error.mayHaveBeenCreated, true,
          `the second call rejected (${second.error.name}: ${second.error.message}) without mayHaveBeenCreated === true`);
        assert.equal(stored.length, 1, "statuses stored when the second call rejected");
      } else {
        assert.notEqual(second.value.data.id, first.data.id, "the second call resolved with the first call's status (its own POST was never stored)");
        assert.ok(stored.some((s) => s.id === second.value.data.id), `the second call's status ${second.value.data.id} is stored`);
        assert.equal(stored.length, 2, "statuses stored: one per resolved call");
      }
    });
  });

  test("e: the POST's answer is lost and every check read fails: NetworkError with mayHaveBeenCreated", { timeout: 90_000 }, () => {
    const description = "deploy e: checks fail too";
    return hostile([() => startGitHub()], async (gh) => {
      let checksFail = true;
      gh.fate = (entry) => {
        if (entry.method === "POST") return posts(gh) === 1 ? "after" : "answer";
        return checksFail ? "before" : "answer";
      };
      const client = new Client({ baseUrl: gh.url, auth: TOKEN, timeoutMs: 5000 });
      const outcome = await settle(client.createDeploymentStatus({ ...PARAMS, description }, { signal: AbortSignal.timeout(60_000) }));
      const error = rejected(outcome, "NetworkError", "POST and checks reset");
      assert.equal(error.status, 0, "NetworkError status");
      assert.equal(error.mayHaveBeenCreated, true, "mayHaveBeenCreated");
      assert.match(error.message, /may have been created/i, "the message says the status may have been created");
      assert.equal(posts(gh), 1, "no second POST while the check could not read");
      assert.ok(gh.requests.some((e) => e.method === "GET"), "the client tried to check");
      checksFail = false;
      await stillWorks(client, "after failed checks", gh.store[0].id);
    });
  });

  test("f: soak: 500 concurrent creates, 10 % of connections reset (half before acting, half after): none twice, none lost", { timeout: 120_000 }, (t) =>
    hostile([() => startGitHub()], async (gh) => {
      // Every 20th request is dropped before the server acts, and every 20th (offset by 10) after it acted.
      gh.fate = (entry, index) => ({ 7: "before", 17: "after" })[index % 20] ?? "answer";
      const client = new Client({ baseUrl: gh.url, auth: TOKEN, timeoutMs: 10_000 });
      const signal = AbortSignal.timeout(60_000);
      setMaxListeners(1000, signal);
      const started = Date.now();
      const outcomes = await Promise.all(Array.from({ length: 500 }, (_, i) =>
        settle(client.createDeploymentStatus({ ...PARAMS, description: `soak ${i}` }, { signal }))));
      const ms = Date.now() - started;
      const stored = new Map();
      for (const status of gh.store) stored.set(status.description, [...(stored.get(status.description) ?? []), status.id]);
      const problems = [];
      const twice = [...stored].filter(([, ids]) => ids.length > 1);
      if (twice.length) problems.push(`${twice.length} descriptions stored more than once, e.g. ${JSON.stringify(twice.slice(0, 3))}`);
      const ids = new Set();
      let rejections = 0;
      outcomes.forEach((outcome, i) => {
        const description = `soak ${i}`;
        const mine = stored.get(description) ?? [];
        if (!outcome.error) {
          const { status, data } = outcome.value;
          if (status !== 201 || data.description !== description || !mine.includes(data.id)) {
            problems.push(`${description}: resolved ${status} with status ${data.id} (${data.description}), stored as ${JSON.stringify(mine)}`);
          }
          if (ids.has(data.id)) problems.push(`${description}: status ${data.id} resolved twice`);
          ids.add(data.id);
          return;
        }
        rejections += 1;
        const { name, message, mayHaveBeenCreated } = outcome.error;
        const ambiguous = gh.requests.some((e) => e.method === "POST" && e.description === description && e.fate !== "answer");
        // `true` when it may exist; absent when the check proved it was not created.
        if (mayHaveBeenCreated !== undefined && mayHaveBeenCreated !== true) problems.push(`${description}: ${name} with mayHaveBeenCreated ${mayHaveBeenCreated} (${message})`);
        else if (mine.length > 0 && !mayHaveBeenCreated) problems.push(`${description}: stored as ${mine}, but rejected without mayHaveBeenCreated (${name}: ${message})`);
        else if (mayHaveBeenCreated && !ambiguous) problems.push(`${description}: mayHaveBeenCreated true although no POST of it went unanswered (${name}: ${message})`);
      });
      assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
      assert.ok(ms < 60_000, `500 creates settled in ${ms} ms, expected < 60 s`);
      const resets = gh.requests.filter((e) => e.fate !== "answer").length;
      t.diagnostic(`soak: ${500 - rejections} resolved, ${rejections} rejected, ${gh.store.length} stored, ` +
        `${gh.requests.length} requests (${resets} reset), ${ms} ms`);
      await stillWorks(client, "after the soak", gh.store[0].id);
    }));
});

describe("redirects", () => {
  /** The other origin: records everything, and would gladly answer as GitHub does. */
  const startForeign = () => startServer((req, res, entry, server) => (entry.method === "POST"
    ? sendJson(res, 201, statusJson(server.url, { id: 99, description: "created elsewhere" }))
    : sendJson(res, 200, statusJson(server.url, { id: 1 }))));
  const REDIRECT_BODY = (location) => JSON.stringify({ message: "Moved Permanently", url: location, documentation_url: "https://docs.github.com/rest" });

  for (const code of [307, 308, 301, 302, 303]) {
    test(`a POST answered ${code} to another origin: nothing goes there, and the call does not resolve as created`, { timeout: 30_000 }, () => {
      let foreign;
      return hostile([startForeign, () => startServer((req, res, entry, server) => {
        if (entry.method === "POST") {
          const location = `${foreign.url}${LIST_PATH}`;
          return sendJson(res, code, REDIRECT_BODY(location), { location });
        }
        if (isPath(entry, LIST_PATH)) return sendJson(res, 200, []);
        return wellBehaved(res, entry, server.url);
      })], async (other, api) => {
        foreign = other;
        const client = new Client({ baseUrl: api.url, auth: TOKEN, timeoutMs: 5000 });
        const outcome = await settle(client.createDeploymentStatus({ ...WHERE, state: "success", description: `redirected ${code}` }, { signal: AbortSignal.timeout(20_000) }));
        assert.deepEqual(other.requests.map((e) => `${e.method} ${e.url} (authorization: ${e.headers.authorization ? "yes" : "no"}, body: ${e.body.length} bytes)`), [],
          "requests the other origin received");
        assert.ok(outcome.error, `the call resolved ${outcome.value?.status} with ${JSON.stringify(outcome.value?.data)?.slice(0, 120)}`);
        assert.ok(["HttpError", "NetworkError"].includes(outcome.error.name), `rejects with HttpError (or NetworkError), got ${outcome.error.name}: ${outcome.error.message}`);
        if (outcome.error.name === "HttpError") assert.equal(outcome.error.status, code, "HttpError status");
        await stillWorks(client, `after a ${code} to a POST`);
      });
    });
  }

  test("a GET answered 301 on the same origin (a renamed repository) is followed, the token sent to that origin only", { timeout: 30_000 }, () =>
    hostile([startForeign, () => startServer((req, res, entry, server) => {
      if (entry.url === statusPath(1)) {
        const location = `${server.url}/repositories/1296269/deployments/42/statuses/1`;
        return sendJson(res, 301, REDIRECT_BODY(location), { location });
      }
      if (entry.url === "/repositories/1296269/deployments/42/statuses/1") return sendJson(res, 200, statusJson(server.url, { id: 1 }));
      return wellBehaved(res, entry, server.url);
    })], async (other, api) => {
      const client = new Client({ baseUrl: api.url, auth: TOKEN, timeoutMs: 5000 });
      const outcome = await settle(client.getDeploymentStatus({ ...WHERE, status_id: 1 }));
      const result = resolved(outcome, "renamed repository");
      assert.deepEqual([result.status, result.data.id], [200, 1], "status and id");
      assert.deepEqual(api.requests.map((e) => [e.url, e.headers.authorization]), [
        [statusPath(1), `Bearer ${TOKEN}`],
        ["/repositories/1296269/deployments/42/statuses/1", `Bearer ${TOKEN}`],
      ], "requests to the API origin, with the token");
      assert.equal(other.requests.length, 0, "requests to the other origin");
    }));

  for (const code of [301, 302, 303, 307, 308]) {
    test(`a GET answered ${code} to another origin: no token goes there, and the call rejects`, { timeout: 30_000 }, (t) => {
      let foreign;
      return hostile([startForeign, () => startServer((req, res, entry, server) => {
        if (entry.url === STATUS_7) {
          const location = `${foreign.url}${STATUS_7}`;
          return sendJson(res, code, REDIRECT_BODY(location), { location });
        }
        return wellBehaved(res, entry, server.url);
      })], async (other, api) => {
        foreign = other;
        const client = new Client({ baseUrl: api.url, auth: TOKEN, timeoutMs: 5000 });
        const outcome = await settle(client.getDeploymentStatus({ ...WHERE, status_id: 7 }, { signal: AbortSignal.timeout(20_000) }));
        assert.deepEqual(other.requests.filter((e) => e.headers.authorization !== undefined).map((e) => e.url), [],
          "requests to the other origin carrying Authorization");
        assert.ok(outcome.error, `the call resolved ${outcome.value?.status} with the other origin's answer`);
        assert.ok(outcome.error instanceof Error && ["HttpError", "NetworkError"].includes(outcome.error.name),
          `rejects with HttpError (or NetworkError), got ${outcome.error.name}: ${outcome.error.message}`);
        if (other.requests.length > 0) t.diagnostic(`${code}: the other origin still received ${other.requests.length} request(s) without the token`);
        await stillWorks(client, `after a ${code} to a GET`);
      });
    });
  }
});

describe("pagination tricks", () => {
  test("a Link cycle disguised with fragments (?page=2#a, ?page=1#b, ...) stops with DecodeError after a few requests", { timeout: 30_000 }, () =>
    hostile([() => startServer((req, res, entry, server) => {
      if (!isPath(entry, LIST_PATH)) return wellBehaved(res, entry, server.url);
      const lists = server.requests.filter((e) => isPath(e, LIST_PATH)).length;
      // A bound for this test, not for the client: after 50 pages the server stops linking.
      if (lists > 50) return sendJson(res, 200, []);
      const page = Number(new URLSearchParams(entry.url.split("?")[1]).get("page") ?? 1);
      const ids = page === 1 ? [4, 3] : [2, 1];
      const next = `${server.url}${LIST_PATH}?per_page=2&page=${page === 1 ? 2 : 1}#${"abcdefghijklmnopqrstuvwxyz"[lists % 26]}${lists}`;
      return sendJson(res, 200, ids.map((id) => statusJson(server.url, { id })), { link: `<${next}>; rel="next"` });
    })], async (server) => {
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 5000 });
      const outcome = await settle(client.paginate({ ...WHERE, per_page: 2 }, { signal: AbortSignal.timeout(20_000) }));
      const lists = server.requests.filter((e) => isPath(e, LIST_PATH)).length;
      assert.ok(lists < 10, `the server saw ${lists} list requests; a cycle must stop after a few`);
      assert.equal(rejected(outcome, "DecodeError", "Link cycle").status, 200, "DecodeError status");
      await stillWorks(client, "after a Link cycle");
    }));

  test("an empty page that still links rel=\"next\" ends paginate with what came before", { timeout: 30_000 }, () =>
    hostile([() => startServer((req, res, entry, server) => {
      if (!isPath(entry, LIST_PATH)) return wellBehaved(res, entry, server.url);
      const page = Number(new URLSearchParams(entry.url.split("?")[1]).get("page") ?? 1);
      const link = `<${server.url}${LIST_PATH}?per_page=2&page=${page + 1}>; rel="next"`;
      if (page === 1) return sendJson(res, 200, [statusJson(server.url, { id: 4 }), statusJson(server.url, { id: 3 })], { link });
      if (page === 2) return sendJson(res, 200, [], { link });
      return sendJson(res, 200, [statusJson(server.url, { id: 2 })]);
    })], async (server) => {
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 5000 });
      const outcome = await settle(client.paginate({ ...WHERE, per_page: 2 }, { signal: AbortSignal.timeout(20_000) }));
      const pages = server.requests.filter((e) => isPath(e, LIST_PATH)).map((e) => new URLSearchParams(e.url.split("?")[1]).get("page") ?? "1");
      assert.deepEqual(pages, ["1", "2"], "pages requested (the empty page's next link is not followed)");
      assert.deepEqual(resolved(outcome, "empty page").map((s) => s.id), [4, 3], "the statuses before the empty page");
    }));
});

describe("wrong values", () => {
  const BIG = "9007199254740993";
  const withBigId = (value, id) => JSON.stringify(value).replace(`"id":${id},`, `"id":${BIG},`);

  test("an id above 2^53 - 1 in the JSON text: DecodeError naming the field", { timeout: 30_000 }, () =>
    hostile([() => startServer((req, res, entry, server) => {
      if (entry.url === STATUS_7) return sendJson(res, 200, withBigId(statusJson(server.url, { id: 777777 }), 777777));
      if (isPath(entry, LIST_PATH)) {
        const list = statusList(server.url, 3);
        list[0].id = 777777;
        return sendJson(res, 200, withBigId(list, 777777));
      }
      return wellBehaved(res, entry, server.url);
    })], async (server) => {
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 5000 });
      const one = rejected(await settle(client.getDeploymentStatus({ ...WHERE, status_id: 7 })), "DecodeError", "one status");
      assert.equal(one.status, 200, "DecodeError status");
      assert.match(one.message, /\bid\b/, "the message names the field id");
      const list = rejected(await settle(client.listDeploymentStatuses({ ...WHERE })), "DecodeError", "a list");
      assert.match(list.message, /\[0\]\.id\b/, "the message names the field [0].id");
      await stillWorks(client, "after an id too big");
    }));

  test("a list whose item 3 lacks creator.node_id: DecodeError naming [3].creator.node_id", { timeout: 30_000 }, () =>
    hostile([() => startServer((req, res, entry, server) => {
      if (!isPath(entry, LIST_PATH)) return wellBehaved(res, entry, server.url);
      const list = statusList(server.url, 5);
      delete list[3].creator.node_id;
      return sendJson(res, 200, list);
    })], async (server) => {
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 5000 });
      const error = rejected(await settle(client.listDeploymentStatuses({ ...WHERE })), "DecodeError", "missing node_id");
      assert.equal(error.status, 200, "DecodeError status");
      assert.match(error.message, /\[3\]\.creator\.node_id/, "the message names [3].creator.node_id");
      await stillWorks(client, "after a missing field");
    }));

  /** A server whose first answer to GET status 7 is `first` ({ status, headers }), then the status. */
  const onceThenFine = (first) => startServer((req, res, entry, server) => {
    if (entry.url !== STATUS_7) return wellBehaved(res, entry, server.url);
    if (server.requests.filter((e) => e.url === STATUS_7).length === 1) {
      const { status, headers } = first();
      return sendJson(res, status, { message: status === 503 ? "Service Unavailable" : "API rate limit exceeded", documentation_url: "https://docs.github.com/rest" }, headers);
    }
    return sendJson(res, 200, statusJson(server.url, { id: 7 }));
  });

  /** The call resolved after the second request, which came `min` ms or more after the first (and not much later than `max`). */
  function retriedAfter(server, outcome, min, max, what) {
    assert.equal(resolved(outcome, what).data.id, 7, `${what}: the retry's answer`);
    const [first, second, ...more] = server.requests.filter((e) => e.url === STATUS_7);
    assert.ok(second && more.length === 0, `${what}: two requests`);
    const gap = second.at - first.at;
    assert.ok(gap >= min && gap <= max, `${what}: the retry came ${gap} ms after the first answer, expected ${min}..${max} ms`);
  }

  test("Retry-After: 1 on a 503 to a GET is honoured", { timeout: 30_000 }, () =>
    hostile([() => onceThenFine(() => ({ status: 503, headers: { "retry-after": "1" } }))], async (server) => {
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 5000, retries: 2, maxRateLimitWaitMs: 10_000 });
      const outcome = await settle(client.getDeploymentStatus({ ...WHERE, status_id: 7 }, { signal: AbortSignal.timeout(20_000) }));
      retriedAfter(server, outcome, 900, 1000 + SLACK_MS, "503 Retry-After: 1");
    }));

  test("Retry-After as an HTTP-date 2 s ahead on a 429 is honoured", { timeout: 30_000 }, () =>
    hostile([() => onceThenFine(() => ({ status: 429, headers: { "retry-after": new Date(Date.now() + 2000).toUTCString() } }))], async (server) => {
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 5000, retries: 2, maxRateLimitWaitMs: 10_000 });
      const outcome = await settle(client.getDeploymentStatus({ ...WHERE, status_id: 7 }, { signal: AbortSignal.timeout(20_000) }));
      // The date has whole seconds: the wait is between 1 and 2 s.
      retriedAfter(server, outcome, 900, 2000 + SLACK_MS, "429 Retry-After: <HTTP-date>");
    }));

  test("Retry-After: 99999999999999999999 (overflow) on a 429 fails at once with HttpError 429", { timeout: 30_000 }, () =>
    hostile([() => onceThenFine(() => ({ status: 429, headers: { "retry-after": "99999999999999999999" } }))], async (server) => {
      // Default maxRateLimitWaitMs (60 s): an unreadable Retry-After must not become a 60 s wait.
      const client = new Client({ baseUrl: server.url, auth: TOKEN, timeoutMs: 5000 });
      const outcome = await settle(client.getDeploymentStatus({ ...WHERE, status_id: 7 }, { signal: AbortSignal.timeout(8000) }));
      const error = rejected(outcome, "HttpError", "Retry-After overflow");
      assert.equal(error.status, 429, "HttpError status");
      assert.ok(outcome.ms < 5000, `settled after ${outcome.ms} ms, expected < 5 s`);
      assert.equal(server.requests.filter((e) => e.url === STATUS_7).length, 1, "requests (no retry)");
      await stillWorks(client, "after a Retry-After overflow");
    }));
});
