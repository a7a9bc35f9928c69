// The reliability suites inside workerd (miniflare): each scenario runs in the Worker
// tests/reliability/workerd-worker.js; the matrix table goes to tests/artifacts/fault-matrix-workerd.md.
import { after } from "node:test";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { reliabilityTests, twoMocks } from "./harness.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
let worker;

twoMocks(async (mocks) => {
  const module = (path) => ({ type: "ESModule", path: `${root}${path}` });
  worker = new Miniflare({
    modulesRoot: root,
    modules: [
      module("tests/reliability/workerd-worker.js"),
      module("tests/reliability/scenarios.js"),
      module("tests/reliability/fault-matrix.js"),
      module("tests/reliability/bad-input.js"),
      module("tests/reliability/hygiene.js"),
      module("tests/js/check.js"),
      module("pkg/index.workerd.js"),
      module("pkg/github_deployment_status.js"),
      { type: "CompiledWasm", path: `${root}pkg/github_deployment_status_bg.wasm` },
    ],
    compatibilityDate: "2026-04-01",
    bindings: { MOCK_URL: mocks.api.url, FOREIGN_URL: mocks.foreign.url },
  });
  await worker.ready;
});
after(() => worker?.dispose());

reliabilityTests({
  runtime: "workerd",
  artifact: "fault-matrix-workerd.md",
  run: async (suite, name) => {
    const query = new URLSearchParams({ suite, name });
    const result = await (await worker.dispatchFetch(`http://worker/?${query}`)).json();
    if (!result.ok) throw Object.assign(new Error(result.error), { cells: result.data });
    return result.data;
  },
});
