// The package in a Cloudflare Worker built and run by wrangler itself: `wrangler deploy --dry-run`
// bundles tests/wrangler-worker (the bundle must fit Workers' size limits), then `wrangler dev`
// serves it locally in workerd against the mock GitHub. No account, no login, loopback only.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startMock } from "../js/mock-process.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const WRANGLER = fileURLToPath(new URL("../node_modules/wrangler/bin/wrangler.js", import.meta.url));
const PKG = JSON.parse(await readFile(new URL("../node_modules/github-deployment-status/package.json", import.meta.url), "utf8"));
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_COLOR: "1",
  CI: "1",
};
// Cloudflare's Worker size limits (developers.cloudflare.com/workers/platform/limits), in the
// smaller, decimal reading of "MB" so that passing here means passing there.
const LIMITS = { freeGzip: 3_000_000, paidGzip: 10_000_000, uncompressed: 64_000_000 };

let mock;
let tmp;
let dev;
let port;

/** Runs wrangler to completion; resolves to { code, stdout, stderr }. */
function wrangler(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: HERE, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port that was free a moment ago on 127.0.0.1 (wrangler dev is told to use it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
  });
}

/** Starts `wrangler dev` in its own process group; resolves once it says it is ready. */
function startDev(args) {
  const child = spawn(process.execPath, [WRANGLER, ...args], {
    cwd: HERE,
    env: ENV,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev not ready within 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      if (/Ready on http:\/\/127\.0\.0\.1:\d+/.test(output)) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler dev exited with ${code}:\n${output}`));
    });
  });
}

/** Stops wrangler dev and everything it started (workerd, esbuild): SIGTERM to the group, then SIGKILL. */
function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    const force = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, 5000);
    child.once("exit", () => {
      clearTimeout(force);
      // Whatever of the group outlived its leader goes too.
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      resolve();
    });
    process.kill(-child.pid, "SIGTERM");
  });
}

before(async () => {
  mock = await startMock(["--seed", "test"]);
  tmp = await mkdtemp(join(tmpdir(), "gds-wrangler-"));
});

after(async () => {
  if (dev) await stopGroup(dev.child);
  await mock?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("Cloudflare Worker with wrangler", () => {
  test("wrangler deploy --dry-run bundles the workerd entry within Workers' size limits", { timeout: 60_000 }, async (t) => {
    const out = join(tmp, "bundle");
    const { code, stdout, stderr } = await wrangler(["deploy", "--dry-run", "--outdir", out]);
    assert.equal(code, 0, stdout + stderr);

    // What wrangler itself reports (the figure Cloudflare checks is the compressed one).
    const reported = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(stdout);
    assert.ok(reported, stdout);
    // What we measure: every module wrangler would upload (source maps and its README are not uploaded).
    const files = (await readdir(out)).filter((f) => !f.endsWith(".map") && f !== "README.md");
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const bytes = await readFile(join(out, file));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
      t.diagnostic(`${file}: ${bytes.length} B raw, ${gzipSync(bytes, { level: 9 }).length} B gzip -9`);
    }
    t.diagnostic(`bundle: ${raw} B raw, ${gzip} B gzip -9; wrangler reports ${reported[1]} KiB / gzip ${reported[2]} KiB`);
    t.diagnostic(`limits: ${(gzip / LIMITS.freeGzip * 100).toFixed(1)} % of free (3 MB gzip), ` +
      `${(gzip / LIMITS.paidGzip * 100).toFixed(1)} % of paid (10 MB gzip), ${(raw / LIMITS.uncompressed * 100).toFixed(2)} % of 64 MB uncompressed`);
    assert.ok(gzip < LIMITS.freeGzip, `gzip ${gzip} B fits the free plan's 3 MB`);
    assert.ok(Number(reported[2]) * 1024 < LIMITS.freeGzip, "wrangler's own gzip figure fits too");
    assert.ok(raw < LIMITS.uncompressed, `raw ${raw} B fits 64 MB uncompressed`);

    // The `workerd` export condition was picked: the wasm is a module import, compiled by the runtime.
    const wasm = files.filter((f) => f.endsWith(".wasm"));
    assert.equal(wasm.length, 1, `one .wasm module in ${files}`);
    const worker = await readFile(join(out, "worker.js"), "utf8");
    assert.match(worker, new RegExp(`import \\w+ from "\\./${wasm[0].replace(/\./g, "\\.")}"`));
    assert.ok(!worker.includes("import.meta.url"), "not the browser entry (which fetches the wasm by URL)");
    assert.ok(!worker.includes("readFileSync"), "not the Node entry");
  });

  test("wrangler dev serves the Worker, which lists statuses from the mock with our User-Agent", { timeout: 90_000 }, async () => {
    port = await freePort();
    dev = await startDev([
      "dev",
      "--local",
      "--ip", "127.0.0.1",
      "--port", String(port),
      "--inspector-ip", "127.0.0.1",
      "--var", `GITHUB_API_URL:${mock.url}`,
      "--persist-to", join(tmp, "state"),
      "--show-interactive-dev-session=false",
    ]);
    await fetch(`${mock.url}/_mock/requests`, { method: "DELETE" });

    const response = await fetch(`http://127.0.0.1:${port}/?owner=octo-org&repo=hello-world&deployment=42`);
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.status, 200);
    assert.equal(body.statuses.length, 3);
    assert.deepEqual(body.statuses.map((s) => s.id), [3, 2, 1]);
    assert.ok(body.statuses.every((s) => s.deployment_url.endsWith("/deployments/42")));
    assert.equal(body.rateLimit.resource, "core");

    const log = await (await fetch(`${mock.url}/_mock/requests`)).json();
    const seen = log.filter((r) => r.path.startsWith("/repos/octo-org/hello-world/deployments/42/statuses"));
    assert.equal(seen.length, 1, "the Worker made one request");
    assert.equal(seen[0].headers["user-agent"], `github-deployment-status/${PKG.version}`);
    assert.equal(seen[0].headers.accept, "application/vnd.github+json");
  });

  test("one client per isolate: the next request for the same list is answered from its ETag cache (304)", { timeout: 30_000 }, async () => {
    assert.ok(dev, "wrangler dev is running");
    await fetch(`${mock.url}/_mock/requests`, { method: "DELETE" });
    const response = await fetch(`http://127.0.0.1:${port}/?owner=octo-org&repo=hello-world&deployment=42`);
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.status, 304, "the client made by the first request remembered the list's ETag");
    assert.deepEqual(body.statuses.map((s) => s.id), [3, 2, 1]);
    const log = await (await fetch(`${mock.url}/_mock/requests`)).json();
    const seen = log.filter((r) => r.path.startsWith("/repos/octo-org/hello-world/deployments/42/statuses"));
    assert.equal(seen.length, 1);
    assert.ok(seen[0].headers["if-none-match"], "sent If-None-Match");
  });

  test("requests in flight at once share the client", { timeout: 30_000 }, async () => {
    assert.ok(dev, "wrangler dev is running");
    const deployments = [42, 43, 42, 999, 42, 43, 42, 42];
    const answers = await Promise.all(
      deployments.map(async (deployment) => {
        const response = await fetch(`http://127.0.0.1:${port}/?owner=octo-org&repo=hello-world&deployment=${deployment}`);
        return { code: response.status, body: await response.json() };
      }),
    );
    answers.forEach(({ code, body }, i) => {
      if (deployments[i] === 999) {
        assert.deepEqual({ code, body }, { code: 502, body: { error: "HttpError", status: 404, message: "Not Found" } });
      } else {
        assert.equal(code, 200, JSON.stringify(body));
        assert.equal(body.statuses.length, deployments[i] === 42 ? 3 : 0, JSON.stringify(body));
      }
    });
  });

  test("errors cross the Worker boundary with their name and status", { timeout: 30_000 }, async () => {
    assert.ok(dev, "wrangler dev is running");
    const response = await fetch(`http://127.0.0.1:${port}/?owner=octo-org&repo=hello-world&deployment=999`);
    assert.equal(response.status, 502);
    assert.deepEqual(await response.json(), { error: "HttpError", status: 404, message: "Not Found" });
  });
});
