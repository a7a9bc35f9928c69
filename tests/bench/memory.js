// Peak memory of iterate or paginate over 100,000 statuses, in a fresh process; prints JSON.
import { readFileSync } from "node:fs";
import { initSync, Client } from "../../pkg/github_deployment_status.js";
import { startBenchServer } from "./server.js";

const wasm = initSync({ module: readFileSync(new URL("../../pkg/github_deployment_status_bg.wasm", import.meta.url)) });
const way = process.argv[2];
const server = await startBenchServer({ total: 100_000, perPage: 100 });
const client = new Client({ baseUrl: server.url, auth: "ghp_bench", cache: false });
const where = { owner: "octocat", repo: "example", deployment_id: 42, per_page: 100 };
const peak = { rss: 0, heap: 0, wasm: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heap = Math.max(peak.heap, m.heapUsed);
  peak.wasm = Math.max(peak.wasm, wasm.memory.buffer.byteLength);
};
let items = 0;
if (way === "iterate") {
  for await (const page of client.iterate(where)) {
    items += page.data.length;
    sample();
  }
} else {
  const all = await client.paginate(where, { onPage: sample });
  items = all.length;
  sample();
}
await server.close();
console.log(JSON.stringify({ items, ...peak }));
