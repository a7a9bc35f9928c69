// The built package in Node: every scenario against the mock GitHub, started and stopped by PID.
import { after, before, describe, test } from "node:test";
import { scenarios } from "./scenarios.js";
import { startMock } from "./mock-process.js";
import { Client } from "github-deployment-status";

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock?.stop());

describe("npm package in Node", () => {
  test("resolves the node entry of the package exports", async () => {
    const { default: assert } = await import("node:assert/strict");
    assert.equal(typeof Client, "function");
  });
  // Scenario names are known before the mock's URL is; each reads the URL when it runs.
  for (const name of Object.keys(scenarios({ Client, mock: "", runtime: "node" }))) {
    test(name, { timeout: 30_000 }, () => scenarios({ Client, mock: mock.url, runtime: "node" })[name]());
  }
});
