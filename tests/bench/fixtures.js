// Precomputed answers for the benchmarks: GitHub-shaped statuses built once, served as bytes.
import { readFileSync } from "node:fs";

const example = JSON.parse(
  readFileSync(new URL("../fixtures/get-deployment-status.200.json", import.meta.url), "utf8"),
);

/** A status like GitHub's example with the given id, under `origin`. */
export function status(origin, id) {
  const base = `${origin}/repos/octocat/example/deployments/42`;
  return { ...example, id, url: `${base}/statuses/${id}`, deployment_url: base, repository_url: `${origin}/repos/octocat/example` };
}

/** `pages` pages of `perPage` statuses, newest first, each with GitHub's Link header. */
export function pages(origin, total, perPage) {
  const count = Math.ceil(total / perPage);
  const path = "/repos/octocat/example/deployments/42/statuses";
  const url = (n) => `${origin}${path}?per_page=${perPage}&page=${n}`;
  const out = new Map();
  for (let n = 1; n <= count; n++) {
    const items = [];
    for (let i = 0; i < perPage && (n - 1) * perPage + i < total; i++) items.push(status(origin, total - ((n - 1) * perPage + i)));
    const rels = [];
    if (n > 1) rels.push(`<${url(n - 1)}>; rel="prev"`);
    if (n < count) rels.push(`<${url(n + 1)}>; rel="next"`, `<${url(count)}>; rel="last"`);
    if (n > 1) rels.push(`<${url(1)}>; rel="first"`);
    out.set(`${path}?per_page=${perPage}&page=${n}`, { body: Buffer.from(JSON.stringify(items)), link: rels.join(", ") });
  }
  // The first page is also what a request without `page` gets.
  out.set(`${path}?per_page=${perPage}`, out.get(`${path}?per_page=${perPage}&page=1`));
  return out;
}
