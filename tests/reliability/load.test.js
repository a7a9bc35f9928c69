// Load in Node: 10,000 sequential calls and bursts of 1,000 concurrent calls from one client, every
// one checked, while the wasm memory (read from initSync's return value, as tests/bench/memory.js
// does) is sampled and must stop growing; run with --expose-gc to bound the JS heap too. The
// sequential run comes first, on a fresh instance, so no earlier peak hides its growth.
// Figures go to tests/artifacts/load.md.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Client, initSync } from "../../pkg/github_deployment_status.js";
import { mockControl, TOKEN } from "../js/check.js";
import { startMock } from "../js/mock-process.js";

const wasm = initSync({ module: readFileSync(new URL("../../pkg/github_deployment_status_bg.wasm", import.meta.url)) });
const WHERE = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };
const LIST_PATH = "/repos/octo-org/hello-world/deployments/42/statuses";
const PAGE = 64 * 1024;
const KiB = (bytes) => `${(bytes / 1024).toLocaleString("en-US", { maximumFractionDigits: 0 })} KiB`;
const figures = [];

let mock;
let control;
before(async () => {
  mock = await startMock();
  control = mockControl(mock.url);
});
after(async () => {
  await mock?.stop();
  mkdirSync(new URL("../artifacts/", import.meta.url), { recursive: true });
  writeFileSync(new URL("../artifacts/load.md", import.meta.url),
    `# Load figures (Node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n\n${figures.map((f) => `- ${f}`).join("\n")}\n`);
});

/** Records a figure for the artifact and the test report. */
function figure(t, text) {
  figures.push(text);
  t.diagnostic(text);
}

/** The JS heap after a full collection, when --expose-gc allows one. */
function heapUsed() {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

test("10,000 sequential calls: all correct, wasm memory stops growing", { timeout: 300_000 }, async (t) => {
  const client = new Client({ baseUrl: mock.url, auth: TOKEN });
  const total = 10_000;
  const samples = [];
  const heap = [];
  let created;
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    // The mock allows 5,000 requests an hour per token, like GitHub: a fresh window every 2,500 calls.
    if (i % 2500 === 0) await control.reset();
    switch (i % 5) {
      case 0:
        created = (await client.createDeploymentStatus({ ...WHERE, state: "success", description: `call ${i}` })).data;
        assert.equal(created.description, `call ${i}`);
        break;
      case 1:
        assert.equal((await client.getDeploymentStatus({ ...WHERE, status_id: created.id })).data.description, `call ${i - 1}`);
        break;
      case 2:
        assert.equal((await client.listDeploymentStatuses({ ...WHERE, per_page: 5 })).data[0].id, created.id);
        break;
      case 3:
        await assert.rejects(client.getDeploymentStatus({ ...WHERE, status_id: 999_999 }), { name: "HttpError", status: 404 });
        break;
      default:
        await assert.rejects(client.createDeploymentStatus({ ...WHERE, state: "bogus" }), { name: "ValidationError", field: "state" });
    }
    if ((i + 1) % 100 === 0) {
      samples.push(wasm.memory.buffer.byteLength);
      if ((i + 1) % 1000 === 0) heap.push(heapUsed());
    }
  }
  const ms = performance.now() - started;
  const at20 = samples[Math.floor(samples.length / 5) - 1];
  const last = samples.at(-1);
  assert.ok(last - at20 <= PAGE, `wasm memory grew from ${at20} bytes at 20 % to ${last} bytes at the end`);
  if (globalThis.gc) {
    const heapGrowth = heap.at(-1) - heap[1];
    assert.ok(heapGrowth < 2 * 1024 * 1024, `JS heap grew ${KiB(heapGrowth)} between 2,000 and 10,000 calls`);
  }
  figure(t, `10,000 sequential calls (2,000 each of create, get, list, a 404, a ValidationError) in ${Math.round(ms)} ms ` +
    `(${(ms / total).toFixed(3)} ms per call); wasm memory ${KiB(samples[0])} after 100 calls, ${KiB(at20)} at 20 %, ` +
    `${KiB(Math.max(...samples))} peak, ${KiB(last)} at the end; JS heap after GC ${heap.map((b) => KiB(b)).join(", ")} (every 1,000 calls)`);
});

test("1,000 concurrent calls from one client, four identical bursts: all correct, one request each, wasm memory flat", { timeout: 120_000 }, async (t) => {
  const client = new Client({ baseUrl: mock.url, auth: TOKEN });
  const memory = [wasm.memory.buffer.byteLength];
  const times = [];
  for (let burst = 1; burst <= 4; burst += 1) {
    await control.reset();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => {
      if (i % 5 === 0) return client.createDeploymentStatus({ ...WHERE, state: "success", description: `call ${i}` });
      if (i % 5 < 3) return client.getDeploymentStatus({ ...WHERE, status_id: 1 + (i % 3) });
      return client.listDeploymentStatuses({ ...WHERE, per_page: 100 });
    }));
    times.push(performance.now() - started);
    memory.push(wasm.memory.buffer.byteLength);
    results.forEach((result, i) => {
      const what = `burst ${burst} call ${i}`;
      if (i % 5 === 0) assert.equal(result.data.description, `call ${i}`, what);
      else if (i % 5 < 3) assert.equal(result.data.id, 1 + (i % 3), what);
      else {
        const ids = result.data.map((s) => s.id);
        assert.ok(ids.length >= 3 && ids.every((id, k) => k === 0 || ids[k - 1] > id), what);
      }
    });
    const { requests, created } = await control.stats();
    assert.equal(requests, 1000, `burst ${burst}: one request per call, no retries`);
    assert.equal(created, 200, `burst ${burst}: statuses created`);
    const descriptions = (await client.paginate({ ...WHERE, per_page: 100 })).map((s) => s.description);
    assert.equal(new Set(descriptions.filter((d) => d.startsWith("call "))).size, 200, `burst ${burst}: each status once`);
  }
  assert.ok(memory[4] - memory[2] <= PAGE, `wasm memory grew from ${memory[2]} bytes after burst 2 to ${memory[4]} after burst 4`);
  figure(t, `1,000 concurrent calls (200 create, 400 get, 400 list of up to 100) × 4 identical bursts: ` +
    `${times.map((ms) => `${Math.round(ms)} ms`).join(", ")}; all 4,000 correct, one request each; ` +
    `wasm memory ${memory.map(KiB).join(" → ")}`);
});

test("a 20 MB answer grows wasm memory once; the next ones reuse it", { timeout: 60_000 }, async (t) => {
  // Above the default maxBodyBytes (16 MiB), which a client raises for answers this large.
  const client = new Client({ baseUrl: mock.url, auth: TOKEN, cache: false, maxBodyBytes: 32 * 2 ** 20 });
  const memory = [wasm.memory.buffer.byteLength];
  for (let i = 0; i < 3; i += 1) {
    await control.reset();
    await control.fault({ path: `${LIST_PATH}/1`, pad_bytes: 20 * 1024 * 1024 });
    assert.equal((await client.getDeploymentStatus({ ...WHERE, status_id: 1 })).data.id, 1);
    memory.push(wasm.memory.buffer.byteLength);
  }
  assert.ok(memory[3] - memory[1] <= PAGE, `wasm memory ${memory.join(" → ")} bytes`);
  figure(t, `a 20 MB answer (getDeploymentStatus, 3 times): wasm memory ${memory.map(KiB).join(" → ")}`);
});
