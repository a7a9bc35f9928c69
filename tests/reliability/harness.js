// What the Node and workerd runners share: the two mocks (the API and "another origin"), one
// node:test per scenario, and the fault-matrix table written to tests/artifacts/.
import { after, before, describe, test } from "node:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startMock } from "../js/mock-process.js";
import { matrixMarkdown, OPTIONS } from "./fault-matrix.js";
import { SUITES } from "./scenarios.js";

const ARTIFACTS = new URL("../artifacts/", import.meta.url);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The Worker tests/reliability/workerd-worker.js in Miniflare, with the package's workerd entry and
 * every scenario module it imports; resolves once it is ready (`dispose()` stops it).
 */
export async function startWorkerd(bindings = {}) {
  const { Miniflare } = await import("miniflare");
  const module = (path) => ({ type: "ESModule", path: `${ROOT}${path}` });
  const worker = new Miniflare({
    modulesRoot: ROOT,
    modules: [
      module("tests/reliability/workerd-worker.js"),
      module("tests/reliability/scenarios.js"),
      module("tests/reliability/fault-matrix.js"),
      module("tests/reliability/bad-input.js"),
      module("tests/reliability/hygiene.js"),
      module("tests/reliability/hostile-cases.js"),
      module("tests/js/check.js"),
      module("pkg/index.workerd.js"),
      module("pkg/github_deployment_status.js"),
      { type: "CompiledWasm", path: `${ROOT}pkg/github_deployment_status_bg.wasm` },
    ],
    compatibilityDate: "2026-04-01",
    bindings,
  });
  await worker.ready;
  return worker;
}

/**
 * Starts the API mock and a second one standing for another origin, then `then(mocks)` in the same
 * hook (two root-level `before` hooks did not wait for each other); both stopped after the file.
 */
export function twoMocks(then = async () => {}) {
  const mocks = {};
  before(async () => {
    [mocks.api, mocks.foreign] = await Promise.all([startMock(), startMock()]);
    await then(mocks);
  });
  after(() => Promise.all([mocks.api?.stop(), mocks.foreign?.stop()]));
  return mocks;
}

/**
 * Runs `scenario` with uncaught exceptions collected rather than left to node:test (which would fail
 * the whole file): one escaping the library fails the scenario that raised it.
 */
export async function noUncaughtExceptions(scenario) {
  const saved = process.rawListeners("uncaughtException");
  const escaped = [];
  process.removeAllListeners("uncaughtException");
  process.on("uncaughtException", (error) => escaped.push(error));
  let failure = null;
  let data;
  try {
    data = await scenario();
  } catch (error) {
    failure = error;
  } finally {
    process.removeAllListeners("uncaughtException");
    saved.forEach((listener) => process.on("uncaughtException", listener));
  }
  if (escaped.length > 0) {
    const note = `${escaped.length} uncaught exceptions escaped: ${escaped.map(String).join("; ")}`;
    if (failure) failure.message += `\n${note}`;
    else failure = new Error(note);
  }
  if (failure) throw failure;
  return data;
}

/**
 * Declares every scenario as a test; `run(suite, name)` runs one and resolves to its data: a
 * matrix row's cells (attached to the error when it fails), or a line for the report. Writes the
 * matrix to `artifact`.
 */
export function reliabilityTests({ runtime, run, artifact }) {
  const cells = [];
  const names = { Client: null, mock: "http://mock", foreign: "http://foreign", runtime };
  for (const [suite, scenarios] of Object.entries(SUITES)) {
    describe(`${suite} in ${runtime}`, () => {
      for (const name of Object.keys(scenarios(names))) {
        test(name, { timeout: 60_000 }, async (t) => {
          try {
            const data = await run(suite, name);
            if (suite === "fault matrix") cells.push(...data);
            else if (typeof data === "string") t.diagnostic(data);
          } catch (error) {
            cells.push(...(error.cells ?? []));
            throw error;
          }
        });
      }
    });
  }
  after(() => {
    if (cells.length === 0) return;
    const options = Object.entries(OPTIONS).map(([k, v]) => `${k}: ${v}`).join(", ");
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(new URL(artifact, ARTIFACTS), [
      `# Fault matrix in ${runtime}`,
      "",
      `${new Date().toISOString().slice(0, 10)}; client options \`{ ${options} }\` unless the fault says;`,
      "each cell: outcome · API requests the mock saw · elapsed ms (`tests/reliability/fault-matrix.js`).",
      "",
      matrixMarkdown(cells),
      "",
    ].join("\n"));
  });
}
