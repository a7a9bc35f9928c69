// The code blocks of both READMEs (the repository's README.md and pkg-template/README.md, the one
// npm shows), read from the files themselves so that the README and its tests cannot drift apart.
//
// Every ```js, ```javascript, ```ts and ```typescript block is type-checked by `make test-types`:
// run as a script, this writes each block to tests/types/readme/ (git-ignored), and
// tsconfig.readme.json checks them under `strict` and `exactOptionalPropertyTypes` against the
// package's index.d.ts, with readme-globals.d.ts declaring the few names the README's fragments use
// without defining (`github`, `owner`, `repo`, `deployment_id`, ...). A block whose first line is a
// comment naming a file (`// deploy.cjs: ...`) is checked as that kind of file (.cjs: CommonJS);
// tests/js/readme-cjs.test.js also runs the .cjs ones against the mock GitHub.
//
// A block that is not meant to compile starts with the line `// not type-checked: <why>`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = new URL("../../", import.meta.url);
export const READMES = ["README.md", "pkg-template/README.md"];
const LANGUAGES = { js: ".js", javascript: ".js", ts: ".ts", typescript: ".ts" };
const SKIP = /^\/\/ not type-checked: \S/;

/**
 * The js/ts blocks of each README: { readme, line (1-based, of the opening fence), ext, code, skip }.
 * Fences inside list items are indented; the indentation is removed.
 */
export function readmeBlocks() {
  const blocks = [];
  for (const readme of READMES) {
    const lines = readFileSync(new URL(readme, ROOT), "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]);
      if (!open) continue;
      const [, indent, language] = open;
      const start = i;
      const body = [];
      for (i++; i < lines.length && !new RegExp(`^${indent}\`\`\`\\s*$`).test(lines[i]); i++) {
        body.push(lines[i].startsWith(indent) ? lines[i].slice(indent.length) : lines[i]);
      }
      if (!Object.hasOwn(LANGUAGES, language)) continue;
      const code = `${body.join("\n")}\n`;
      const named = /^\/\/ [\w.-]+(\.[cm]?[jt]s)\b/.exec(body[0] ?? "");
      blocks.push({ readme, line: start + 1, ext: named?.[1] ?? LANGUAGES[language], code, skip: SKIP.test(body[0] ?? "") });
    }
  }
  return blocks;
}

/** File name for a block: which README and where, so a tsc error points back to it. */
export const blockFile = (block) => `${block.readme === "README.md" ? "repository" : "npm"}-README-line-${block.line}${block.ext}`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = new URL("readme/", import.meta.url);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const blocks = readmeBlocks();
  for (const readme of READMES) {
    if (!blocks.some((b) => b.readme === readme && !b.skip)) throw new Error(`no js/ts block found in ${readme}`);
  }
  for (const block of blocks.filter((b) => !b.skip)) writeFileSync(new URL(blockFile(block), out), block.code);
  const skipped = blocks.filter((b) => b.skip).map((b) => `${b.readme}:${b.line}`);
  console.log(`README code blocks to type-check: ${blocks.length - skipped.length}${skipped.length ? `; marked not type-checked: ${skipped.join(", ")}` : ""}`);
}
