// The built package in Node: every scenario against the mock GitHub, started and stopped by PID.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { getEventListeners } from "node:events";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { mockControl, TOKEN } from "./check.js";
import { scenarios } from "./scenarios.js";
import { startMock } from "./mock-process.js";
import { Client } from "github-deployment-status";

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock?.stop());

/** The mock's control, its state reset. */
async function resetMock() {
  const control = mockControl(mock.url);
  await control.reset();
  return control;
}

describe("npm package in Node", () => {
  test("resolves the node entry of the package exports", async () => {
    assert.equal(typeof Client, "function");
  });
  // Scenario names are known before the mock's URL is; each reads the URL when it runs.
  for (const name of Object.keys(scenarios({ Client, mock: "", runtime: "node" }))) {
    test(name, { timeout: 30_000 }, () => scenarios({ Client, mock: mock.url, runtime: "node" })[name]());
  }
});

describe("iterate over 100,000 statuses in Node", () => {
  test("memory stays flat: pages are not kept", { timeout: 300_000 }, async () => {
    const control = await resetMock();
    await control.bulkStatuses({ owner: "octo-org", repo: "hello-world", deployment_id: 700, count: 100_000 });
    const client = new Client({ baseUrl: mock.url, auth: TOKEN, cache: false });
    const samples = [];
    let items = 0;
    let pages = 0;
    for await (const page of client.iterate({ owner: "octo-org", repo: "hello-world", deployment_id: 700, per_page: 100 })) {
      items += page.data.length;
      pages += 1;
      if (pages % 100 === 0) {
        global.gc?.();
        samples.push(process.memoryUsage().heapUsed);
      }
    }
    assert.equal(items, 100_000);
    assert.equal(pages, 1000);
    const growth = Math.max(...samples.slice(1)) - samples[0];
    assert.ok(growth < 16 * 1024 * 1024, `heap grew ${(growth / 1048576).toFixed(1)} MiB between page 100 and page 1000`);
  });
});

describe("a long-lived signal in Node", () => {
  test("calls leave no listener on the caller's signal", { timeout: 60_000 }, async () => {
    await resetMock();
    const client = new Client({ baseUrl: mock.url, auth: TOKEN });
    const shutdown = new AbortController();
    const where = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };
    for (let i = 0; i < 200; i++) {
      await client.listDeploymentStatuses(where, { signal: shutdown.signal });
    }
    await client.paginate(where, { signal: shutdown.signal });
    assert.equal(getEventListeners(shutdown.signal, "abort").length, 0);
  });
});

describe("reused abort controllers in Node", () => {
  test("3,000 sequential calls leave few abort listeners on any signal, and timeouts still fire after them", { timeout: 120_000 }, async () => {
    const control = await resetMock();
    // Node's fetch adds an abort listener to the signal of every request and removes it only
    // when that request is garbage-collected; one signal reused without a bound collects about
    // 1,500 of them within 3,000 requests and Node prints MaxListenersExceededWarning.
    const live = new WeakMap();
    let most = 0;
    const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
    EventTarget.prototype.addEventListener = function (type, listener, options) {
      if (this instanceof AbortSignal && type === "abort") {
        const count = (live.get(this) ?? 0) + 1;
        live.set(this, count);
        most = Math.max(most, count);
      }
      return add.call(this, type, listener, options);
    };
    EventTarget.prototype.removeEventListener = function (type, listener, options) {
      if (this instanceof AbortSignal && type === "abort") live.set(this, (live.get(this) ?? 1) - 1);
      return remove.call(this, type, listener, options);
    };
    try {
      const client = new Client({ baseUrl: mock.url, auth: TOKEN, cache: false, timeoutMs: 500, retries: 0 });
      const where = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };
      for (let i = 0; i < 3_000; i++) await client.listDeploymentStatuses(where);
      assert.ok(most <= 100, `${most} abort listeners on one signal`);
      // A reused controller must still time out its own attempt, and only that one.
      await control.fault({ method: "GET", path: "/repos/octo-org/hello-world/deployments/42/statuses", delay_ms: 2_000 });
      await assert.rejects(client.listDeploymentStatuses(where), { name: "TimeoutError" });
      assert.equal((await client.listDeploymentStatuses(where)).status, 200);
      // Two calls at once each get a controller of their own: one timing out leaves the other be.
      await control.fault({ method: "GET", path: "/repos/octo-org/hello-world/deployments/42/statuses/1", delay_ms: 2_000 });
      const [slow, fast] = await Promise.allSettled([
        client.getDeploymentStatus({ ...where, status_id: 1 }),
        client.listDeploymentStatuses(where),
      ]);
      assert.equal(slow.status === "rejected" && slow.reason.name, "TimeoutError");
      assert.equal(fast.status, "fulfilled");
    } finally {
      Object.assign(EventTarget.prototype, { addEventListener: add, removeEventListener: remove });
    }
  });
});

