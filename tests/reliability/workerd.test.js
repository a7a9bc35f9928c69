// The reliability suites inside workerd (miniflare): each scenario runs in the Worker
// tests/reliability/workerd-worker.js; the matrix table goes to tests/artifacts/fault-matrix-workerd.md.
import { after } from "node:test";
import { reliabilityTests, startWorkerd, twoMocks } from "./harness.js";

let worker;

twoMocks(async (mocks) => {
  worker = await startWorkerd({ MOCK_URL: mocks.api.url, FOREIGN_URL: mocks.foreign.url });
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
