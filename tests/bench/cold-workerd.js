// Cold start in workerd through miniflare: each contender's worker, an empty one, and the time from a
// new runtime to each answer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

const here = fileURLToPath(new URL(".", import.meta.url));
// Every worker answers `/ready` without calling: a runtime's start and its modules' compile and
// instantiate are timed apart from its first call.
const READY = `if (new URL(request.url).pathname === "/ready") return new Response("ready");`;

/** The modules of each worker, by contender, and of `empty`, which imports nothing. */
export async function workerScripts(pkg) {
  const octokitWorker = await build({
    stdin: {
      contents: `import { Octokit } from "@octokit/core";
export default { async fetch(request, env) {
  ${READY}
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
    empty: [{ type: "ESModule", path: join(here, "worker-empty.js"), contents: `export default { fetch() { return new Response("ready"); } };` }],
    ours: [
      { type: "ESModule", path: join(here, "worker-ours.js"), contents: `import { Client } from "./pkg/index.workerd.js";
export default { async fetch(request, env) {
  ${READY}
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
  ${READY}
  const r = await fetch(env.API + "/repos/octocat/example/deployments/42/statuses/1", { headers: { accept: "application/vnd.github+json", authorization: "Bearer ghp_bench", "user-agent": "bench" } });
  return Response.json(JSON.parse(await r.text()).id);
} };` }],
  };
}

/**
 * Starts a runtime with `modules` (its `env.API` the server at `api`) and asks each of `paths` in
 * turn; ms from the new runtime to the first answer, then from each answer to the next.
 */
export async function timeWorkerd(modules, api, paths) {
  const started = performance.now();
  const mf = new Miniflare({ modulesRoot: here, modules, compatibilityDate: "2026-04-01", bindings: { API: api } });
  try {
    const times = [];
    let since = started;
    for (const path of paths) {
      const answer = await (await mf.dispatchFetch(`http://worker${path}`)).text();
      if (answer !== (path === "/ready" ? "ready" : "1")) throw new Error(`workerd answered ${path} with ${answer.slice(0, 200)}`);
      const now = performance.now();
      times.push(now - since);
      since = now;
    }
    return times;
  } finally {
    await mf.dispose();
  }
}
