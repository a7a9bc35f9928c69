// HTTP semantics: pagination, ETags and watch, rate limits, retries that never duplicate or lose a
// status, timeouts and cancellation, concurrency.
import { apiRequests, createdOnce, eq, mockControl, ok, rejects, TOKEN } from "./check.js";

const OWNER = "octo-org";
const REPO = "hello-world";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function semantics({ Client, mock, runtime }) {
  const control = mockControl(mock);
  const client = (options = {}) => new Client({ baseUrl: mock, auth: TOKEN, ...options });
  const where = { owner: OWNER, repo: REPO, deployment_id: 42 };
  const listPath = "/repos/octo-org/hello-world/deployments/42/statuses";

  /** A deployment with `count` statuses, on a fresh mock. */
  async function bulk(deployment_id, count) {
    await control.reset();
    await control.bulkStatuses({ owner: OWNER, repo: REPO, deployment_id, count });
    return { owner: OWNER, repo: REPO, deployment_id };
  }

  async function created() {
    return (await control.stats()).created;
  }

  return {
    "paginate: 2,500 statuses come back exactly once each, newest first, with progress": async () => {
      const params = await bulk(500, 2500);
      const progress = [];
      const all = await client().paginate(
        { ...params, per_page: 100 },
        { onPage: (p) => progress.push([p.page, p.totalPages, p.items, p.data.length]) },
      );
      eq(all.length, 2500, "statuses");
      eq(new Set(all.map((s) => s.id)).size, 2500, "distinct ids");
      ok(all.every((s, i) => i === 0 || all[i - 1].id > s.id), "newest first throughout");
      eq(progress.length, 25, "onPage calls");
      eq(progress[0], [1, 25, 100, 100], "first progress report");
      eq(progress[24], [25, 25, 2500, 100], "last progress report");
      const c = client();
      await c.paginate({ ...params, per_page: 100 });
      const before = await control.stats();
      const again = await c.paginate({ ...params, per_page: 100 });
      eq(again.map((s) => s.id), all.map((s) => s.id), "a second pass from the ETag cache is the same");
      eq((await control.stats()).rate_limited, before.rate_limited, "and costs no rate limit");
    },

    "paginate: maxPages stops early": async () => {
      const params = await bulk(501, 2500);
      await control.clearRequests();
      const some = await client().paginate({ ...params, per_page: 100 }, { maxPages: 3 });
      eq(some.length, 300, "statuses after 3 pages");
      eq((await apiRequests(control)).length, 3, "requests");
    },

    "paginate: a Link cycle stops with a clear error": async () => {
      const params = await bulk(502, 500);
      const first = `${mock}/repos/${OWNER}/${REPO}/deployments/502/statuses?per_page=100&page=1`;
      await control.fault({ path: "page=3", headers: { link: `<${first}>; rel="next"` } });
      const e = await rejects(() => client().paginate({ ...params, per_page: 100 }), "DecodeError", "cycle");
      ok(/already fetched/.test(e.message), `message: ${e.message}`);
    },

    "paginate: a next link to another origin is refused and that origin receives nothing": async () => {
      const params = await bulk(503, 300);
      const foreign = mock.replace("127.0.0.1", "localhost") + "/repos/octo-org/hello-world/deployments/503/statuses?page=2&foreign=1";
      await control.fault({ path: "deployments/503/statuses", headers: { link: `<${foreign}>; rel="next"` } });
      await control.clearRequests();
      const e = await rejects(() => client().paginate({ ...params, per_page: 100 }), "DecodeError", "foreign origin");
      ok(/outside/.test(e.message), `message: ${e.message}`);
      const requests = await apiRequests(control);
      eq(requests.length, 1, "only the first page was requested");
      ok(!requests.some((r) => r.path.includes("foreign=1")), "the foreign URL got nothing");
    },

    "iterate: pages come lazily and breaking out stops all requests": async () => {
      const params = await bulk(504, 2500);
      await control.clearRequests();
      const c = client();
      let pages = 0;
      for await (const page of c.iterate({ ...params, per_page: 100 })) {
        eq(page.status, 200, "page status");
        eq(page.data.length, 100, "page size");
        pages += 1;
        if (pages === 2) break;
      }
      await sleep(100);
      eq((await apiRequests(control)).length, 2, "requests made for 2 pages");
      const iterator = c.iterate({ ...params, per_page: 100 });
      eq(typeof iterator[Symbol.asyncIterator], "function", "async iterable");
      eq((await iterator.next()).done, false, "first page");
      eq(await iterator.return(), { value: undefined, done: true }, "return() stops");
      eq((await iterator.next()).done, true, "stopped for good");
    },

    "conditional requests: a 304 resolves with the cached data and costs no rate limit": async () => {
      await control.reset();
      const c = client();
      const first = await c.listDeploymentStatuses(where);
      eq(first.status, 200, "first list");
      const before = await control.stats();
      const again = await c.listDeploymentStatuses(where);
      eq(again.status, 304, "second list");
      eq(again.data, first.data, "cached data");
      // GitHub's 304 leaves out the body's headers: the cached 200's fill them in, fresh ones win.
      eq(again.headers["content-type"], first.headers["content-type"], "the cached answer's content-type");
      eq(again.headers.etag, first.headers.etag, "the same ETag");
      ok(again.rateLimit && again.rateLimit.remaining === first.rateLimit.remaining, "remaining unchanged");
      const one = await c.getDeploymentStatus({ ...where, status_id: first.data[0].id });
      const oneAgain = await c.getDeploymentStatus({ ...where, status_id: first.data[0].id });
      eq([one.status, oneAgain.status], [200, 304], "get twice");
      eq(oneAgain.data, one.data, "cached get");
      const after = await control.stats();
      eq(after.rate_limited - before.rate_limited, 1, "only the first get counted against the rate limit");
      const sent = (await apiRequests(control)).filter((r) => r.headers["if-none-match"]);
      eq(sent.length, 2, "If-None-Match sent on the repeats");
      await c.createDeploymentStatus({ ...where, state: "queued" });
      const changed = await c.listDeploymentStatuses(where);
      eq(changed.status, 200, "a change answers 200");
      eq(changed.data.length, first.data.length + 1, "and shows the new status");
    },

    "conditional requests: the cache can be turned off and is bounded": async () => {
      await control.reset();
      await control.clearRequests();
      const off = client({ cache: false });
      await off.listDeploymentStatuses(where);
      eq((await off.listDeploymentStatuses(where)).status, 200, "no cache: 200 again");
      eq((await apiRequests(control)).filter((r) => r.headers["if-none-match"]).length, 0, "no If-None-Match");
      const tiny = client({ cache: { maxEntries: 1 } });
      await tiny.listDeploymentStatuses(where);
      await tiny.listDeploymentStatuses({ ...where, deployment_id: 43 });
      eq((await tiny.listDeploymentStatuses(where)).status, 200, "evicted by the second URL");
      eq((await tiny.listDeploymentStatuses(where)).status, 304, "cached again");
      const other = new Client({ baseUrl: mock, auth: "ghp_mock_second_token" });
      eq((await other.listDeploymentStatuses(where)).status, 200, "another token has its own cache");
      const v = await rejects(() => Promise.resolve().then(() => client({ cache: { maxEntries: 0 } })), "ValidationError", "bad cache");
      eq(v.field, "cache", "cache field");
    },

    "watch: onChange on the first list and on each change only, then stops at once on abort": async () => {
      await control.reset();
      const c = client();
      const changes = [];
      const stop = new AbortController();
      const watching = c.watch(where, {
        intervalMs: 1000,
        signal: stop.signal,
        onChange: (response) => changes.push(response.data.map((s) => s.id)),
      });
      await sleep(1300);
      eq(changes.length, 1, "one call for the first list, none while nothing changes");
      const other = client();
      const { data: added } = await other.createDeploymentStatus({ ...where, state: "in_progress" });
      await sleep(1300);
      eq(changes.length, 2, "one call after a status was created elsewhere");
      eq(changes[1][0], added.id, "the new status leads the list");
      await control.fault({ path: listPath, delay_ms: 5000 });
      await sleep(150);
      const started = Date.now();
      stop.abort();
      await watching;
      ok(Date.now() - started < 1000, "stopped at once, aborting the request in flight");
    },

    "watch: honours X-Poll-Interval": async () => {
      await control.reset();
      await control.fault({ path: listPath, headers: { "x-poll-interval": "2" } });
      await control.clearRequests();
      const stop = new AbortController();
      const watching = client().watch(where, { intervalMs: 1000, signal: stop.signal, onChange: () => {} });
      await sleep(1500);
      eq((await apiRequests(control)).length, 1, "no poll before the 2 s GitHub asked for");
      await sleep(1000);
      ok((await apiRequests(control)).length >= 2, "polled again after it");
      stop.abort();
      await watching;
    },

    "rate limits: 429 and secondary-limit 403 with retry-after wait as told and retry": async () => {
      await control.reset();
      const c = client();
      for (const status of [429, 403]) {
        await control.fault({
          path: listPath,
          status,
          headers: { "retry-after": "1" },
          body: JSON.stringify({ message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits", status: String(status) }),
        });
        const started = Date.now();
        const list = await c.listDeploymentStatuses(where, {});
        ok([200, 304].includes(list.status), `${status}: succeeded after waiting`);
        ok(Date.now() - started >= 950, `${status}: waited the second GitHub asked for`);
      }
      const before = await created();
      await control.fault({ method: "POST", status: 429, headers: { "retry-after": "1" } });
      const posted = await c.createDeploymentStatus({ ...where, state: "success" });
      eq(posted.status, 201, "POST retried after 429");
      eq((await created()) - before, 1, "exactly one status created");
    },

    "rate limits: remaining 0 waits for the reset within maxRateLimitWaitMs, else fails saying when": async () => {
      await control.reset();
      const soon = Math.ceil(Date.now() / 1000) + 1;
      await control.fault({ path: listPath, status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(soon) }, body: JSON.stringify({ message: "API rate limit exceeded for user ID 1.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" }) });
      const ok1 = await client({ maxRateLimitWaitMs: 5000 }).listDeploymentStatuses(where);
      eq(ok1.status, 200, "succeeded after the reset");
      const later = Math.ceil(Date.now() / 1000) + 3600;
      await control.fault({ path: listPath, status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(later) }, body: JSON.stringify({ message: "API rate limit exceeded for user ID 1." }) });
      const started = Date.now();
      const e = await rejects(() => client({ maxRateLimitWaitMs: 5000 }).listDeploymentStatuses(where), "HttpError", "reset too far");
      eq(e.status, 403, "status");
      eq(e.rateLimit.reset, later, "rateLimit.reset says when");
      eq(e.rateLimit.remaining, 0, "rateLimit.remaining");
      ok(Date.now() - started < 1000, "failed without waiting");
      await control.fault({ path: listPath, status: 429, headers: { "retry-after": "30" } });
      const tooLong = await rejects(() => client({ maxRateLimitWaitMs: 500 }).listDeploymentStatuses(where), "HttpError", "retry-after too long");
      eq(tooLong.status, 429, "429 beyond maxRateLimitWaitMs fails");
    },

    "retries: GETs retry 500, 502, 503, 504 and resets, never other 4xx": async () => {
      await control.reset();
      const c = client();
      for (const status of [500, 502, 503, 504]) {
        await control.fault({ path: listPath, status });
        await control.clearRequests();
        eq((await c.listDeploymentStatuses(where, {})).status === 200 || true, true, "resolved");
        eq((await apiRequests(control)).length, 2, `${status}: one retry`);
      }
      await control.fault({ path: listPath, reset: "before" });
      await control.clearRequests();
      await c.getDeploymentStatus({ ...where, status_id: 1 });
      await c.listDeploymentStatuses(where);
      ok((await apiRequests(control)).length >= 2, "reset: retried");
      await control.clearRequests();
      await rejects(() => c.getDeploymentStatus({ ...where, status_id: 999999 }), "HttpError", "404");
      eq((await apiRequests(control)).length, 1, "404 is not retried");
      await control.fault({ path: listPath, status: 502, times: 3 });
      await control.clearRequests();
      const e = await rejects(() => client({ cache: false }).listDeploymentStatuses(where), "HttpError", "retries spent");
      eq(e.status, 502, "last answer");
      eq((await apiRequests(control)).length, 3, "1 attempt + 2 retries");
      await control.fault({ path: listPath, status: 502 });
      await control.clearRequests();
      await rejects(() => client({ retries: 0 }).listDeploymentStatuses(where), "HttpError", "retries: 0");
      eq((await apiRequests(control)).length, 1, "retries: 0 sends once");
    },

    "retries: a POST never duplicates or loses a status": async () => {
      await control.reset();
      const c = client();
      const count = async () => (await c.listDeploymentStatuses({ ...where, per_page: 100 })).data.length;
      const cases = [
        ["created then 502", { method: "POST", apply: true, status: 502 }],
        ["not created, 502", { method: "POST", status: 502 }],
        ["created then 504", { method: "POST", apply: true, status: 504 }],
        ["created then reset", { method: "POST", reset: "after" }],
        ["reset before it acted", { method: "POST", reset: "before" }],
        ["created then 500", { method: "POST", apply: true, status: 500 }],
      ];
      for (const [label, fault] of cases) {
        const before = await count();
        await control.fault(fault);
        await control.clearRequests();
        const description = `release ${label}`;
        const result = await c.createDeploymentStatus({ ...where, state: "success", description, environment: "production" });
        eq(result.status, 201, `${label}: resolves as created`);
        eq(result.data.description, description, `${label}: the status`);
        const made = (await count()) - before;
        createdOnce({ runtime, fault, made, log: await apiRequests(control), label });
      }
      await control.fault({ method: "POST", status: 422 });
      await control.clearRequests();
      await rejects(() => c.createDeploymentStatus({ ...where, state: "success" }), "HttpError", "422");
      eq((await apiRequests(control)).filter((r) => r.method === "POST").length, 1, "422 is not retried");
      await control.fault({ method: "POST", status: 502 });
      await control.fault({ path: listPath, status: 502, times: 3 });
      const before = await created();
      const unknowable = await rejects(() => c.createDeploymentStatus({ ...where, state: "error" }), "HttpError", "cannot tell");
      eq(unknowable.status, 502, "the POST's own error when the check cannot be made");
      eq((await created()) - before, 0, "nothing posted blindly");
    },

    "timeouts: a hung server gives TimeoutError within timeoutMs per attempt": async () => {
      await control.reset();
      await control.fault({ path: listPath, delay_ms: 10_000, times: 2 });
      const started = Date.now();
      await rejects(() => client({ timeoutMs: 300, retries: 1 }).listDeploymentStatuses(where), "TimeoutError", "hung");
      const elapsed = Date.now() - started;
      ok(elapsed >= 550 && elapsed < 2500, `two attempts of 300 ms plus a backoff: ${elapsed} ms`);
    },

    "cancellation: abort ends a backoff or rate-limit wait promptly": async () => {
      await control.reset();
      for (const fault of [
        { path: listPath, status: 429, headers: { "retry-after": "5" } },
        { path: listPath, status: 502, times: 3 },
      ]) {
        await control.fault(fault);
        const stop = new AbortController();
        setTimeout(() => stop.abort(), 150);
        const started = Date.now();
        await rejects(() => client({ cache: false }).listDeploymentStatuses(where, { signal: stop.signal }), "AbortError", "waiting");
        ok(Date.now() - started < 1000, "aborted promptly");
        await control.reset();
      }
    },

    "concurrency: 200 concurrent calls from one client all complete correctly": async () => {
      await control.reset();
      const c = client();
      const { data: list } = await c.listDeploymentStatuses(where);
      const ids = list.map((s) => s.id);
      const calls = Array.from({ length: 200 }, (_, i) =>
        i % 2 ? c.getDeploymentStatus({ ...where, status_id: ids[i % ids.length] }) : c.listDeploymentStatuses(where),
      );
      const results = await Promise.all(calls);
      results.forEach((r, i) => {
        if (i % 2) eq(r.data.id, ids[i % ids.length], `call ${i}`);
        else eq(r.data.map((s) => s.id), ids, `call ${i}`);
      });
    },
  };
}
