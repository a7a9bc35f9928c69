// Browsers and bundlers (Vite, webpack): fetch and instantiate the wasm next to this file, then re-export.
import init from "./github_deployment_status.js";

await init({ module_or_path: new URL("./github_deployment_status_bg.wasm", import.meta.url) });

export { Client } from "./github_deployment_status.js";
