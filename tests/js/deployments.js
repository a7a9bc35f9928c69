// Deployments and environments through the built package: the five operations, paginate and
// iterate over any list, the overview, waiting for a final status, exactly-once creates.
import { apiRequests, createdOnce, eq, mockControl, ok, rejects, TOKEN } from "./check.js";

const REPO = { owner: "octo-org", repo: "hello-world" };

export function deployments({ Client, mock, runtime }) {
  const control = mockControl(mock);
  const client = (options = {}) => new Client({ baseUrl: mock, auth: TOKEN, ...options });

  return {
    "deployments: list with filters, get, create (201 and 202), delete, and every answer's shape": async () => {
      await control.reset();
      const c = client();
      const list = await c.listDeployments({ ...REPO, environment: "production" });
      eq([list.status, list.data.map((d) => d.id)], [200, [42]], "filtered list");
      ok(list.headers.etag && list.rateLimit.limit === 5000, "headers and rateLimit");
      const got = await c.getDeployment({ ...REPO, deployment_id: "43" });
      eq([got.data.ref, got.data.task, got.data.environment], ["topic-branch", "deploy:migrations", "staging"], "get by a decimal string id");
      const created = await c.createDeployment({
        ...REPO, ref: "main", environment: "qa", description: "QA run", payload: { build: 7 },
        required_contexts: [], transient_environment: true, production_environment: false,
      });
      eq(created.status, 201, "create status");
      eq([created.data.ref, created.data.environment, created.data.payload, created.data.transient_environment], ["main", "qa", { build: 7 }, true], "created");
      const sent = (await apiRequests(control)).find((r) => r.method === "POST");
      eq(JSON.parse(sent.body).required_contexts, [], "an empty required_contexts is sent, not dropped");
      const text = await c.createDeployment({ ...REPO, ref: "main", environment: "qa2", payload: '{ "deploy": "migrate" }' });
      eq(text.data.payload, '{ "deploy": "migrate" }', "a string payload as GitHub takes it");

      await control.refs({ ...REPO, ref: "behind", behind: true });
      const merged = await c.createDeployment({ ...REPO, ref: "behind" });
      eq([merged.status, merged.data], [202, { message: "Auto-merged main into behind on deployment." }], "202 resolves with GitHub's message");

      const deleted = await c.deleteDeployment({ ...REPO, deployment_id: text.data.id });
      eq([deleted.status, deleted.data], [204, null], "delete resolves 204 with data null");
      const gone = await rejects(() => c.getDeployment({ ...REPO, deployment_id: text.data.id }), "HttpError", "deleted");
      eq(gone.status, 404, "gone");
    },

    "deployments: GitHub's 409 and 422 are HttpErrors with its message and errors": async () => {
      await control.reset();
      const c = client();
      await control.refs({ ...REPO, ref: "red", contexts: { "ci/test": "failure" } });
      const conflict = await rejects(() => c.createDeployment({ ...REPO, ref: "red" }), "HttpError", "failed checks");
      eq([conflict.status, conflict.message], [409, "Conflict: Commit status checks failed for red."], "409");
      eq(conflict.errors[0].field, "required_contexts", "409 errors");
      ok(!conflict.mayHaveBeenCreated, "a 409 created nothing");
      const skipped = await c.createDeployment({ ...REPO, ref: "red", required_contexts: [] });
      eq(skipped.status, 201, "required_contexts: [] skips the checks");
      const unknown = await rejects(() => c.createDeployment({ ...REPO, ref: "nope" }), "HttpError", "unknown ref");
      eq(unknown.status, 422, "422 for an unknown ref");
      await c.createDeployment({ ...REPO, ref: "main", environment: "production", required_contexts: [] });
      const list = await c.listDeployments({ ...REPO, environment: "production" });
      await c.createDeploymentStatus({ ...REPO, deployment_id: list.data[0].id, state: "success", auto_inactive: false });
      const active = await rejects(() => c.deleteDeployment({ ...REPO, deployment_id: list.data[0].id }), "HttpError", "active");
      eq(active.status, 422, "422 when deleting an active deployment");
    },

    "deployments: bad input is a ValidationError before anything is sent": async () => {
      await control.reset();
      await control.clearRequests();
      const c = client();
      const cases = [
        [() => c.createDeployment({ ...REPO }), "ref is required"],
        [() => c.createDeployment({ ...REPO, ref: "main", payload: [1] }), "payload must be an object of JSON values, or a string"],
        [() => c.createDeployment({ ...REPO, ref: "main", required_contexts: "ci" }), "required_contexts must be an array of strings ([] skips the status checks)"],
        [() => c.createDeployment({ ...REPO, ref: "main", auto_merge: "no" }), "auto_merge must be a boolean"],
        [() => c.listDeployments({ ...REPO, per_page: 101 }), "per_page must be an integer from 1 to 100"],
        [() => c.listDeployments({ ...REPO, state: "success" }), "state is not a known parameter"],
        [() => c.getDeployment({ ...REPO, deployment_id: "042" }), "deployment_id must be a positive safe integer (1 to 2^53-1), or its decimal digits as a string"],
        [() => c.getAllEnvironments({ owner: "octo-org" }), "repo is required"],
        [() => c.paginate(() => [], REPO), "method must be client.listDeploymentStatuses, client.listDeployments or client.getAllEnvironments"],
        [() => c.waitForDeployment({ ...REPO, deployment_id: 42 }, { timeoutMs: 0 }), "timeoutMs must be an integer from 1 to 2147483647"],
        [() => c.waitForDeployment({ ...REPO, deployment_id: 42 }, { intervalMs: 10 }), "intervalMs must be an integer from 1000 to 2147483647"],
      ];
      for (const [call, message] of cases) {
        const error = await rejects(call, "ValidationError", message);
        eq(error.message, message, "message");
      }
      eq((await apiRequests(control)).length, 0, "nothing was sent");
    },

    "paginate and iterate take any list method, as octokit's do": async () => {
      await control.reset();
      const c = client();
      for (let i = 0; i < 4; i += 1) await c.createDeployment({ ...REPO, ref: "main", environment: `env-${i}`, required_contexts: [] });
      const all = await c.paginate(c.listDeployments, { ...REPO, per_page: 2 });
      eq(all.map((d) => d.id), [47, 46, 45, 44, 43, 42], "every deployment, newest first");
      const environments = await c.paginate(c.getAllEnvironments, { ...REPO, per_page: 2 });
      eq(environments.map((e) => e.name).sort(), ["env-0", "env-1", "env-2", "env-3", "production", "staging"], "every environment");
      const pages = [];
      for await (const page of c.iterate(c.getAllEnvironments, { ...REPO, per_page: 4 })) pages.push(page.data.length);
      eq(pages, [4, 2], "iterate yields each page's environments as data");
      const bound = await c.paginate(c.listDeployments.bind(c), { ...REPO, environment: "staging" });
      eq(bound.map((d) => d.id), [43], "a bound method works too");
      const statuses = await c.paginate(c.listDeploymentStatuses, { ...REPO, deployment_id: 42 });
      eq(statuses, await c.paginate({ ...REPO, deployment_id: 42 }), "paginate(params) keeps meaning statuses");
    },

    "overview: each environment with its latest deployment and status; a refresh costs only 304s": async () => {
      await control.reset();
      const c = client();
      const rows = await c.overview(REPO);
      eq(rows.map((r) => [r.environment.name, r.deployment?.id ?? null, r.status?.state ?? null]),
        [["production", 42, "success"], ["staging", 43, null]], "rows");
      await control.clearRequests();
      await c.overview(REPO);
      const again = await apiRequests(control);
      eq(again.length, 4, "environments, the newest deployments (both are there), a status read for each");
      ok(again.every((r) => r.headers["if-none-match"]), "every refresh request is conditional");
    },

    "waitForDeployment resolves with the first final status and reports each new one": async () => {
      await control.reset();
      const c = client();
      const { data: deployment } = await c.createDeployment({ ...REPO, ref: "main", environment: "qa", required_contexts: [] });
      const where = { ...REPO, deployment_id: deployment.id };
      await c.createDeploymentStatus({ ...where, state: "in_progress" });
      const seen = [];
      const waiting = c.waitForDeployment(where, { intervalMs: 1000, timeoutMs: 20_000, onStatus: (s) => seen.push(s.state) });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await c.createDeploymentStatus({ ...where, state: "failure" });
      const final = await waiting;
      eq([final.state, seen], ["failure", ["in_progress", "failure"]], "first final status");
      const late = await rejects(() => c.waitForDeployment({ ...REPO, deployment_id: 43 }, { timeoutMs: 1200, intervalMs: 1000 }), "TimeoutError", "never final");
      eq(late.message, "timeoutMs (1200 ms) passed first", "timeout message");
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("stop")), 200);
      const aborted = await rejects(() => c.waitForDeployment({ ...REPO, deployment_id: 43 }, { signal: controller.signal }), "AbortError", "aborted");
      eq(aborted.cause?.message, "stop", "abort reason kept");
      const thrown = await c.waitForDeployment({ ...REPO, deployment_id: 42 }, { onStatus: () => { throw new TypeError("mine"); } }).catch((e) => e);
      eq([thrown.name, thrown.message], ["TypeError", "mine"], "an onStatus error rejects as it was thrown");
    },

    "createDeployment is exactly once whatever happens to the POST": async () => {
      await control.reset();
      const c = client({ createCheckWindowMs: 0 });
      const cases = [
        ["created then 502", { operation: "createDeployment", apply: true, status: 502 }],
        ["not created, 502", { operation: "createDeployment", status: 502 }],
        ["created then reset", { operation: "createDeployment", reset: "after" }],
        ["reset before it acted", { operation: "createDeployment", reset: "before" }],
      ];
      for (const [label, fault] of cases) {
        const before = (await control.stats()).deployments_created;
        await control.fault(fault);
        await control.clearRequests();
        const created = await c.createDeployment({ ...REPO, ref: "main", environment: "qa", description: label, required_contexts: [] });
        eq([created.status, created.data.description], [201, label], `${label}: resolves as created`);
        const made = (await control.stats()).deployments_created - before;
        createdOnce({ runtime, fault, made, log: await apiRequests(control), label });
      }
    },
  };
}
