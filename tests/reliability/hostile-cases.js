// The client side of the hostile-server cases that run both in Node (hostile.test.js) and inside
// workerd (hostile-workerd.test.js, through workerd-worker.js): a server that crashes the client
// (an endless or oversized body, a connection dropped mid-body, a signal whose getter throws) or
// hangs it (a body that stalls). Each case is `async ({ Client, url, gc? }) => data`; `url` is the
// loopback server the Node side started for it (hostile-servers.js, HOSTILE_SERVERS), which also
// checks what that server saw. No runtime-specific imports here.
import { eq, fail, ok, rejects, TOKEN } from "../js/check.js";

export const WHERE = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };
export const LIST_PATH = "/repos/octo-org/hello-world/deployments/42/statuses";

/** "Within a few seconds": slack on every upper time bound, for a loaded 2-core machine. */
export const SLACK_MS = 4000;
/** The limit of the endless-body case, and of the others. */
export const ENDLESS_LIMIT = 4_000_000;
export const LIMIT = 1_000_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A regex matching `n` written plainly or with thousands separators (1000000, 1,000,000, 1 000 000, 1_000_000). */
export function numberPattern(n) {
  return new RegExp(`(?<!\\d)${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "[,._ \u202f\u00a0]?")}(?!\\d)`);
}

/** The DecodeError an oversized answer must give: the answer's status, maxBodyBytes and the limit named. */
export function checkTooBig(error, status, limit, what) {
  eq(error.status, status, `${what}: error.status`);
  ok(/maxBodyBytes/.test(error.message), `${what}: the message names maxBodyBytes: ${JSON.stringify(error.message)}`);
  const mib = limit % 1048576 === 0 ? new RegExp(`\\b${limit / 1048576}\\s?MiB`) : null;
  ok(numberPattern(limit).test(error.message) || mib?.test(error.message),
    `${what}: the message names the limit ${limit}: ${JSON.stringify(error.message)}`);
}

/** The same client answers the next call (status 1 of a well-behaved path of the same server). */
async function stillWorks(client, what) {
  let result;
  try {
    result = await client.getDeploymentStatus({ ...WHERE, status_id: 1 });
  } catch (error) {
    fail(`${what}: the next call failed: ${error.name}: ${error.message}`);
  }
  eq([result.status, result.data.id], [200, 1], `${what}: the next call`);
}

/** Calls `gc` every 100 ms (at most 50 times) until `promise` settles, when a gc is given; never rejects. */
async function collectWhile(promise, gc) {
  let settled = false;
  const done = promise.then(() => { settled = true; }, () => { settled = true; });
  for (let i = 0; gc && i < 50 && !settled; i += 1) {
    await sleep(100);
    gc();
  }
  await done;
}

/** `promise`, or a rejection saying it did not settle within `ms`. */
function within(promise, ms) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Two signals whose `aborted` getter throws: a bare object on AbortSignal's prototype, a Proxy whose get trap throws. */
function throwingSignals() {
  const real = new AbortController().signal;
  return [
    ["Object.create(AbortSignal.prototype)", () => Object.create(AbortSignal.prototype)],
    ["a Proxy of a signal whose get trap throws", () => new Proxy(real, {
      get() {
        throw new Error("get trap of a hostile signal");
      },
    })],
  ];
}

/** Every call that takes { signal }, with valid params. */
const CALLS = {
  createDeploymentStatus: (client, signal) => client.createDeploymentStatus({ ...WHERE, state: "success" }, { signal }),
  listDeploymentStatuses: (client, signal) => client.listDeploymentStatuses({ ...WHERE }, { signal }),
  getDeploymentStatus: (client, signal) => client.getDeploymentStatus({ ...WHERE, status_id: 1 }, { signal }),
  paginate: (client, signal) => client.paginate({ ...WHERE }, { signal }),
  // iterate may throw at once or reject its first next(): either is the call failing.
  iterate: async (client, signal) => client.iterate({ ...WHERE }, { signal })[Symbol.asyncIterator]().next(),
  watch: (client, signal) => client.watch({ ...WHERE }, { signal, onChange: () => {} }),
};

