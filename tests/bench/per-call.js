// What the bench scripts share: the request headers, "same in JS", the per-call variants
// breakdown.js and overhead.js compare, and the alternating rounds that time them.
import { Octokit } from "@octokit/core";
import { Client } from "github-deployment-status";

/** The headers a careful raw-fetch caller sends. */
export const REQUEST_HEADERS = {
  accept: "application/vnd.github+json",
  authorization: "Bearer ghp_bench",
  "x-github-api-version": "2026-03-10",
  "user-agent": "bench",
};

/** The `rel="next"` URL of a `Link` header, if any. */
export const nextLink = (link) => /<([^>]+)>;\s*rel="next"/.exec(link ?? "")?.[1];

/** The status both scripts fetch. */
export const WHERE = { owner: "octocat", repo: "example", deployment_id: 42, status_id: 1 };

/**
 * Everything ours does around fetch, in plain JS and without the schema check: a Request
 * (gloo-net's `send` takes one), a timeout, the headers as a plain object, bytes then text, the
 * result object. The gap between this and ours is the wasm side. `{ get(url), paginate(url) }`.
 */
export function sameInJs() {
  const decoder = new TextDecoder();
  const get = async (url) => {
    const r = await fetch(new Request(url, { method: "GET", headers: REQUEST_HEADERS, signal: AbortSignal.timeout(30_000) }));
    const out = { status: r.status, url: r.url, headers: Object.fromEntries(r.headers) };
    out.data = JSON.parse(decoder.decode(new Uint8Array(await r.arrayBuffer())));
    return out;
  };
  const paginate = async (first) => {
    const pages = [];
    for (let next = first; next; ) {
      const page = await get(next);
      pages.push(page.data);
      next = nextLink(page.headers.link);
    }
    return pages.flat(1);
  };
  return { get, paginate };
}

/** raw fetch, the same work as ours in plain JS, octokit and ours, against the API at `origin`. */
export function callVariants(origin, octokitOptions = {}) {
  const url = `${origin}/repos/octocat/example/deployments/42/statuses/1`;
  const ours = new Client({ baseUrl: origin, auth: "ghp_bench", cache: false });
  const octokit = new Octokit({ baseUrl: origin, auth: "ghp_bench", ...octokitOptions });
  const same = sameInJs();
  return {
    // fetch(url, init) + JSON.parse: the floor.
    fetch: () => fetch(url, { headers: REQUEST_HEADERS }).then(async (r) => JSON.parse(await r.text())),
    "same in JS": () => same.get(url),
    octokit: () => octokit.request("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}", WHERE),
    ours: () => ours.getDeploymentStatus(WHERE),
  };
}

/**
 * Warms each named variant up, then times `rounds` rounds of `calls` calls each, the variants
 * alternating within a round; ms per call, per round, by name.
 */
export async function timeRounds(variants, names, { warmup, rounds, calls }) {
  for (const name of names) if (!variants[name]) throw new Error(`no variant ${name}: ${Object.keys(variants).join(", ")}`);
  for (const name of names) for (let i = 0; i < warmup; i++) await variants[name]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const started = performance.now();
      for (let i = 0; i < calls; i++) await variants[name]();
      times[name].push((performance.now() - started) / calls);
    }
  }
  return times;
}
