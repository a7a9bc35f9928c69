// What each client costs around fetch itself: `fetch` is replaced by one that answers at once
// from memory, so neither the network nor undici's connection handling shows, only the work a
// client does per call. `node tests/bench/overhead.js [variant ...]` (after `make pkg`); the
// variants alternate in one run, 60 rounds of 500 calls; min and median µs per call, and with
// two or more variants the per-round gap between the first two. Not part of `make test`.
import { status } from "./fixtures.js";
import { callVariants, timeRounds } from "./per-call.js";
import { ANSWER_HEADERS } from "./server.js";

const origin = "http://127.0.0.1:9";
const body = JSON.stringify(status(origin, 1));
const answer = async () => new Response(body, { status: 200, headers: ANSWER_HEADERS });
globalThis.fetch = answer;

const variants = callVariants(origin, { request: { fetch: answer } });
const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(variants);
const times = await timeRounds(variants, names, { warmup: 2_000, rounds: 60, calls: 500 });
const us = (ms) => (ms * 1000).toFixed(1);
const middle = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log("| variant | min µs | median µs |\n|---|---:|---:|");
for (const name of names) console.log(`| ${name} | ${us(Math.min(...times[name]))} | ${us(middle(times[name]))} |`);
if (names.length > 1) {
  const [a, b] = names;
  console.log(`\n${a} − ${b}, median of per-round gaps: ${us(middle(times[a].map((t, i) => t - times[b][i])))} µs`);
}
