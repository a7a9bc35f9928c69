// `make bench`: ours vs octokit vs raw fetch in one run, contenders alternating, medians and ratios,
// written to docs/performance.md (docs/performance-notes.md explains them and is written by hand).
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync, readdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { contenders } from "./contenders.js";
import { startBenchServer } from "./server.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const pkg = join(here, "../../pkg");
const NAMES = ["ours", "octokit", "fetch"];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, digits = 3) => n.toFixed(digits);
const out = [];
const say = (line = "") => {
  out.push(line);
  console.log(line);
};

/** Runs `work(name)` for each contender in `rounds` rounds, rotating the order; ms per unit. */
async function alternate(rounds, units, work, names = NAMES) {
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const started = performance.now();
      await work(name);
      times[name].push((performance.now() - started) / units);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n])]));
}

// Cases 1 and 2 add raw fetch with a per-request timeout signal, the one safety net any client
// needs, and "same in JS", everything ours does around fetch but the wasm: what the contract
// costs in fetch itself, next to what ours costs over it.
const WITH_FLOORS = [...NAMES, "fetch+timeout", "same in JS"];

function table(title, unit, medians) {
  say(`\n## ${title}\n`);
  say(`| contender | median ${unit} | vs raw fetch | vs octokit |`);
  say("|---|---:|---:|---:|");
  for (const name of Object.keys(medians)) {
    say(`| ${name} | ${fmt(medians[name])} | ${fmt(medians[name] / medians.fetch, 2)}x | ${fmt(medians[name] / medians.octokit, 2)}x |`);
  }
}

async function perCall(server) {
  const calls = contenders(server.url);
  for (const name of WITH_FLOORS) for (let i = 0; i < 200; i++) await calls[name].get(); // warm up
  // 30 rounds: with 10, the median moved by ±10 % between runs on a shared 2-core machine.
  const medians = await alternate(
    30,
    200,
    async (name) => {
      for (let i = 0; i < 200; i++) await calls[name].get();
    },
    WITH_FLOORS,
  );
  table("1. 6,000 sequential getDeploymentStatus (30 rounds of 200, alternating)", "ms per call", medians);
}

async function paginate(server) {
  const calls = contenders(server.url);
  for (const name of WITH_FLOORS) {
    const all = await calls[name].paginate();
    if (all.length !== 10_000) throw new Error(`${name} paginated ${all.length}`);
  }
  const medians = await alternate(15, 1, (name) => calls[name].paginate(), WITH_FLOORS);
  table("2. paginate over 10,000 statuses (100 pages of 100; 15 rounds, alternating)", "ms per paginate", medians);
}

async function coldNode(server) {
  const script = join(here, "cold-node.js");
  const times = Object.fromEntries(NAMES.map((n) => [n, []]));
  for (let round = 0; round < 7; round++) {
    for (const name of NAMES) {
      // Asynchronous, so this process's bench server keeps answering.
      const { stdout } = await promisify(execFile)(process.execPath, [script, name, server.url]);
      times[name].push(Number(stdout.trim()));
    }
  }
  table("3a. cold start in Node: process start to first answer (7 fresh processes each)", "ms", Object.fromEntries(NAMES.map((n) => [n, median(times[n])])));
}

