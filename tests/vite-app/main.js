// A Vite app that imports the package by name, the way users do. `vite build` must carry the
// .wasm along (the browser entry loads it with `new URL(..., import.meta.url)`); the page then
// lists a deployment's statuses from the API whose URL is in `?api=` and shows the outcome.
// tests/bundlers builds the same app with Rollup, esbuild and webpack.
import { Client } from "github-deployment-status";

const params = new URLSearchParams(location.search);
const api = params.get("api");
const outcome = document.getElementById("outcome");
const list = document.getElementById("statuses");

async function run() {
  if (!api) throw new Error("no ?api= given");
  const github = new Client({ baseUrl: api });
  const { status, data } = await github.listDeploymentStatuses({
    owner: params.get("owner") ?? "octo-org",
    repo: params.get("repo") ?? "hello-world",
    deployment_id: Number(params.get("deployment") ?? 42),
  });
  for (const s of data) {
    const item = document.createElement("li");
    item.textContent = `${s.id} ${s.state} ${s.description}`;
    list.append(item);
  }
  return { ok: true, status, ids: data.map((s) => s.id), states: data.map((s) => s.state) };
}

run().then(
  (result) => {
    outcome.textContent = `ok: ${result.ids.length} statuses`;
    window.result = result;
  },
  (error) => {
    outcome.textContent = `error: ${error?.name}: ${error?.message}`;
    window.result = { ok: false, name: String(error?.name), message: String(error?.message) };
  },
);
