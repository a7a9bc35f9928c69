// The Vite fixture's app (tests/vite-app/main.js, which imports the package by name) bundled by
// Rollup, esbuild and webpack with the configurations the READMEs give (the Rollup config and the
// esbuild command are read from the READMEs themselves), each build then loaded in headless
// Chromium from another origin than the API, under the recommended CSP: the bundle must find its
// .wasm and list a deployment's statuses. Without the Rollup plugin or esbuild's copy of the .wasm,
// the page fails as users saw it fail ("failed to fetch Wasm: 404").
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readFile, readdir, rm } from "node:fs/promises";
import http from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { rollup } from "rollup";
import webpack from "webpack";
import { launchChromium } from "../js/chromium.js";
import { startMock } from "../js/mock-process.js";
import { READMES, readmeBlocks } from "../types/readme.js";
import webpackConfig from "./webpack.config.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const DIST = join(HERE, "dist");
const APP = fileURLToPath(new URL("../vite-app/main.js", import.meta.url));
const WASM = fileURLToPath(new URL("../node_modules/github-deployment-status/github_deployment_status_bg.wasm", import.meta.url));
const ESBUILD = fileURLToPath(new URL("../node_modules/.bin/esbuild", import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };

/** The README's `// rollup.config.js` block, the same in both READMEs. */
function readmeRollupConfig() {
  const found = readmeBlocks().filter((b) => b.code.startsWith("// rollup.config.js"));
  assert.deepEqual(found.map((b) => b.readme), READMES, "each README gives the Rollup config");
  assert.equal(new Set(found.map((b) => b.code)).size, 1, "the same Rollup config in both READMEs");
  return found[0].code;
}

/** The README's esbuild command as arguments (continuation lines joined), the same in both READMEs. */
function readmeEsbuildArgs() {
  const commands = READMES.map((readme) => {
    const text = readFileSync(new URL(`../../${readme}`, import.meta.url), "utf8");
    const match = /^ *esbuild ((?:.*\\\n)*.*)$/m.exec(text);
    assert.ok(match, `${readme} gives an esbuild command`);
    return match[1].replace(/\\\n/g, " ").trim().split(/\s+/);
  });
  assert.deepEqual(commands[1], commands[0], "the same esbuild command in both READMEs");
  return commands[0];
}

/** Each build: where it went, and how its page loads the bundle. */
const BUILDS = {
  /** The README's rollup.config.js, with the app as input and dist/rollup as output. */
  rollup: async (out, { bare = false } = {}) => {
    const file = join(DIST, "rollup.config.js");
    writeFileSync(file, readmeRollupConfig());
    const { default: config } = await import(pathToFileURL(file));
    const plugins = bare ? config.plugins.filter((p) => p.name === "node-resolve") : config.plugins;
    const bundle = await rollup({ ...config, input: APP, plugins, onwarn: () => {} });
    await bundle.write({ ...config.output, dir: out });
    await bundle.close();
    return "module";
  },
  /** The README's esbuild command, with the app, the package's .wasm and dist/esbuild put in. */
  esbuild: async (out, { bare = false } = {}) => {
    const args = readmeEsbuildArgs()
      .filter((arg) => !(bare && arg.endsWith(".wasm")))
      .map((arg) => (arg === "src/main.js" ? APP : arg.endsWith(".wasm") ? WASM : arg === "--outdir=dist" ? `--outdir=${out}` : arg));
    assert.ok(args.includes(APP) && args.includes(`--outdir=${out}`), args.join(" "));
    await promisify(execFile)(ESBUILD, [...args, "--log-level=warning"]);
    return "module";
  },
  /** webpack.config.js: nothing for the package. */
  webpack: async (out) => {
    const stats = await new Promise((resolve, reject) =>
      webpack({ ...webpackConfig, output: { ...webpackConfig.output, path: out } }, (error, result) => (error ? reject(error) : resolve(result))),
    );
    assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
    return "classic";
  },
};

let mock;
let site;
let browser;
let policy;
const served = [];

/** Serves dist/<build>/ on 127.0.0.1; `/<build>/` is a page that loads that build's main.js. */
function serve() {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    served.push(url.pathname);
    const [, build, ...rest] = url.pathname.split("/");
    if (rest.join("/") === "") {
      const kind = url.searchParams.get("script");
      const script = kind === "module" ? '<script type="module" src="./main.js"></script>' : '<script defer src="./main.js"></script>';
      const page = `<!doctype html><meta charset="utf-8"><title>${build}</title><p id="outcome">loading…</p><ol id="statuses"></ol>${script}`;
      return res.writeHead(200, { "content-type": TYPES[".html"], "content-security-policy": policy }).end(page);
    }
    const path = normalize(join(DIST, build, decodeURIComponent(rest.join("/"))));
    if (!path.startsWith(DIST)) return res.writeHead(400).end();
    try {
      const body = await readFile(path);
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Opens a build's page; resolves once the app shows a result or the page reports an uncaught error. */
async function open(build, script) {
  const page = await browser.newPage();
  const errors = [];
  const failed = new Promise((resolve) =>
    page.on("pageerror", (error) => {
      errors.push(String(error));
      resolve();
    }),
  );
  const query = new URLSearchParams({ api: mock.url, script });
  await page.goto(`http://127.0.0.1:${site.address().port}/${build}/?${query}`);
  await Promise.race([page.waitForFunction(() => window.result !== undefined, null, { timeout: 15_000 }), failed]);
  const result = await page.evaluate(() => window.result);
  const text = await page.textContent("#outcome");
  await page.close();
  return { result, text, errors };
}

before(async () => {
  await rm(DIST, { recursive: true, force: true });
  mkdirSync(DIST);
  mock = await startMock(["--seed", "test"]);
  // What the README recommends (the API origin here is the mock's).
  policy = `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' ${mock.url}`;
  site = await serve();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve()));
  await mock?.stop();
});

describe("bundlers, with the README's configuration, in Chromium", () => {
  for (const [name, build] of Object.entries(BUILDS)) {
    test(`${name}: the build emits the .wasm and the page lists deployment 42's statuses`, { timeout: 60_000 }, async () => {
      const out = join(DIST, name);
      const script = await build(out);
      const files = await readdir(out, { recursive: true });
      const wasm = files.filter((f) => f.endsWith(".wasm"));
      assert.equal(wasm.length, 1, `one .wasm in ${files}`);

      served.length = 0;
      const { result, text, errors } = await open(name, script);
      assert.deepEqual(errors, []);
      assert.equal(result?.ok, true, JSON.stringify(result));
      assert.deepEqual(result.ids, [3, 2, 1]);
      assert.equal(text, "ok: 3 statuses");
      assert.ok(served.includes(`/${name}/${wasm[0]}`), `the page fetched ${wasm[0]}: ${served}`);
    });
  }

  const without = {
    "Rollup with node-resolve alone": ["rollup-bare", (out) => BUILDS.rollup(out, { bare: true })],
    "esbuild --bundle without the .wasm entry": ["esbuild-bare", (out) => BUILDS.esbuild(out, { bare: true })],
  };
  for (const [what, [name, build]] of Object.entries(without)) {
    test(`${what} emits no .wasm, and the page fails to fetch it (why the README's configuration is needed)`, { timeout: 60_000 }, async () => {
      const script = await build(join(DIST, name));
      const { result, errors } = await open(name, script);
      assert.equal(result, undefined);
      assert.equal(errors.length, 1, String(errors));
      assert.match(errors[0], /failed to fetch Wasm: 404/);
    });
  }
});