async function workerScripts() {
  const octokitWorker = await build({
    stdin: {
      contents: `import { Octokit } from "@octokit/core";
export default { async fetch(request, env) {
  const octokit = new Octokit({ baseUrl: env.API, auth: "ghp_bench", userAgent: "bench" });
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}", { owner: "octocat", repo: "example", deployment_id: 42, status_id: 1 });
  return Response.json(data.id);
} };`,
      resolveDir: here,
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    write: false,
    minify: true,
  });
  return {
    ours: [
      { type: "ESModule", path: join(here, "worker-ours.js"), contents: `import { Client } from "./pkg/index.workerd.js";
export default { async fetch(request, env) {
  const client = new Client({ baseUrl: env.API, auth: "ghp_bench", cache: false });
  const { data } = await client.getDeploymentStatus({ owner: "octocat", repo: "example", deployment_id: 42, status_id: 1 });
  return Response.json(data.id);
} };` },
      { type: "ESModule", path: join(here, "pkg/index.workerd.js"), contents: readFileSync(join(pkg, "index.workerd.js")) },
      { type: "ESModule", path: join(here, "pkg/github_deployment_status.js"), contents: readFileSync(join(pkg, "github_deployment_status.js")) },
      { type: "CompiledWasm", path: join(here, "pkg/github_deployment_status_bg.wasm"), contents: readFileSync(join(pkg, "github_deployment_status_bg.wasm")) },
    ],
    octokit: [{ type: "ESModule", path: join(here, "worker-octokit.js"), contents: octokitWorker.outputFiles[0].contents }],
    fetch: [{ type: "ESModule", path: join(here, "worker-fetch.js"), contents: `export default { async fetch(request, env) {
  const r = await fetch(env.API + "/repos/octocat/example/deployments/42/statuses/1", { headers: { accept: "application/vnd.github+json", authorization: "Bearer ghp_bench", "user-agent": "bench" } });
  return Response.json(JSON.parse(await r.text()).id);
} };` }],
  };
}

async function coldWorkerd(server) {
  const scripts = await workerScripts();
  const times = Object.fromEntries(NAMES.map((n) => [n, []]));
  for (let round = 0; round < 5; round++) {
    for (const name of NAMES) {
      const started = performance.now();
      const mf = new Miniflare({ modulesRoot: here, modules: scripts[name], compatibilityDate: "2026-04-01", bindings: { API: server.url } });
      const response = await mf.dispatchFetch("http://worker/");
      if ((await response.json()) !== 1) throw new Error(`${name} in workerd`);
      times[name].push(performance.now() - started);
      await mf.dispose();
    }
  }
  table("3b. cold start in workerd (miniflare): new runtime to first answer (5 each; includes workerd's own start)", "ms", Object.fromEntries(NAMES.map((n) => [n, median(times[n])])));
}

function memory() {
  say("\n## 4. peak memory over 100,000 statuses (fresh Node process each)\n");
  say("| way | statuses | peak RSS MiB | peak JS heap MiB | wasm memory MiB |");
  say("|---|---:|---:|---:|---:|");
  for (const way of ["iterate", "paginate"]) {
    const run = spawnSync(process.execPath, ["--expose-gc", join(here, "memory.js"), way], { encoding: "utf8", maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(run.stderr);
    const m = JSON.parse(run.stdout);
    say(`| ${way} | ${m.items} | ${fmt(m.rss / 1048576, 1)} | ${fmt(m.heap / 1048576, 1)} | ${fmt(m.wasm / 1048576, 1)} |`);
  }
}

async function sizes() {
  const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
  say("\n## 5. size of what a browser downloads (minified; gzip -9)\n");
  say("| bundle | raw B | gzip B |");
  say("|---|---:|---:|");
  let raw = 0;
  let zipped = 0;
  for (const file of readdirSync(pkg).filter((f) => /\.wasm$|^github_deployment_status\.js$|^index\.browser\.js$/.test(f)).sort()) {
    const bytes = readFileSync(join(pkg, file));
    raw += bytes.length;
    zipped += gz(bytes);
    say(`| ours: ${file} | ${bytes.length} | ${gz(bytes)} |`);
  }
  say(`| **ours: total** | **${raw}** | **${zipped}** |`);
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  for (const [label, source] of [
    ["@octokit/core + plugin-paginate-rest", `export { Octokit } from "@octokit/core"; export { paginateRest } from "@octokit/plugin-paginate-rest";`],
    ["@octokit/rest + plugin-retry + plugin-throttling", `export { Octokit } from "@octokit/rest"; export { retry } from "@octokit/plugin-retry"; export { throttling } from "@octokit/plugin-throttling";`],
  ]) {
    const entry = join(dir, "entry.js");
    writeFileSync(entry, source);
    const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", write: false, nodePaths: [join(here, "../node_modules")] });
    const bytes = result.outputFiles[0].contents;
    say(`| ${label} (esbuild) | ${bytes.length} | ${gz(bytes)} |`);
  }
}

const server = await startBenchServer({ total: 10_000, perPage: 100 });
try {
  say("# Performance");
  say();
  say(`Written by \`make bench\` on ${new Date().toISOString().slice(0, 10)}; do not edit by hand. What each figure means,`);
  say("what the changes behind them bought and what was tried: [performance-notes.md](performance-notes.md).");
  say();
  say(`Node ${process.version}; ${cpus().length} × ${cpus()[0].model}; ${Math.round(totalmem() / 2 ** 30)} GiB. A loopback server answers from`);
  say("precomputed bodies, so the server is not what is measured; contenders alternate within each case, so");
  say("compare ratios within a run: absolute figures move by ±20 % between runs on a shared machine.");
  await perCall(server);
  await paginate(server);
  await coldNode(server);
  await coldWorkerd(server);
  memory();
  await sizes();
} finally {
  await server.close();
}
writeFileSync(join(here, "../../docs/performance.md"), out.join("\n") + "\n");
