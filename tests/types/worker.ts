// A Cloudflare Worker (without @cloudflare/workers-types). Compiled by `tsc -p tests/types/tsconfig.worker.json`.
import {
  Client,
  type ClientOptions,
  type DeploymentStatus,
  type DeploymentStatusError,
  type EnvironmentOverview,
  type HttpError,
} from "github-deployment-status";

/** The Worker's bindings: `wrangler secret put GITHUB_TOKEN`, and vars in wrangler.toml. */
interface Env {
  GITHUB_TOKEN: string;
  GITHUB_API_URL?: string;
}

/** What workers-types calls ExecutionContext (only what is used here). */
interface Context {
  waitUntil(promise: Promise<unknown>): void;
}

/** One client per isolate, made from env by the first event (its ETag cache then serves them all). */
let github: Client | undefined;
function client(env: Env): Client {
  const options: ClientOptions = { auth: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL, userAgent: "my-deploy-worker/1.0", timeoutMs: 10_000 };
  github ??= new Client(options);
  return github;
}

function errorResponse(caught: unknown): Response {
  const error = caught as DeploymentStatusError;
  if (error.name === "HttpError") {
    const e: HttpError = error;
    return Response.json({ message: e.message, documentation: e.documentationUrl }, { status: e.status });
  }
  // Every error of the union has a status: 0 when no answer came.
  return Response.json({ error: error.name, status: error.status, message: error.message }, { status: error.name === "ValidationError" ? 400 : 502 });
}

export default {
  /** GET /octo-org/hello-world/42 → that deployment's statuses; POST the same path with {"state"} creates one. */
  async fetch(request: Request, env: Env, ctx: Context): Promise<Response> {
    const [, owner = "", repo = "", id = ""] = new URL(request.url).pathname.split("/");
    const github = client(env);
    const where = { owner, repo, deployment_id: Number(id) };
    try {
      if (id === "") {
        // GET /octo-org/hello-world → each environment's latest deployment and status (304s when unchanged).
        const rows: EnvironmentOverview[] = await github.overview({ owner, repo }, { signal: request.signal });
        return Response.json(rows.map(({ environment, deployment, status }) => ({ name: environment.name, ref: deployment?.ref, state: status?.state })));
      }
      if (request.method === "POST") {
        const { state } = (await request.json()) as { state: "success" | "failure" };
        const { data, status } = await github.createDeploymentStatus({ ...where, state }, { signal: request.signal });
        return Response.json(data, { status });
      }
      const statuses: DeploymentStatus[] = await github.paginate({ ...where, per_page: 100 }, { maxPages: 5 });
      ctx.waitUntil(Promise.resolve(statuses.length));
      return Response.json(statuses);
    } catch (error) {
      return errorResponse(error);
    }
  },

  /** Cron: mark a stuck deployment as failed. */
  async scheduled(_controller: unknown, env: Env, ctx: Context): Promise<void> {
    const github = client(env);
    const check = github
      .listDeploymentStatuses({ owner: "octo-org", repo: "hello-world", deployment_id: 42, per_page: 1 })
      .then(async ({ data: [latest] }) => {
        if (latest?.state === "in_progress" && Date.parse(latest.updated_at) < Date.now() - 3_600_000) {
          await github.createDeploymentStatus({ owner: "octo-org", repo: "hello-world", deployment_id: 42, state: "error", description: "timed out" });
        }
      });
    ctx.waitUntil(check);
    await check;
  },
};

// A route segment is an id as it is: its decimal digits as a string.
void new Client().getDeploymentStatus({ owner: "o", repo: "r", deployment_id: 1, status_id: "2" });
