import { startBenchServer } from "./server.js";
import { Client } from "/tmp/named/index.node.js";
const s = await startBenchServer();
const u = `${s.url}/repos/octocat/example/deployments/42/statuses/1`;
const headers = { accept: "application/vnd.github+json", authorization: "Bearer ghp_bench", "x-github-api-version": "2026-03-10", "user-agent": "bench" };
const ours = new Client({ baseUrl: s.url, auth: "ghp_bench", cache: false });
const td = new TextDecoder();
const v = {
  fetch: () => fetch(u, { headers }).then(async (r) => JSON.parse(await r.text())),
  fetchSignal: () => fetch(u, { headers, signal: AbortSignal.timeout(30000) }).then(async (r) => JSON.parse(await r.text())),
  fetchCtl: () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 30000); return fetch(u, { headers, signal: c.signal }).then(async (r) => { const x = JSON.parse(await r.text()); clearTimeout(t); return x; }); },
  fetchReq: () => fetch(new Request(u, { headers })).then(async (r) => JSON.parse(await r.text())),
  fetchHdr: () => fetch(u, { headers }).then(async (r) => { const h = Object.fromEntries(r.headers); return JSON.parse(await r.text()); }),
  fetchBuf: () => fetch(u, { headers }).then(async (r) => { const b = new Uint8Array(await r.arrayBuffer()); return JSON.parse(new TextDecoder().decode(b)); }),
  mimic: () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 30000); const h = new Headers(); for (const [k, x] of Object.entries(headers)) h.append(k, x); const q = new Request(u, { method: "GET", headers: h, signal: c.signal }); return fetch(q).then(async (r) => { const hh = Object.fromEntries(r.headers); const b = new Uint8Array(await r.arrayBuffer()); const x = JSON.parse(td.decode(b)); clearTimeout(t); return { status: r.status, url: r.url, headers: hh, data: x }; }); },
  mimicNoReq: () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 30000); return fetch(u, { method: "GET", headers, signal: c.signal }).then(async (r) => { const hh = Object.fromEntries(r.headers); const x = JSON.parse(await r.text()); clearTimeout(t); return { status: r.status, url: r.url, headers: hh, data: x }; }); },
  ours: () => ours.getDeploymentStatus({ owner: "octocat", repo: "example", deployment_id: 42, status_id: 1 }).then((r) => r.data),
};
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(v);
for (const n of names) for (let i = 0; i < 300; i++) await v[n]();
const t = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < 15; r++) for (const n of names) { const a = performance.now(); for (let i = 0; i < 200; i++) await v[n](); t[n].push((performance.now() - a) / 200); }
for (const n of names) { const x = t[n].sort((a, b) => a - b); console.log(n.padEnd(12), x[7].toFixed(3)); }
await s.close();
