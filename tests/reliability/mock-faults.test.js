// The mock faults the reliability suites rely on, checked over real HTTP: `pad_bytes` (a huge answer)
// and a redirect (status + Location) to another origin.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startMock } from "../mock/server.js";
import { mockControl, TOKEN } from "../js/check.js";

const STATUS_1 = "/repos/octo-org/hello-world/deployments/42/statuses/1";
const headers = { authorization: `Bearer ${TOKEN}`, "user-agent": "reliability-tests" };
let mock;
let control;

before(async () => {
  mock = await startMock();
  control = mockControl(mock.url);
});
after(() => mock?.close());

test("pad_bytes: the same JSON followed by that many spaces, without an ETag", async () => {
  const plain = await fetch(`${mock.url}${STATUS_1}`, { headers });
  const text = await plain.text();
  await control.fault({ path: STATUS_1, pad_bytes: 20 * 1024 * 1024 });
  const padded = await fetch(`${mock.url}${STATUS_1}`, { headers });
  const body = await padded.text();
  assert.equal(padded.status, 200);
  assert.equal(Number(padded.headers.get("content-length")), Buffer.byteLength(text) + 20 * 1024 * 1024);
  assert.deepEqual(JSON.parse(body), JSON.parse(text));
  assert.equal(padded.headers.get("etag"), null);
  assert.ok(plain.headers.get("etag"));
});

test("pad_bytes must be an integer from 0 to 256 MiB", async () => {
  for (const pad_bytes of [-1, 1.5, "20", 2 ** 28 + 1]) {
    await assert.rejects(control.fault({ pad_bytes }), /pad_bytes must be an integer/);
  }
});

test("a redirect to another origin: status and Location, nothing processed", async () => {
  const elsewhere = `http://localhost:1${STATUS_1}`;
  await control.reset();
  await control.fault({ method: "POST", status: 307, body: "", headers: { location: elsewhere } });
  const answer = await fetch(`${mock.url}${STATUS_1.replace(/\/1$/, "")}`, {
    method: "POST", headers, body: JSON.stringify({ state: "success" }), redirect: "manual",
  });
  assert.equal(answer.status, 307);
  assert.equal(answer.headers.get("location"), elsewhere);
  assert.equal(await answer.text(), "");
  assert.equal((await control.stats()).created, 0);
});
