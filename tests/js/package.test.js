// What the npm tarball built in pkg/ carries besides code: both license texts the `license` field
// names, and the README written for npm users (pkg-template/README.md, not the repository's, which
// is about building and testing this repository).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const PKG = fileURLToPath(new URL("../../pkg/", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const manifest = JSON.parse(readFileSync(`${PKG}package.json`, "utf8"));

/** The paths `npm pack` would put in the tarball, from its own report (nothing is written). */
function packed() {
  const report = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: PKG,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" },
  });
  return JSON.parse(report)[0].files.map((f) => f.path);
}

test("both license texts are in pkg/, named in files, and in the tarball", () => {
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  for (const name of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.equal(readFileSync(`${PKG}${name}`, "utf8"), readFileSync(`${ROOT}${name}`, "utf8"), `${name} copied`);
    assert.ok(manifest.files.includes(name), `${name} in package.json files`);
  }
  assert.match(readFileSync(`${PKG}LICENSE-MIT`, "utf8"), /^MIT License\n\nCopyright \(c\) the github-deployment-status authors\n/);
  assert.match(readFileSync(`${PKG}LICENSE-APACHE`, "utf8"), /Apache License\s+Version 2\.0, January 2004/);
  const files = packed();
  for (const name of ["LICENSE-MIT", "LICENSE-APACHE", "README.md", "package.json", "cli.js", "index.d.ts"]) {
    assert.ok(files.includes(name), `npm pack lists ${name}: ${files.join(", ")}`);
  }
});

test("the README in pkg/ is the one for npm users: no build commands, no measured figures", () => {
  const readme = readFileSync(`${PKG}README.md`, "utf8");
  assert.equal(readme, readFileSync(`${ROOT}pkg-template/README.md`, "utf8"));
  assert.ok(manifest.files.includes("README.md"));
  assert.doesNotMatch(readme, /\bmake (demo|test|pkg|bench)\b/, "no make commands");
  assert.doesNotMatch(readme, /\d{2,3},\d{3} B\b/, "no byte counts copied from a measurement");
  for (const topic of ["npm install github-deployment-status", "### CommonJS", "### Cloudflare Workers", "### TypeScript", "## Errors", "## Moving from octokit", "## Command line", "GITHUB_API_VERSION", "apiVersion", "## Content-Security-Policy"]) {
    assert.ok(readme.includes(topic), topic);
  }
});
