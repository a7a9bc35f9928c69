// `make bench`: ours vs octokit vs raw fetch in one run, contenders alternating, medians and ratios,
// written to docs/performance.md (docs/performance-notes.md explains them and is written by hand).
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { coldChromium, coldFiles } from "./cold-chromium.js";
import { timeWorkerd, workerScripts } from "./cold-workerd.js";
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

/** Rows of [phase, ms per contender (undefined: none)] with their sum: where a cold start's time goes. */
function phases(title, rows) {
  say(`\n## ${title}\n`);
  say(`| phase | ${NAMES.join(" ms | ")} ms |`);
  say(`|---|${NAMES.map(() => "---:").join("|")}|`);
  const cell = (ms) => (ms === undefined ? "—" : fmt(ms, 1));
  for (const [phase, ms] of rows) say(`| ${phase} | ${ms.map(cell).join(" | ")} |`);
  say(`| **sum of the medians** | ${NAMES.map((_, i) => `**${fmt(rows.reduce((sum, [, ms]) => sum + (ms[i] ?? 0), 0), 1)}**`).join(" | ")} |`);
}

/** What the same call costs once more, for what its first time adds (medians, ms by contender). */
function secondCall(where, medians) {
  say(`\nThe same call a second time ${where}: ${NAMES.map((n) => `${n} ${fmt(medians[n], 1)} ms`).join(", ")}.`);
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

async function coldWorkerd(server) {
  const workers = await workerScripts(pkg);
  const times = Object.fromEntries(NAMES.map((n) => [n, []]));
  for (let round = 0; round < 5; round++) {
    for (const name of NAMES) times[name].push((await timeWorkerd(workers[name], server.url, ["/"]))[0]);
  }
  table("3b. cold start in workerd (miniflare): new runtime to first answer (5 each; includes workerd's own start)", "ms", Object.fromEntries(NAMES.map((n) => [n, median(times[n])])));
  // Each round: an empty worker, then each contender's runtime asked `/ready`, then to call twice.
  // 21 rounds: one runtime's start differs from the next by tens of ms, more than a module's compile.
  const rounds = 21;
  const empty = [];
  const load = Object.fromEntries(NAMES.map((n) => [n, []]));
  const call = Object.fromEntries(NAMES.map((n) => [n, []]));
  const again = Object.fromEntries(NAMES.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const [start] = await timeWorkerd(workers.empty, server.url, ["/ready"]);
    empty.push(start);
    for (let i = 0; i < NAMES.length; i++) {
      const name = NAMES[(i + round) % NAMES.length];
      const [ready, first, second] = await timeWorkerd(workers[name], server.url, ["/ready", "/", "/"]);
      load[name].push(ready - start);
      call[name].push(first);
      again[name].push(second);
    }
  }
  phases(`3c. where a cold start's time goes in workerd (miniflare; ${rounds} rounds, medians)`, [
    ["workerd's own start: new runtime to an empty worker's answer", NAMES.map(() => median(empty))],
    ["modules' compile and instantiate: new runtime to the worker's answer without a call, less the empty worker's of the round", NAMES.map((n) => median(load[n]))],
    ["first call: the next request to that runtime", NAMES.map((n) => median(call[n]))],
  ]);
  secondCall("to the same runtime", Object.fromEntries(NAMES.map((n) => [n, median(again[n])])));
}

async function coldBrowser(server) {
  const rounds = 21;
  const marks = await coldChromium(server.url, rounds);
  const of = (name, ms) => median(marks[name].map(ms));
  table(`3d. cold start in Chromium: navigation to first answer (${rounds} fresh pages each: a new browser context, cache disabled)`, "ms", Object.fromEntries(NAMES.map((n) => [n, of(n, (m) => m.answered)])));
  const step = (ms) => of("ours, step by step", ms);
  phases(`3e. where a cold start's time goes in Chromium (medians; ours from ${rounds} more fresh pages that load it step by step as its glue does, octokit and fetch from 3d's pages)`, [
    ["page start: navigation to the page's first line of script", [step((m) => m.started), of("octokit", (m) => m.started), of("fetch", (m) => m.started)]],
    ["JS modules: fetch, parse, evaluate (ours: the glue; octokit: its esbuild bundle, as in 5)", [step((m) => m.glued - m.started), of("octokit", (m) => m.loaded - m.started), undefined]],
    ["wasm download: fetch() to its last byte (resource timing)", [step((m) => m.downloaded - m.glued), undefined, undefined]],
    ["wasm compile: compileStreaming's rest after the last byte", [step((m) => m.compiled - m.downloaded), undefined, undefined]],
    ["instantiate: the glue's init with the compiled module", [step((m) => m.loaded - m.compiled), undefined, undefined]],
    ["first call: new client to first answer", [step((m) => m.answered - m.loaded), of("octokit", (m) => m.answered - m.loaded), of("fetch", (m) => m.answered - m.loaded)]],
  ]);
  secondCall("on the same page", { ours: step((m) => m.again - m.answered), octokit: of("octokit", (m) => m.again - m.answered), fetch: of("fetch", (m) => m.again - m.answered) });
  say(`Ours through index.browser.js (3d), which loads the entry, then the glue, then the wasm: ${fmt(of("ours", (m) => m.loaded), 1)} ms from navigation to loaded, against ${fmt(step((m) => m.loaded), 1)} step by step.`);
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

// Octokit as a browser downloads it, bundled by esbuild: sized in case 5; the first is also what
// the pages of case 3d load.
const OCTOKIT_BUNDLES = [
  ["@octokit/core + plugin-paginate-rest", `export { Octokit } from "@octokit/core"; export { paginateRest } from "@octokit/plugin-paginate-rest";`],
  ["@octokit/rest + plugin-retry + plugin-throttling", `export { Octokit } from "@octokit/rest"; export { retry } from "@octokit/plugin-retry"; export { throttling } from "@octokit/plugin-throttling";`],
];

/** Bundles `source` for a browser, minified. */
async function browserBundle(source) {
  const result = await build({ stdin: { contents: source, resolveDir: here }, bundle: true, minify: true, format: "esm", platform: "browser", write: false });
  return result.outputFiles[0].contents;
}

function sizes(octokitBundles) {
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
  OCTOKIT_BUNDLES.forEach(([label], i) => say(`| ${label} (esbuild) | ${octokitBundles[i].length} | ${gz(octokitBundles[i])} |`));
}

const octokitBundles = await Promise.all(OCTOKIT_BUNDLES.map(([, source]) => browserBundle(source)));
const server = await startBenchServer({ total: 10_000, perPage: 100, files: coldFiles(pkg, octokitBundles[0]) });
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
  await coldBrowser(server);
  memory();
  sizes(octokitBundles);
} finally {
  await server.close();
}
writeFileSync(join(here, "../../docs/performance.md"), out.join("\n") + "\n");
