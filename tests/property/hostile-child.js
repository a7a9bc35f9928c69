// Run by property.test.js in a child process (what it looks for can break the wasm instance for
// good): caller objects whose Proxy traps or getters throw, passed everywhere the API takes an
// object; then 2,000 synchronous throws, and hostile calls in the same tick as a normal one.
// Prints one JSON report on stdout.
//
//   node tests/property/hostile-child.js [sync-throws]
import { Client } from "github-deployment-status";

const SYNC_THROWS = Number(process.argv[2] ?? 2000);
const CLOSED = "http://127.0.0.1:1"; // connection refused at once: no waiting, no traffic
const where = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };

const uncaught = [];
process.on("uncaughtException", (error) => uncaught.push(`${error?.name}: ${error?.message}`));
process.on("unhandledRejection", (error) => uncaught.push(`${error?.name}: ${error?.message}`));

const trap = (name) => () => {
  throw new Error(`${name} trap`);
};
const HOSTILE = {
  "Proxy whose ownKeys trap throws": () => new Proxy({}, { ownKeys: trap("ownKeys") }),
  "revoked Proxy": () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  "Proxy whose get trap throws": () => new Proxy({ ...where, state: "success", status_id: 1 }, { get: trap("get") }),
  "Proxy of an array whose get trap throws": () => new Proxy([where], { get: trap("get") }),
  "Proxy whose getPrototypeOf trap throws": () => new Proxy({ ...where }, { getPrototypeOf: trap("getPrototypeOf") }),
  "Proxy whose getOwnPropertyDescriptor trap throws": () => new Proxy({ ...where }, { getOwnPropertyDescriptor: trap("getOwnPropertyDescriptor") }),
  "object whose getters throw": () => Object.defineProperties({}, Object.fromEntries(
    ["owner", "repo", "deployment_id", "signal", "maxPages", "onPage", "auth", "baseUrl"].map((k) => [k, { enumerable: true, get: trap(`${k} getter`) }]),
  )),
};

/** Each place the API reads a caller's object. */
const ENTRY_POINTS = {
  "new Client(options)": (c, h) => new Client(h),
  "createDeploymentStatus(params)": (c, h) => c.createDeploymentStatus(h),
  "listDeploymentStatuses(params)": (c, h) => c.listDeploymentStatuses(h),
  "getDeploymentStatus(params)": (c, h) => c.getDeploymentStatus(h),
  "paginate(params)": (c, h) => c.paginate(h),
  "iterate(params)": (c, h) => c.iterate(h),
  "listDeploymentStatuses(params, options)": (c, h) => c.listDeploymentStatuses(where, h),
  "listDeploymentStatuses(params, { signal })": (c, h) => c.listDeploymentStatuses(where, { signal: h }),
  "paginate(params, { maxPages })": (c, h) => c.paginate(where, { maxPages: h }),
  "paginate(params, { onPage })": (c, h) => c.paginate(where, { onPage: h }),
  "iterate(params, options)": (c, h) => c.iterate(where, h),
  "createDeploymentStatus({ ...params, description })": (c, h) => c.createDeploymentStatus({ ...where, state: "success", description: h }),
};

const settle = (value) =>
  Promise.race([
    Promise.resolve(value).then(() => "resolved", (e) => `rejected ${e?.name}`),
    new Promise((resolve) => setTimeout(() => resolve("unsettled"), 300)),
  ]);

const client = new Client({ baseUrl: CLOSED, timeoutMs: 100, retries: 0 });
const calls = [];
for (const [kind, make] of Object.entries(HOSTILE)) {
  for (const [entry, call] of Object.entries(ENTRY_POINTS)) {
    const before = uncaught.length;
    let outcome;
    try {
      outcome = await settle(call(client, make()));
    } catch (error) {
      outcome = `threw ${error?.name}`;
    }
    await new Promise((resolve) => setImmediate(resolve));
    calls.push({ kind, entry, outcome, uncaught: uncaught.slice(before) });
  }
}

async function works() {
  try {
    const fresh = new Client({ baseUrl: CLOSED, timeoutMs: 100, retries: 0 });
    const a = await settle(fresh.listDeploymentStatuses(where));
    const b = await settle(client.getDeploymentStatus({ ...where, status_id: 0 }));
    return a === "rejected NetworkError" && b === "rejected ValidationError" ? "yes" : `no: ${a}, ${b}`;
  } catch (error) {
    return `no: ${error?.name}: ${error?.message}`;
  }
}
const worksAfterCalls = await works();

// Synchronous throws through wasm, as a long-running app could make over time.
let syncOk = 0;
let brokenAt = null;
for (let i = 0; i < SYNC_THROWS; i += 1) {
  try {
    new Client(HOSTILE["Proxy whose ownKeys trap throws"]());
  } catch (error) {
    if (error?.name === "ValidationError" || error?.message === "ownKeys trap") syncOk += 1;
    else if (brokenAt === null) brokenAt = { throws: i, error: `${error?.name}: ${error?.message}` };
  }
}
const worksAfterSyncThrows = await works();

// Hostile calls made in the same tick as a normal one must not stop it from settling.
const normal = client.listDeploymentStatuses(where);
const hostileBatch = Object.values(HOSTILE).flatMap((make) => [client.listDeploymentStatuses(make()), client.paginate(make())]);
const concurrent = {
  normal: await settle(normal),
  hostile: (await Promise.all(hostileBatch.map(settle))).filter((o) => o === "unsettled").length,
  after: await settle(client.listDeploymentStatuses(where)),
};

process.stdout.write(`${JSON.stringify({ calls, worksAfterCalls, syncThrows: SYNC_THROWS, syncOk, brokenAt, worksAfterSyncThrows, concurrent })}\n`);
process.exit(0);
