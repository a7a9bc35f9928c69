// What each client costs around fetch itself: `fetch` is replaced by one that answers at once
// from memory, so neither the network nor undici's connection handling shows, only the work a
// client does per call. `node tests/bench/overhead.js [variant ...]` (after `make pkg`); the
// variants alternate in one run, 60 rounds of 500 calls; min and median µs per call, and with
// two or more variants the per-round gap between the first two. Not part of `make test`.
import { Octokit } from "@octokit/core";
import { Client } from "github-deployment-status";
import { status } from "./fixtures.js";

const origin = "http://127.0.0.1:9";
const body = JSON.stringify(status(origin, 1));
const answerHeaders = {
  "content-type": "application/json; charset=utf-8",
  "x-ratelimit-limit": "5000",
  "x-ratelimit-remaining": "4999",
  "x-ratelimit-used": "1",
  "x-ratelimit-reset": "1900000000",
  "x-ratelimit-resource": "core",
};
const answer = async () => new Response(body, { status: 200, headers: answerHeaders });
globalThis.fetch = answer;

const where = { owner: "octocat", repo: "example", deployment_id: 42, status_id: 1 };
const url = `${origin}/repos/octocat/example/deployments/42/statuses/1`;
const headers = {
  accept: "application/vnd.github+json",
  authorization: "Bearer ghp_bench",
  "x-github-api-version": "2026-03-10",
  "user-agent": "bench",
};
const ours = new Client({ baseUrl: origin, auth: "ghp_bench", cache: false });
const octokit = new Octokit({ baseUrl: origin, auth: "ghp_bench", request: { fetch: answer } });
const decoder = new TextDecoder();

const variants = {
  // fetch + JSON.parse: the floor.
  fetch: () => fetch(url, { headers }).then(async (r) => JSON.parse(await r.text())),
  // What the contract needs, in plain JS: a Request (gloo-net's `send` takes one), a timeout,
  // the headers as a plain object, bytes then text, the result object.
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
for (const name of names) for (let i = 0; i < 2_000; i++) await variants[name]();
const ROUNDS = 60;
const times = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of names) {
    const started = performance.now();
    for (let i = 0; i < 500; i++) await variants[name]();
    times[name].push(((performance.now() - started) / 500) * 1000);
  }
}
const middle = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log("| variant | min µs | median µs |\n|---|---:|---:|");
for (const name of names) console.log(`| ${name} | ${Math.min(...times[name]).toFixed(1)} | ${middle(times[name]).toFixed(1)} |`);
if (names.length > 1) {
  const [a, b] = names;
  console.log(`\n${a} − ${b}, median of per-round gaps: ${middle(times[a].map((t, i) => t - times[b][i])).toFixed(1)} µs`);
}
