// Compiled with `tsc --strict --noEmit`: the package's types accept what users write and refuse mistakes.
import {
  Client,
  type ApiResponse,
  type DeploymentState,
  type DeploymentStatus,
  type DeploymentStatusError,
  type HttpError,
  type ValidationError,
} from "github-deployment-status";

const client = new Client({
  auth: "ghp_example",
  baseUrl: "https://ghe.example.com/api/v3",
  apiVersion: null,
  userAgent: "deploy-bot/1.0",
  timeoutMs: 10_000,
});
new Client();
new Client({ apiVersion: "2022-11-28" });

export async function deploy(signal: AbortSignal): Promise<number> {
  const created: ApiResponse<DeploymentStatus> = await client.createDeploymentStatus(
    {
      owner: "octo-org",
      repo: "hello-world",
      deployment_id: 42,
      state: "in_progress",
      log_url: "https://ci.example.com/runs/1",
      description: "Deploying",
      environment: "production",
      environment_url: "https://example.com",
      auto_inactive: false,
    },
    { signal },
  );
  const state: DeploymentState = created.data.state;
  const login: string | undefined = created.data.creator?.login;
  const remaining: number | undefined = created.rateLimit?.remaining;
  const etag: string | undefined = created.headers["etag"];
  void [state, login, remaining, etag];

  const list = await client.listDeploymentStatuses({ owner: "o", repo: "r", deployment_id: 1, per_page: 100, page: 2 });
  const first: DeploymentStatus | undefined = list.data[0];
  const one = await client.getDeploymentStatus({ owner: "o", repo: "r", deployment_id: 1, status_id: first?.id ?? 1 });
  const all: DeploymentStatus[] = await client.paginate(
    { owner: "o", repo: "r", deployment_id: 1, per_page: 100 },
    { maxPages: 5, signal, onPage: ({ page, totalPages, items, data }) => void [page, totalPages ?? 0, items, data.length] },
  );
  for await (const page of client.iterate({ owner: "o", repo: "r", deployment_id: 1 })) {
    const statuses: DeploymentStatus[] = page.data;
    if (statuses.length < 100) break;
  }
  await client.watch(
    { owner: "o", repo: "r", deployment_id: 1 },
    { intervalMs: 5000, signal, onChange: (response) => void response.data.map((s) => s.state) },
  );
  new Client({ retries: 0, maxRateLimitWaitMs: 120_000, cache: { maxEntries: 10 } });
  new Client({ cache: false });
  return one.data.id + all.length;
}

export function explain(error: unknown): string {
  const e = error as DeploymentStatusError;
  switch (e.name) {
    case "ValidationError":
      return `bad ${e.field}`;
    case "HttpError":
      return `${e.status} ${e.message} ${e.documentationUrl ?? ""} ${e.errors.map((x) => x.code).join()} ${e.request.headers["authorization"]} ${e.rateLimit?.reset}`;
    case "NetworkError":
      return `network: ${e.cause}`;
    case "TimeoutError":
    case "AbortError":
      return e.name;
    case "DecodeError":
      return `bad body (${e.status})`;
  }
}

export function narrow(e: HttpError | ValidationError): number | string {
  return e.name === "HttpError" ? e.response.status : e.field;
}

// Mistakes the types must refuse.
// @ts-expect-error: "done" is not a deployment state
void client.createDeploymentStatus({ owner: "o", repo: "r", deployment_id: 1, state: "done" });
// Ids from environment variables and URLs: a decimal string is taken as octokit takes it.
void client.getDeploymentStatus({ owner: "o", repo: "r", deployment_id: "1", status_id: "2" });
// @ts-expect-error: deployment_id is a number or a string, not a boolean
void client.getDeploymentStatus({ owner: "o", repo: "r", deployment_id: true, status_id: 2 });
// @ts-expect-error: status_id is required
void client.getDeploymentStatus({ owner: "o", repo: "r", deployment_id: 1 });
// @ts-expect-error: camelCase is not GitHub's parameter name
void client.listDeploymentStatuses({ owner: "o", repo: "r", deploymentId: 1 });
// @ts-expect-error: timeoutMs is a number
new Client({ timeoutMs: "1000" });
// @ts-expect-error: watch needs onChange
void client.watch({ owner: "o", repo: "r", deployment_id: 1 }, {});
// @ts-expect-error: paginate takes no page
void client.paginate({ owner: "o", repo: "r", deployment_id: 1, page: 2 });
