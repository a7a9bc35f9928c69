// Node: read the wasm next to this file and instantiate it synchronously, then re-export.
import { readFileSync } from "node:fs";
import { initSync } from "./github_deployment_status.js";

initSync({ module: readFileSync(new URL("./github_deployment_status_bg.wasm", import.meta.url)) });

export { Client } from "./github_deployment_status.js";
