// The Rollup configuration the README gives: node-resolve finds the package, and
// import-meta-assets emits the .wasm the browser entry names with `new URL(..., import.meta.url)`
// (Rollup itself leaves that URL pointing next to the bundle, where no .wasm is).
// The test builds the Vite fixture's app with it: input and output are set there.
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { importMetaAssets } from "@web/rollup-plugin-import-meta-assets";

export default {
  input: "src/main.js",
  output: { dir: "dist", format: "es" },
  plugins: [nodeResolve({ browser: true }), importMetaAssets()],
};
