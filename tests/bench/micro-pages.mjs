import { startBenchServer } from "./server.js";
import { contenders } from "./contenders.js";
const s = await startBenchServer();
const c = contenders(s.url);
const names = process.argv.slice(2).length ? process.argv.slice(2) : ["fetch", "octokit", "ours"];
for (const n of names) for (let i = 0; i < 3; i++) await c[n].paginate();
const t = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < 7; r++) for (const n of names) { const a = performance.now(); const all = await c[n].paginate(); if (all.length !== 10000) throw new Error(n); t[n].push(performance.now() - a); }
for (const n of names) { const x = t[n].sort((a, b) => a - b); console.log(n.padEnd(12), x[3].toFixed(1)); }
await s.close();
