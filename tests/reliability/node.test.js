// The reliability suites against the built package in Node: fault matrix (table written to
// tests/artifacts/fault-matrix.md), bad input, token hygiene; an uncaught exception fails the scenario.
import { inspect } from "node:util";
import { Client } from "github-deployment-status";
import { noUncaughtExceptions, reliabilityTests, twoMocks } from "./harness.js";
import { SUITES } from "./scenarios.js";

const mocks = twoMocks();

reliabilityTests({
  runtime: "Node",
  artifact: "fault-matrix.md",
  run: (suite, name) => noUncaughtExceptions(() =>
    SUITES[suite]({ Client, mock: mocks.api.url, foreign: mocks.foreign.url, runtime: "node", inspect })[name]()),
});
