// What every call does: the three operations, options, and every error name.
import { apiRequests, eq, mockControl, ok, rejects, TOKEN } from "./check.js";

const OWNER = "octo-org";
const REPO = "hello-world";

export function basics({ Client, mock, runtime }) {
  const control = mockControl(mock);
  const client = (options = {}) => new Client({ baseUrl: mock, auth: TOKEN, ...options });
  const where = { owner: OWNER, repo: REPO, deployment_id: 42 };
  const inBrowser = runtime === "browser";

  return {
    "create, get and list: every call resolves to { status, url, headers, data, rateLimit }": async () => {
      await control.reset();
      const c = client();
      const created = await c.createDeploymentStatus({
        ...where,
        state: "success",
        description: "Deployed 🚀 to production",
        log_url: "https://ci.example.com/runs/42",
        environment_url: "https://example.com",
        environment: "production",
      });
      eq(created.status, 201, "create status");
      eq(created.data.state, "success", "created state");
      eq(created.data.description, "Deployed 🚀 to production", "created description");
      eq(created.data.target_url, "https://ci.example.com/runs/42", "log_url also sets target_url");
      eq(created.data.creator.login, "octocat", "creator");
      ok(Number.isSafeInteger(created.data.id), "id is a number");
      ok(created.url.startsWith(mock), "url");
      eq(typeof created.headers, "object", "headers is a plain object");
      ok(created.headers["content-type"].startsWith("application/json"), "content-type header, lower case");
      eq(created.rateLimit.limit, 5000, "rateLimit.limit");
      eq(created.rateLimit.resource, "core", "rateLimit.resource");
      ok(created.rateLimit.remaining < 5000, "rateLimit.remaining");

      const got = await c.getDeploymentStatus({ ...where, status_id: created.data.id });
      eq(got.status, 200, "get status");
      eq(got.data, created.data, "get returns what create made");

      const list = await c.listDeploymentStatuses({ ...where, per_page: 2 });
      eq(list.status, 200, "list status");
      eq(list.data.length, 2, "per_page");
      eq(list.data[0].id, created.data.id, "newest first");
      ok(list.data[0].id > list.data[1].id, "ids decrease down the list");
      ok(/rel="next"/.test(list.headers.link), "Link header is readable (exposed by CORS)");
      ok(list.headers.etag, "ETag header is readable");
      const page2 = await c.listDeploymentStatuses({ ...where, per_page: 2, page: 2 });
      eq(page2.data.length, 2, "second page");
      ok(page2.data[0].id < list.data[1].id, "second page continues the first");
    },

    "a GitHub Enterprise Server base URL works with or without a trailing slash": async () => {
      await control.reset();
      for (const baseUrl of [`${mock}/api/v3`, `${mock}/api/v3/`]) {
        const c = client({ baseUrl });
        const list = await c.listDeploymentStatuses(where);
        eq(list.data.length, 3, `list under ${baseUrl}`);
        ok(list.url.startsWith(`${mock}/api/v3/repos/`), "request went under /api/v3");
        ok(list.data[0].url.includes("/api/v3/repos/octo-org/hello-world/"), "GHES URLs in data");
      }
    },

    "apiVersion defaults to 2026-03-10 and null omits the header": async () => {
      await control.reset();
      await control.clearRequests();
      await client().listDeploymentStatuses(where);
      await client({ apiVersion: null }).listDeploymentStatuses(where);
      await client({ apiVersion: "2022-11-28" }).listDeploymentStatuses(where);
      const seen = (await apiRequests(control)).map((r) => r.headers["x-github-api-version"] ?? null);
      eq(seen, ["2026-03-10", null, "2022-11-28"], "X-GitHub-Api-Version sent");
    },

    "an optional option, param or call option given as undefined counts as absent (as the types allow)": async () => {
      await control.reset();
      await control.clearRequests();
      const unset = undefined;
      const c = new Client({ baseUrl: mock, auth: TOKEN, apiVersion: unset, userAgent: unset, timeoutMs: unset, retries: unset, maxRateLimitWaitMs: unset, cache: unset });
      const created = await c.createDeploymentStatus(
        { ...where, state: "success", description: unset, log_url: unset, target_url: unset, environment: unset, environment_url: unset, auto_inactive: unset },
        { signal: unset },
      );
      eq(created.status, 201, "created");
      const list = await c.listDeploymentStatuses({ ...where, per_page: unset, page: unset }, { signal: unset });
      eq(list.data.length, 4, "GitHub's default page");
      eq((await c.paginate({ ...where, per_page: unset }, { maxPages: unset, onPage: unset, signal: unset })).length, 4, "paginate");
      const [post, get] = await apiRequests(control);
      eq(JSON.parse(post.body), { state: "success" }, "nothing but the state was sent");
      eq(get.headers["x-github-api-version"], "2026-03-10", "default API version");
      ok(!get.path.includes("per_page"), `no per_page in ${get.path}`);
    },

    "the User-Agent is ours outside browsers and the browser's own in a browser": async () => {
      await control.reset();
      await control.clearRequests();
      await client().listDeploymentStatuses(where);
      await client({ userAgent: "deploy-bot/7.1" }).listDeploymentStatuses(where);
      const agents = (await apiRequests(control)).map((r) => r.headers["user-agent"]);
      if (inBrowser) {
        ok(agents.every((a) => /Mozilla|Chrome/.test(a ?? "")), `browser UA: ${agents}`);
      } else {
        ok(/^github-deployment-status\/\d+\.\d+\.\d+$/.test(agents[0]), `default UA: ${agents[0]}`);
        eq(agents[1], "deploy-bot/7.1", "custom UA");
      }
    },

    "the token goes as a Bearer header, and anonymous GETs of public repos work": async () => {
      await control.reset();
      await control.clearRequests();
      await client().listDeploymentStatuses(where);
      await new Client({ baseUrl: mock }).listDeploymentStatuses(where);
      const auth = (await apiRequests(control)).map((r) => r.headers.authorization ?? null);
      eq(auth, [`Bearer ${TOKEN}`, null], "authorization headers");
    },

    "an older GitHub Enterprise Server that does not know the API version: asked again once with 2022-11-28, which the client keeps": async () => {
      await control.reset(["2022-11-28"]);
      await control.clearRequests();
      const c = client();
      eq(c.apiVersion, "2026-03-10", "the configured version first");
      const list = await c.listDeploymentStatuses(where);
      eq(list.status, 200, "answered after the fallback");
      // GitHub's CORS answer does not expose this header to pages.
      if (!inBrowser) eq(list.headers["x-github-api-version-selected"], "2022-11-28", "the version that answered");
      eq(c.apiVersion, "2022-11-28", "the client keeps the fallback");
      const created = await c.createDeploymentStatus({ ...where, state: "success" });
      eq(created.status, 201, "posts with the fallback at once");
      const versions = (await apiRequests(control)).map((r) => [r.method, r.headers["x-github-api-version"]]);
      eq(versions, [["GET", "2026-03-10"], ["GET", "2022-11-28"], ["POST", "2022-11-28"]], "one refused request only");
      eq(new Client({ baseUrl: mock, apiVersion: null }).apiVersion, null, "no version sent: null");
      await control.reset();
    },

    "ids as users have them: a canonical decimal string works wherever a number does": async () => {
      await control.reset();
      const c = client();
      const created = await c.createDeploymentStatus({ ...where, deployment_id: "42", state: "queued" });
      const got = await c.getDeploymentStatus({ ...where, deployment_id: "42", status_id: String(created.data.id) });
      eq(got.data.id, created.data.id, "the same status by string ids");
      const list = await c.listDeploymentStatuses({ ...where, deployment_id: "42" });
      eq(list.data[0].id, created.data.id, "listed by a string id");
    },

    "an empty token (a missing CI secret) is no token, as octokit takes it": async () => {
      await control.reset();
      await control.clearRequests();
      await new Client({ baseUrl: mock, auth: "" }).listDeploymentStatuses(where);
      eq((await apiRequests(control))[0].headers.authorization ?? null, null, "no Authorization sent");
    },

    "octokit habits get a hint of where the thing goes": async () => {
      const c = client();
      const hints = [
        ["headers", "Client's options"],
        ["request", "{ signal } as the second argument"],
        ["mediaType", "always JSON"],
        ["signal", "second argument"],
      ];
      for (const [key, hint] of hints) {
        const e = await rejects(() => c.listDeploymentStatuses({ ...where, [key]: {} }), "ValidationError", key);
        eq(e.field, key, "field");
        ok(e.message.includes(hint), `${key}: ${e.message}`);
      }
      const w = await rejects(() => c.watch(where, { intervalMs: 10, onChange() {} }), "ValidationError", "tiny interval");
      eq(w.field, "intervalMs", "watch interval floor");
    },

    "ValidationError names the field and nothing is sent": async () => {
      await control.reset();
      await control.clearRequests();
      const c = client();
      const cases = [
        [{ ...where, state: "deployed" }, "state"],
        [{ ...where, state: "success", description: "é".repeat(141) }, "description"],
        [{ ...where, state: "success", description: "🚀".repeat(141) }, "description"],
        [{ ...where, owner: "", state: "success" }, "owner"],
        [{ ...where, repo: "a/b", state: "success" }, "repo"],
        [{ ...where, owner: "..", state: "success" }, "owner"],
        [{ ...where, deployment_id: "042", state: "success" }, "deployment_id"],
        [{ ...where, deployment_id: " 42", state: "success" }, "deployment_id"],
        [{ ...where, deployment_id: "4.2", state: "success" }, "deployment_id"],
        [{ ...where, deployment_id: "1e3", state: "success" }, "deployment_id"],
        [{ ...where, deployment_id: "-1", state: "success" }, "deployment_id"],
        [{ ...where, deployment_id: "9007199254740992", state: "success" }, "deployment_id"],
        [{ ...where, deployment_id: 2 ** 53, state: "success" }, "deployment_id"],
        [{ ...where, deployment_id: NaN, state: "success" }, "deployment_id"],
        [{ ...where, state: "success", log_url: "javascript:alert(1)" }, "log_url"],
        [{ ...where, state: "success", environment_url: "/relative" }, "environment_url"],
        [{ ...where, state: "success", enviroment: "production" }, "enviroment"],
      ];
      for (const [params, field] of cases) {
        const e = await rejects(() => c.createDeploymentStatus(params), "ValidationError", field);
        eq(e.field, field, "error.field");
        ok(e.message.includes(field), `message names the field: ${e.message}`);
      }
      const e = await rejects(() => c.listDeploymentStatuses({ ...where, per_page: 101 }), "ValidationError", "per_page");
      eq(e.field, "per_page", "per_page field");
      const p = await rejects(() => c.listDeploymentStatuses({ ...where, page: 0 }), "ValidationError", "page");
      eq(p.field, "page", "page field");
      const s = await rejects(() => c.getDeploymentStatus({ ...where, status_id: -1 }), "ValidationError", "status_id");
      eq(s.field, "status_id", "status_id field");
      let thrown;
      try {
        new Client({ auth: "ghp_abc\r\nX-Injected: 1" });
      } catch (error) {
        thrown = error;
      }
      eq(thrown?.name, "ValidationError", "bad token throws from the constructor");
      eq(thrown?.field, "auth", "auth field");
      ok(!String(thrown.message).includes("ghp_abc"), "the token is not echoed");
      eq((await apiRequests(control)).length, 0, "requests that reached the mock");
    },

    "HttpError carries GitHub's status, message, documentationUrl, errors, request and response": async () => {
      await control.reset();
      const c = client();
      const missing = await rejects(() => c.getDeploymentStatus({ ...where, status_id: 999999 }), "HttpError", "404");
      eq(missing.status, 404, "status");
      eq(missing.message, "Not Found", "message");
      ok(missing.documentationUrl.startsWith("https://docs.github.com/"), "documentationUrl");
      eq(missing.errors, [], "errors");
      eq(missing.request.method, "GET", "request.method");
      ok(missing.request.url.endsWith("/statuses/999999"), "request.url");
      eq(missing.request.headers.authorization, "Bearer [REDACTED]", "authorization redacted");
      eq(missing.response.status, 404, "response.status");
      eq(missing.response.data.message, "Not Found", "response.data");
      ok(missing.response.headers["content-type"].startsWith("application/json"), "response.headers: all of them");
      ok(missing.rateLimit && missing.rateLimit.limit === 5000, "rateLimit on errors");
      for (const text of [String(missing), JSON.stringify(missing), missing.message, missing.stack ?? ""]) {
        ok(!text.includes(TOKEN), "the token never appears in the error");
      }

      await control.fault({
        method: "POST",
        status: 422,
        body: JSON.stringify({
          message: "Validation Failed",
          errors: [{ resource: "DeploymentStatus", code: "custom", field: "environment", message: "environment is locked" }],
          documentation_url: "https://docs.github.com/rest/deployments/statuses#create-a-deployment-status",
          status: "422",
        }),
      });
      const invalid = await rejects(() => c.createDeploymentStatus({ ...where, state: "success" }), "HttpError", "422");
      eq(invalid.status, 422, "422 status");
      eq(invalid.errors[0].field, "environment", "GitHub's errors array");

      const anonymous = new Client({ baseUrl: mock });
      const unauth = await rejects(() => anonymous.createDeploymentStatus({ ...where, state: "success" }), "HttpError", "401");
      eq(unauth.status, 401, "POST without a token");
      const hidden = await rejects(
        () => anonymous.listDeploymentStatuses({ owner: "octo-org", repo: "secret-repo", deployment_id: 7 }),
        "HttpError",
        "private repo",
      );
      eq(hidden.status, 404, "private repo without a token");
      const wrong = new Client({ baseUrl: mock, auth: "ghp_wrong" });
      const bad = await rejects(() => wrong.listDeploymentStatuses(where), "HttpError", "bad token");
      eq([bad.status, bad.message], [401, "Bad credentials"], "wrong token");
    },

    "NetworkError when nothing answers": async () => {
      const c = new Client({ baseUrl: "http://127.0.0.1:9", auth: TOKEN });
      const e = await rejects(() => c.listDeploymentStatuses(where), "NetworkError", "refused");
      eq(e.status, 0, "status 0");
      ok(e.cause instanceof Error, "cause is the runtime's own error object");
      const inner = e.cause.cause;
      if (inner) ok(e.message.includes(inner.code ?? inner.message), `what caused it is in the message: ${e.message}`);
    },

    "TimeoutError when the server hangs past timeoutMs": async () => {
      await control.reset();
      await control.fault({ path: "/statuses", delay_ms: 5000 });
      const c = client({ timeoutMs: 200, retries: 0 });
      const started = Date.now();
      const e = await rejects(() => c.listDeploymentStatuses(where), "TimeoutError", "hung server");
      eq(e.status, 0, "status 0");
      ok(Date.now() - started < 3000, "gave up near timeoutMs");
      eq((await c.listDeploymentStatuses(where)).status, 200, "the client still works");
    },

    "AbortError when the caller's signal aborts, before or during the request": async () => {
      await control.reset();
      const c = client();
      const pre = new AbortController();
      pre.abort();
      const e1 = await rejects(() => c.listDeploymentStatuses(where, { signal: pre.signal }), "AbortError", "pre-aborted");
      eq(e1.status, 0, "status 0");
      await control.fault({ path: "/statuses", delay_ms: 5000 });
      const during = new AbortController();
      setTimeout(() => during.abort(), 50);
      const started = Date.now();
      await rejects(() => c.listDeploymentStatuses(where, { signal: during.signal }), "AbortError", "mid-flight");
      ok(Date.now() - started < 3000, "aborted promptly");
      // A reason that is no Error (a string, as apps often pass) must not reach fetch's rejection.
      await control.fault({ path: "/statuses", delay_ms: 5000 });
      const reasoned = new AbortController();
      setTimeout(() => reasoned.abort("shutting down"), 50);
      const r = await rejects(() => c.listDeploymentStatuses(where, { signal: reasoned.signal }), "AbortError", "string reason");
      eq(r.cause, "shutting down", "the abort reason is the cause");
      const why = new Error("deploy cancelled");
      const early = new AbortController();
      early.abort(why);
      const r2 = await rejects(() => c.listDeploymentStatuses(where, { signal: early.signal }), "AbortError", "error reason");
      ok(r2.cause === why, "the reason object itself");
      eq((await c.listDeploymentStatuses(where)).status, 200, "the client still works after the aborts");
      const v = await rejects(() => c.listDeploymentStatuses(where, { signal: "stop" }), "ValidationError", "bad signal");
      eq(v.field, "signal", "signal field");
    },

    "DecodeError for a 2xx body that is not what the spec says; the client keeps working": async () => {
      await control.reset();
      const c = client();
      await control.fault({ path: "/statuses", truncate: true });
      const e = await rejects(() => c.listDeploymentStatuses(where), "DecodeError", "truncated JSON");
      eq(e.status, 200, "status of the bad answer");
      await control.fault({ path: "/statuses/", status: 200, body: '{"id": "not a status"}' });
      await rejects(() => c.getDeploymentStatus({ ...where, status_id: 1 }), "DecodeError", "wrong shape");
      eq((await c.listDeploymentStatuses(where)).data.length, 3, "next call works");
    },

    "unknown extra fields from GitHub are kept, never an error": async () => {
      await control.reset();
      const c = client();
      const list = await c.listDeploymentStatuses(where);
      const extended = { ...list.data[0], shiny_new_field: { nested: true } };
      await control.fault({
        path: `/statuses/${extended.id}`,
        status: 200,
        body: JSON.stringify(extended),
        content_type: "application/json; charset=utf-8",
      });
      const got = await c.getDeploymentStatus({ ...where, status_id: extended.id });
      eq(got.data.shiny_new_field, { nested: true }, "extra field passed through");
    },
  };
}
