// Cloudflare Workers (workerd): wrangler and miniflare import the .wasm as a compiled module.
import wasm from "./github_deployment_status_bg.wasm";
import { initSync } from "./github_deployment_status.js";

initSync({ module: wasm });

export { Client } from "./github_deployment_status.js";
