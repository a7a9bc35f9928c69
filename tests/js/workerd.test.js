// The built package in workerd (Cloudflare Workers' runtime, through miniflare): every scenario.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { scenarios } from "./scenarios.js";
import { startMock } from "./mock-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
let mock;
let worker;

before(async () => {
  mock = await startMock();
  worker = new Miniflare({
    modulesRoot: root,
    modules: [
      { type: "ESModule", path: `${root}tests/js/workerd-worker.js` },
      { type: "ESModule", path: `${root}tests/js/scenarios.js` },
      { type: "ESModule", path: `${root}tests/js/basics.js` },
      { type: "ESModule", path: `${root}tests/js/semantics.js` },
      { type: "ESModule", path: `${root}tests/js/deployments.js` },
      { type: "ESModule", path: `${root}tests/js/check.js` },
      { type: "ESModule", path: `${root}pkg/index.workerd.js` },
      { type: "ESModule", path: `${root}pkg/github_deployment_status.js` },
      { type: "CompiledWasm", path: `${root}pkg/github_deployment_status_bg.wasm` },
    ],
    compatibilityDate: "2026-04-01",
    bindings: { MOCK_URL: mock.url },
  });
  await worker.ready;
});

after(async () => {
  await worker?.dispose();
  await mock?.stop();
});

describe("npm package in workerd", () => {
  for (const name of Object.keys(scenarios({ Client: null, mock: "", runtime: "workerd" }))) {
    test(name, { timeout: 30_000 }, async () => {
      const response = await worker.dispatchFetch(`http://worker/?name=${encodeURIComponent(name)}`);
      const result = await response.json();
      assert.equal(result.error, undefined);
      assert.equal(result.ok, true);
    });
  }
});