describe("NetworkError says why in Node", () => {
  test("a refused port and a self-signed certificate: the runtime's error as cause, its code in the message", async () => {
    const closed = net.createServer();
    await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await new Client({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 })
      .listDeploymentStatuses({ owner: "o", repo: "r", deployment_id: 1 })
      .catch((e) => e);
    assert.equal(refused.name, "NetworkError");
    assert.ok(refused.cause instanceof TypeError, "the TypeError fetch rejected with");
    assert.equal(refused.cause.cause.code, "ECONNREFUSED");
    assert.match(refused.message, /ECONNREFUSED/);

    const dir = mkdtempSync(path.join(tmpdir(), "self-signed-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    const server = https.createServer({ key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) },
      (_, res) => res.end("[]"));
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const untrusted = await new Client({ baseUrl: `https://127.0.0.1:${server.address().port}`, retries: 0 })
        .listDeploymentStatuses({ owner: "o", repo: "r", deployment_id: 1 })
        .catch((e) => e);
      assert.equal(untrusted.name, "NetworkError");
      assert.equal(untrusted.cause.cause.code, "DEPTH_ZERO_SELF_SIGNED_CERT");
      assert.match(untrusted.message, /DEPTH_ZERO_SELF_SIGNED_CERT: self[- ]signed certificate/);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("errors a Node user did not catch", () => {
  /** Runs an ES module script that imports the package by name; resolves to { code, stderr }. */
  function runScript(source) {
    const child = spawn(process.execPath, ["--input-type=module", "--eval", source], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  }

  // Node prints the source line where an uncaught error was made, then the error: that line must be
  // short (the minified glue is one line of ~10 KB) and the error must say what it is.
  const cases = [
    ["a rejected call (refused port)", (url) => `new Client({ baseUrl: "${url}", retries: 0 }).listDeploymentStatuses(where)`, "NetworkError", /network error/],
    ["a rejected call (404)", (url) => `new Client({ baseUrl: "${url}" }).getDeploymentStatus({ ...where, status_id: 999 })`, "HttpError", /Not Found/],
    ["a throwing constructor", () => `new Client({ auth: 42 })`, "ValidationError", /auth must be a string/],
    ["a call on a freed client", (url) => `const c = new Client({ baseUrl: "${url}" }); c.free(); c.listDeploymentStatuses(where)`, "ValidationError", /the client was freed/],
  ];
  for (const [what, call, name, message] of cases) {
    test(`${what}: stderr shows ${name} and its message after a short source line`, { timeout: 30_000 }, async () => {
      const url = what.includes("refused") ? "http://127.0.0.1:1" : mock.url;
      const { code, stderr } = await runScript(`import { Client } from "github-deployment-status";
const where = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };
${call(url)};`);
      assert.equal(code, 1, stderr);
      const beforeStack = stderr.split(/\n {4}at /)[0];
      assert.ok(beforeStack.length < 2048, `${beforeStack.length} B before the stack:\n${beforeStack.slice(0, 500)}`);
      assert.ok(beforeStack.split("\n").every((line) => line.length < 200), `a long line before the stack:\n${beforeStack.slice(0, 500)}`);
      assert.ok(beforeStack.includes(name), beforeStack);
      assert.match(beforeStack, message);
    });
  }
});

describe("a freed client", () => {
  test("calls reject (iterate throws) with a ValidationError naming client; free() again does nothing", async () => {
    await resetMock();
    const client = new Client({ baseUrl: mock.url });
    const where = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };
    assert.equal((await client.listDeploymentStatuses(where)).status, 200);
    client.free();
    const freed = { name: "ValidationError", field: "client", status: 0, message: "the client was freed (client.free()); create a new Client" };
    const calls = {
      createDeploymentStatus: () => client.createDeploymentStatus({ ...where, state: "success" }),
      listDeploymentStatuses: () => client.listDeploymentStatuses(where),
      getDeploymentStatus: () => client.getDeploymentStatus({ ...where, status_id: 1 }),
      paginate: () => client.paginate(where),
      watch: () => client.watch(where, { onChange() {} }),
      listDeployments: () => client.listDeployments({ owner: "octo-org", repo: "hello-world" }),
      getDeployment: () => client.getDeployment(where),
      createDeployment: () => client.createDeployment({ owner: "octo-org", repo: "hello-world", ref: "main" }),
      deleteDeployment: () => client.deleteDeployment(where),
      getAllEnvironments: () => client.getAllEnvironments({ owner: "octo-org", repo: "hello-world" }),
      overview: () => client.overview({ owner: "octo-org", repo: "hello-world" }),
      waitForDeployment: () => client.waitForDeployment(where),
    };
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(client))
      .filter((name) => !["constructor", "free", "iterate", "apiVersion", "__destroy_into_raw"].includes(name) && typeof client[name] === "function");
    assert.deepEqual(Object.keys(calls).sort(), methods.sort(), "every method is tried");
    for (const [method, call] of Object.entries(calls)) {
      const pending = call(); // rejects, never throws
      assert.ok(pending instanceof Promise, method);
      await assert.rejects(pending, (error) => {
        assert.ok(error instanceof Error, method);
        assert.deepEqual({ name: error.name, field: error.field, status: error.status, message: error.message }, freed, method);
        return true;
      });
    }
    assert.throws(() => client.iterate(where), freed);
    assert.throws(() => client.apiVersion, freed);
    client.free();
    client[Symbol.dispose]?.();
    assert.equal((await new Client({ baseUrl: mock.url }).listDeploymentStatuses(where)).status, 200, "a new client works");
  });
});
