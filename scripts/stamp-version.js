// Copies the crate's version from Cargo.toml into the built package.json.
import { readFileSync, writeFileSync } from "node:fs";

const [cargoToml, packageJson] = process.argv.slice(2);
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(cargoToml, "utf8"))?.[1];
if (!version) throw new Error(`no version in ${cargoToml}`);
const pkg = JSON.parse(readFileSync(packageJson, "utf8"));
pkg.version = version;
writeFileSync(packageJson, JSON.stringify(pkg, null, 2) + "\n");
