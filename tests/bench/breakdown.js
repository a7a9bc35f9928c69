// Where per-call time goes: raw fetch, then fetch with each thing a careful client adds, then ours.
// `node tests/bench/breakdown.js [variant ...]` (after `make pkg`); variants alternate in one run,
// 40 rounds of 200 calls; min, p25 and median ms per call. Not part of `make test`.
import { callVariants, REQUEST_HEADERS as headers, timeRounds } from "./per-call.js";
import { startBenchServer } from "./server.js";

const server = await startBenchServer();
const url = `${server.url}/repos/octocat/example/deployments/42/statuses/1`;
const parse = async (response) => JSON.parse(await response.text());
const { fetch: raw, ...rest } = callVariants(server.url);
const variants = {
  fetch: raw,
  // + a per-request timeout signal.
  "fetch+timeout": () => fetch(url, { headers, signal: AbortSignal.timeout(30_000) }).then(parse),
  // + a Request object (gloo-net's `send` takes one).
  "fetch+Request": () => fetch(new Request(url, { headers })).then(parse),
  // + reading every header into a plain object.
  "fetch+headers": () =>
    fetch(url, { headers }).then(async (r) => ({ headers: Object.fromEntries(r.headers), data: await parse(r) })),
  ...rest,
};

const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(variants);
const times = await timeRounds(variants, names, { warmup: 300, rounds: 40, calls: 200 });
console.log("| variant | min ms | p25 ms | median ms |\n|---|---:|---:|---:|");
for (const name of names) {
  const t = times[name].sort((a, b) => a - b);
  console.log(`| ${name} | ${t[0].toFixed(3)} | ${t[10].toFixed(3)} | ${t[20].toFixed(3)} |`);
}
await server.close();
