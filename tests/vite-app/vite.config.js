// `vite build` of the fixture app (root: this folder; output: dist/, git-ignored). The package is
// resolved by name from tests/node_modules like any dependency.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  logLevel: "warn",
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
});
