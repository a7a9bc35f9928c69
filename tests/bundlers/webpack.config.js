// webpack 5 needs nothing for the package: it follows `new URL("./….wasm", import.meta.url)` and
// emits the .wasm as an asset. Only where the app is and where the build goes are set here.
import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  context: fileURLToPath(new URL("../vite-app/", import.meta.url)),
  entry: "./main.js",
  output: { path: fileURLToPath(new URL("dist/webpack/", import.meta.url)), clean: true },
};
