// A Vite app that imports the package by name, built by `vite build` and run in headless Chromium:
// the bundled app must find its .wasm asset and make a real call (to the mock GitHub, on another
// origin, so CORS applies) under the Content-Security-Policy the README recommends.
import { launchChromium } from "../js/chromium.js";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import http from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { startMock } from "../js/mock-process.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const DIST = join(HERE, "dist");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };

let mock;
let site;
let browser;
const served = [];

/** Serves dist/ on 127.0.0.1 with the CSP the query's `csp` names (see `policies`). */
function serveDist(policies) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    served.push(url.pathname);
    const path = normalize(join(DIST, url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname)));
    if (!path.startsWith(DIST)) return res.writeHead(400).end();
    try {
      const body = await readFile(path);
      const headers = { "content-type": TYPES[extname(path)] ?? "application/octet-stream" };
      const csp = policies[url.searchParams.get("csp") ?? ""];
      if (extname(path) === ".html" && csp) headers["content-security-policy"] = csp;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Opens the built app; resolves once it shows a result or reports an uncaught error. */
async function open(query) {
  const page = await browser.newPage();
  const errors = [];
  const failed = new Promise((resolve) =>
    page.on("pageerror", (error) => {
      errors.push(String(error));
      resolve();
    }),
  );
  await page.goto(`http://127.0.0.1:${site.address().port}/?${new URLSearchParams(query)}`);
  await Promise.race([page.waitForFunction(() => window.result !== undefined, null, { timeout: 15_000 }), failed]);
  const result = await page.evaluate(() => window.result);
  const text = await page.textContent("#outcome");
  await page.close();
  return { result, text, errors };
}

before(async () => {
  mock = await startMock(["--seed", "test"]);
  await build({ configFile: join(HERE, "vite.config.js") });
  const policies = {
    // What the README recommends: the wasm compiles under 'wasm-unsafe-eval' and is fetched from
    // 'self'; the API origin is the only other place the page may talk to.
    recommended: `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' ${mock.url}`,
    "no-wasm-unsafe-eval": `default-src 'none'; script-src 'self'; connect-src 'self' ${mock.url}`,
  };
  site = await serveDist(policies);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve()));
  await mock?.stop();
});

describe("Vite app (vite build) in Chromium", () => {
  test("the build emits the .wasm as an asset and the bundle points at it", async () => {
    const assets = await readdir(join(DIST, "assets"));
    const wasm = assets.filter((f) => f.endsWith(".wasm"));
    assert.equal(wasm.length, 1, `one .wasm asset in ${assets}`);
    const js = assets.filter((f) => f.endsWith(".js"));
    const code = (await Promise.all(js.map((f) => readFile(join(DIST, "assets", f), "utf8")))).join("\n");
    assert.ok(code.includes(wasm[0]), "the bundle refers to the hashed .wasm file name");
  });

  test("the built page lists deployment 42's statuses from the API under the recommended CSP", { timeout: 30_000 }, async () => {
    const expected = await (
      await fetch(`${mock.url}/repos/octo-org/hello-world/deployments/42/statuses`, {
        headers: { "user-agent": "vite-test", accept: "application/vnd.github+json" },
      })
    ).json();
    assert.equal(expected.length, 3);
    served.length = 0;
    await fetch(`${mock.url}/_mock/requests`, { method: "DELETE" });

    const { result, text, errors } = await open({ api: mock.url, csp: "recommended" });
    assert.deepEqual(errors, []);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.status, 200);
    assert.deepEqual(result.ids, expected.map((s) => s.id));
    assert.deepEqual(result.states, expected.map((s) => s.state));
    assert.equal(text, "ok: 3 statuses");

    assert.ok(served.some((p) => /^\/assets\/github_deployment_status_bg-[\w-]+\.wasm$/.test(p)), `wasm fetched: ${served}`);
    const log = await (await fetch(`${mock.url}/_mock/requests`)).json();
    const gets = log.filter((r) => r.method === "GET" && r.path.startsWith("/repos/octo-org/hello-world/deployments/42/statuses"));
    assert.equal(gets.length, 1, "one API request");
    assert.equal(gets[0].origin_header, `http://127.0.0.1:${site.address().port}`, "sent cross-origin from the page");
  });

  test("without 'wasm-unsafe-eval' in script-src the wasm cannot compile (the CSP docs are needed)", { timeout: 30_000 }, async () => {
    const { result, errors } = await open({ api: mock.url, csp: "no-wasm-unsafe-eval" });
    // The entry's top-level await rejects, so main.js never runs and never sets window.result.
    assert.equal(result, undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /CompileError.*Content Security Policy/, errors[0]);
  });
});
