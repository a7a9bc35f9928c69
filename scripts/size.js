// Prints the raw and gzip -9 size of every file a browser downloads from the package;
// with `--budget N`, fails when their gzip total is over N bytes.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const budgetAt = args.indexOf("--budget");
const budget = budgetAt >= 0 ? Number(args.splice(budgetAt, 2)[1]) : undefined;
const dir = args[0] ?? "pkg";
// The browser entry imports the wasm-bindgen glue, which fetches the .wasm: nothing else.
const files = readdirSync(dir).filter((f) => /^(index\.browser\.js|github_deployment_status\.js|.*\.wasm)$/.test(f));
let raw = 0;
let gzip = 0;
for (const file of files.sort()) {
  const bytes = readFileSync(join(dir, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += gz;
  console.log(`${file.padEnd(36)} ${String(bytes.length).padStart(8)} B raw ${String(gz).padStart(8)} B gzip`);
}
console.log(`${"total (browser download)".padEnd(36)} ${String(raw).padStart(8)} B raw ${String(gzip).padStart(8)} B gzip`);
if (budget !== undefined) {
  if (!(budget > 0)) throw new Error("--budget needs a byte count");
  if (gzip > budget) {
    console.error(`size budget exceeded: ${gzip} B gzip > ${budget} B (Makefile SIZE_BUDGET); shrink the package`);
    process.exit(1);
  }
  console.log(`size budget: ${gzip} B gzip <= ${budget} B`);
}
