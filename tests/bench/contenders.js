// The three ways to call the API that the benchmarks compare: this package, octokit, raw fetch.
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { Client } from "github-deployment-status";
import { nextLink, REQUEST_HEADERS as headers, sameInJs } from "./per-call.js";

const where = { owner: "octocat", repo: "example", deployment_id: 42 };

/**
 * `{ get(), paginate() }` per contender, against the server at `url`; also raw fetch with a
 * timeout, and "same in JS": what ours does around fetch, without wasm and the schema check.
 */
export function contenders(url) {
  const ours = new Client({ baseUrl: url, auth: "ghp_bench", cache: false });
  const octokit = new (Octokit.plugin(paginateRest))({ baseUrl: url, auth: "ghp_bench" });
  const statuses = `${url}/repos/octocat/example/deployments/42/statuses`;
  return {
    ours: {
      get: () => ours.getDeploymentStatus({ ...where, status_id: 1 }).then((r) => r.data),
      paginate: () => ours.paginate({ ...where, per_page: 100 }),
    },
    octokit: {
      get: () =>
        octokit
          .request("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}", { ...where, status_id: 1 })
          .then((r) => r.data),
      paginate: () =>
        octokit.paginate("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", { ...where, per_page: 100 }),
    },
    fetch: rawFetch(statuses, () => ({ headers })),
    "fetch+timeout": rawFetch(statuses, () => ({ headers, signal: AbortSignal.timeout(30_000) })),
    "same in JS": (({ get, paginate }) => ({
      get: () => get(`${statuses}/1`).then((r) => r.data),
      paginate: () => paginate(`${statuses}?per_page=100`),
    }))(sameInJs()),
  };
}

/** Raw fetch + JSON.parse, following `Link` to paginate; `init()` gives each request's options. */
function rawFetch(statuses, init) {
  return {
    get: () => fetch(`${statuses}/1`, init()).then(async (r) => JSON.parse(await r.text())),
    paginate: async () => {
      const all = [];
      let next = `${statuses}?per_page=100`;
      while (next) {
        const response = await fetch(next, init());
        all.push(...JSON.parse(await response.text()));
        next = nextLink(response.headers.get("link"));
      }
      return all;
    },
  };
}
