// The READMEs' CommonJS examples (```js blocks whose first line names a .cjs file), taken from the
// READMEs themselves and run by node as .cjs files against the mock GitHub: each must print the
// newest state of deployment 42. Node here (20.19+) loads an ES module with require(); the import()
// form must also work where it cannot (`--no-experimental-require-module`, as on older Node).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { READMES, readmeBlocks } from "../types/readme.js";
import { TOKEN } from "./check.js";
import { startMock } from "./mock-process.js";

// Inside tests/, so that the files find the package in tests/node_modules as a user's would.
const DIR = new URL(".readme-cjs/", import.meta.url);
const blocks = readmeBlocks().filter((b) => b.ext === ".cjs" && !b.skip);
const unique = [...new Map(blocks.map((b) => [b.code, b])).values()];

let mock;
before(async () => {
  mock = await startMock(["--seed", "test"]);
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR);
});
after(async () => {
  rmSync(DIR, { recursive: true, force: true });
  await mock?.stop();
});

/** Runs `code` as a .cjs file; resolves to { code, stdout, stderr } (a failure is not thrown). */
async function runCjs(name, code, nodeArgs = []) {
  const file = fileURLToPath(new URL(name, DIR));
  writeFileSync(file, code);
  const env = { PATH: process.env.PATH, GITHUB_API_URL: mock.url, GITHUB_TOKEN: TOKEN };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...nodeArgs, file], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

describe("the READMEs' CommonJS examples", () => {
  test("each README has them (one with require(), one with import() in a function)", () => {
    for (const readme of READMES) {
      const own = blocks.filter((b) => b.readme === readme).map((b) => b.code);
      assert.ok(own.some((c) => /require\("github-deployment-status"\)/.test(c)), `${readme}: a require() example`);
      assert.ok(own.some((c) => /await import\("github-deployment-status"\)/.test(c)), `${readme}: an import() example`);
    }
  });

  for (const [i, block] of unique.entries()) {
    const where = `${block.readme} line ${block.line}`;
    test(`${where} prints deployment 42's newest state`, { timeout: 30_000 }, async () => {
      const result = await runCjs(`example-${i}.cjs`, block.code);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, "success\n");
      assert.equal(result.stderr, "");
    });

    if (block.code.includes("await import(")) {
      test(`${where} works where require() cannot load an ES module`, { timeout: 30_000 }, async () => {
        const result = await runCjs(`example-${i}-old-node.cjs`, block.code, ["--no-experimental-require-module"]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, "success\n");
      });
    } else {
      test(`${where} needs require() of ES modules (why the README names Node versions)`, { timeout: 30_000 }, async () => {
        const result = await runCjs(`example-${i}-old-node.cjs`, block.code, ["--no-experimental-require-module"]);
        assert.notEqual(result.code, 0);
        assert.match(result.stderr, /ERR_REQUIRE_ESM/);
      });
    }
  }

  test("what the README warns against: await import() at the top level of a .cjs file is a SyntaxError", async () => {
    const result = await runCjs("top-level-await.cjs", 'const { Client } = await import("github-deployment-status");\n');
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /SyntaxError/);
  });
});