export const HOSTILE_CASES = {
  "an endless chunked body ends in DecodeError naming maxBodyBytes": async ({ Client, url }) => {
    const client = new Client({ baseUrl: url, auth: TOKEN, timeoutMs: 30_000, maxBodyBytes: ENDLESS_LIMIT });
    const started = Date.now();
    const error = await rejects(() => client.listDeploymentStatuses({ ...WHERE, per_page: 100 }), "DecodeError", "endless body");
    const ms = Date.now() - started;
    checkTooBig(error, 200, ENDLESS_LIMIT, "endless body");
    await stillWorks(client, "after an endless body");
    return { ms };
  },

  "a Content-Length over maxBodyBytes ends in DecodeError": async ({ Client, url }) => {
    const client = new Client({ baseUrl: url, auth: TOKEN, timeoutMs: 30_000, maxBodyBytes: LIMIT });
    const error = await rejects(() => client.getDeploymentStatus({ ...WHERE, status_id: 7 }), "DecodeError", "Content-Length over the limit");
    checkTooBig(error, 200, LIMIT, "Content-Length over the limit");
    await stillWorks(client, "after a Content-Length over the limit");
    return {};
  },

  "a body of maxBodyBytes - 1 or maxBodyBytes bytes is read; one byte more is not": async ({ Client, url }) => {
    const client = new Client({ baseUrl: url, auth: TOKEN, timeoutMs: 30_000, maxBodyBytes: LIMIT, cache: false });
    const counts = [];
    for (const page of [1, 2]) {
      let result;
      try {
        result = await client.listDeploymentStatuses({ ...WHERE, per_page: 100, page });
      } catch (error) {
        fail(`a valid list of ${page === 1 ? "maxBodyBytes - 1" : "exactly maxBodyBytes"} bytes was refused: ${error.name}: ${error.message}`);
      }
      ok(Array.isArray(result.data) && result.data.length > 100, `page ${page}: the list is read whole (${result.data?.length} items)`);
      counts.push(result.data.length);
    }
    const error = await rejects(() => client.listDeploymentStatuses({ ...WHERE, per_page: 100, page: 3 }), "DecodeError", "maxBodyBytes + 1 bytes");
    checkTooBig(error, 200, LIMIT, "maxBodyBytes + 1 bytes");
    await stillWorks(client, "after lists at the limit");
    return { counts };
  },

  "a connection dropped mid-body on every attempt ends in NetworkError": async ({ Client, url }) => {
    const client = new Client({ baseUrl: url, auth: TOKEN, timeoutMs: 10_000, retries: 1, cache: false });
    await rejects(() => client.getDeploymentStatus({ ...WHERE, status_id: 7 }), "NetworkError", "dropped mid-body");
    await stillWorks(client, "after a dropped body");
    return {};
  },

  "a stalled body ends in TimeoutError after timeoutMs": async ({ Client, url, gc }) => {
    const client = new Client({ baseUrl: url, auth: TOKEN, timeoutMs: 1000, retries: 0, cache: false });
    const started = Date.now();
    const call = client.getDeploymentStatus({ ...WHERE, status_id: 7 });
    call.catch(() => {});
    await collectWhile(call, gc);
    await rejects(() => call, "TimeoutError", "stalled body");
    const ms = Date.now() - started;
    ok(ms >= 900 && ms <= 1000 + SLACK_MS, `stalled body: settled after ${ms} ms, expected 1000 ms + up to ${SLACK_MS} ms`);
    await stillWorks(client, "after a stalled body");
    return { ms };
  },

  "the caller's signal aborting mid-body ends in AbortError": async ({ Client, url, gc }) => {
    const client = new Client({ baseUrl: url, auth: TOKEN, timeoutMs: 30_000, retries: 0, cache: false });
    const controller = new AbortController();
    const call = client.getDeploymentStatus({ ...WHERE, status_id: 7 }, { signal: controller.signal });
    call.catch(() => {});
    setTimeout(() => controller.abort(), 1500);
    const started = Date.now();
    await collectWhile(call, gc);
    await rejects(() => call, "AbortError", "aborted mid-body");
    const ms = Date.now() - started;
    ok(ms <= 1500 + SLACK_MS, `aborted mid-body: settled ${ms} ms after the call, the abort came at 1500 ms`);
    await stillWorks(client, "after an abort mid-body");
    return { ms };
  },

  "watch stops when its signal aborts during a stalled body": async ({ Client, url, gc }) => {
    const client = new Client({ baseUrl: url, auth: TOKEN, timeoutMs: 30_000, retries: 0, cache: false });
    const controller = new AbortController();
    let changes = 0;
    const watching = client.watch({ ...WHERE }, { signal: controller.signal, intervalMs: 1000, onChange: () => { changes += 1; } });
    watching.catch(() => {});
    await sleep(1500);
    const aborted = Date.now();
    controller.abort();
    collectWhile(Promise.race([watching, sleep(SLACK_MS + 1000)]), gc);
    const outcome = await Promise.race([
      watching.then(() => "resolved", (error) => error),
      sleep(SLACK_MS + 1000).then(() => "pending"),
    ]);
    const ms = Date.now() - aborted;
    if (outcome === "pending") fail(`watch still running ${ms} ms after its signal aborted`);
    if (outcome !== "resolved") {
      ok(outcome instanceof Error && outcome.name === "AbortError",
        `watch ended by its signal: resolves or rejects with AbortError, got ${outcome?.name}: ${outcome?.message}`);
    }
    ok(ms <= SLACK_MS, `watch settled ${ms} ms after its signal aborted`);
    eq(changes, 0, "onChange calls (the only answer never completed)");
    await stillWorks(client, "after a watch stopped mid-body");
    return { ms, outcome: outcome === "resolved" ? outcome : outcome.name };
  },

  "a signal whose aborted getter throws gives ValidationError (signal) for every call": async ({ Client, url }) => {
    const client = new Client({ baseUrl: url, auth: TOKEN, timeoutMs: 5000, retries: 0 });
    const problems = [];
    let checked = 0;
    for (const [kind, make] of throwingSignals()) {
      for (const [name, call] of Object.entries(CALLS)) {
        const what = `${name}(params, { signal: ${kind} })`;
        let error = null;
        try {
          await within(call(client, make()), 2000);
        } catch (e) {
          error = e;
        }
        if (!error) problems.push(`${what}: resolved`);
        else if (!(error instanceof Error) || error.name !== "ValidationError" || error.field !== "signal" || error.status !== 0) {
          problems.push(`${what}: expected ValidationError (field signal, status 0), got ${error?.name} ` +
            `(field ${error?.field}, status ${error?.status}): ${error?.message}`);
        } else {
          checked += 1;
        }
      }
    }
    if (problems.length > 0) fail(`${problems.length} calls wrong:\n${problems.join("\n")}`);
    await stillWorks(client, "after hostile signals");
    return { checked };
  },
};
