// Where per-call time goes: raw fetch, then fetch with each thing a careful client adds, then ours.
// `node tests/bench/breakdown.js [variant ...]` (after `make pkg`); variants alternate in one run,
// 40 rounds of 200 calls; min, p25 and median ms per call. Not part of `make test`.
import { Octokit } from "@octokit/core";
import { Client } from "github-deployment-status";
import { startBenchServer } from "./server.js";

const server = await startBenchServer();
const url = `${server.url}/repos/octocat/example/deployments/42/statuses/1`;
const headers = {
  accept: "application/vnd.github+json",
  authorization: "Bearer ghp_bench",
  "x-github-api-version": "2026-03-10",
  "user-agent": "bench",
};
const where = { owner: "octocat", repo: "example", deployment_id: 42, status_id: 1 };
const ours = new Client({ baseUrl: server.url, auth: "ghp_bench", cache: false });
const octokit = new Octokit({ baseUrl: server.url, auth: "ghp_bench" });
const decoder = new TextDecoder();
const parse = async (response) => JSON.parse(await response.text());

const variants = {
  // fetch(url, init) + JSON.parse: the floor.
  fetch: () => fetch(url, { headers }).then(parse),
  // + a per-request timeout signal.
  "fetch+timeout": () => fetch(url, { headers, signal: AbortSignal.timeout(30_000) }).then(parse),
  // + a Request object (gloo-net's `send` takes one).
  "fetch+Request": () => fetch(new Request(url, { headers })).then(parse),
  // + reading every header into a plain object.
  "fetch+headers": () =>
    fetch(url, { headers }).then(async (r) => ({ headers: Object.fromEntries(r.headers), data: await parse(r) })),
  // Everything ours does in JS, without wasm: Request, timeout, headers object, bytes then text,
  // the result object. The gap between this and `ours` is the wasm side.
  "same in JS": () =>
    fetch(new Request(url, { method: "GET", headers, signal: AbortSignal.timeout(30_000) })).then(async (r) => {
      const out = { status: r.status, url: r.url, headers: Object.fromEntries(r.headers) };
      out.data = JSON.parse(decoder.decode(new Uint8Array(await r.arrayBuffer())));
      return out;
    }),
  octokit: () => octokit.request("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}", where),
  ours: () => ours.getDeploymentStatus(where),
};

const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(variants);
for (const name of names) if (!variants[name]) throw new Error(`no variant ${name}: ${Object.keys(variants).join(", ")}`);
for (const name of names) for (let i = 0; i < 300; i++) await variants[name]();
const times = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < 40; round++) {
  for (const name of names) {
    const started = performance.now();
    for (let i = 0; i < 200; i++) await variants[name]();
    times[name].push((performance.now() - started) / 200);
  }
}
console.log("| variant | min ms | p25 ms | median ms |\n|---|---:|---:|---:|");
for (const name of names) {
  const t = times[name].sort((a, b) => a - b);
  console.log(`| ${name} | ${t[0].toFixed(3)} | ${t[10].toFixed(3)} | ${t[20].toFixed(3)} |`);
}
await server.close();
