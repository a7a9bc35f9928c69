// Node: a deploy script (as a CI step would run it). Compiled by `tsc -p tests/types/tsconfig.node.json`.
import {
  Client,
  type ApiResponse,
  type CallOptions,
  type ClientOptions,
  type CreateDeploymentParams,
  type CreateDeploymentStatusParams,
  type DecodeError,
  type DeploymentParams,
  type DeploymentState,
  type DeploymentStatus,
  type DeploymentStatusError,
  type Deployment,
  type Enterprise,
  type GetDeploymentStatusParams,
  type GitHubFieldError,
  type HttpError,
  type Integration,
  type ListDeploymentStatusesParams,
  type RateLimit,
  type SimpleUser,
  type ValidationError,
} from "github-deployment-status";

const [owner = "", repo = ""] = (process.env["GITHUB_REPOSITORY"] ?? "").split("/");
const options: ClientOptions = { retries: 3, timeoutMs: 15_000, userAgent: "deploy-script/1.0" };
if (process.env["GITHUB_TOKEN"] !== undefined) options.auth = process.env["GITHUB_TOKEN"];
if (process.env["GITHUB_API_URL"] !== undefined) options.baseUrl = process.env["GITHUB_API_URL"];
const github = new Client(options);

const deployment: DeploymentParams = { owner, repo, deployment_id: Number(process.env["DEPLOYMENT_ID"]) };
const call: CallOptions = { signal: AbortSignal.timeout(60_000) };

/** Marks the deployment with `state`; returns the status id. */
export async function mark(state: DeploymentState, log_url?: string): Promise<number> {
  const params: CreateDeploymentStatusParams = { ...deployment, state, description: `${state} by deploy-script` };
  if (log_url !== undefined) params.log_url = log_url;
  params.auto_inactive = state === "success";
  const created: ApiResponse<DeploymentStatus> = await github.createDeploymentStatus(params, call);
  const status: 201 | number = created.status;
  const requestId: string | undefined = created.headers["x-github-request-id"];
  void [status, requestId];
  return created.data.id;
}

/** The latest status, or null when the deployment has none. */
export async function latest(): Promise<DeploymentStatus | null> {
  const params: ListDeploymentStatusesParams = { ...deployment, per_page: 1, page: 1 };
  const { data: [first] } = await github.listDeploymentStatuses(params, call);
  return first ?? null;
}

export async function describe(status_id: number): Promise<string> {
  const params: GetDeploymentStatusParams = { ...deployment, status_id };
  const { data, rateLimit } = await github.getDeploymentStatus(params);
  const creator: SimpleUser | null = data.creator;
  const app: Integration | null | undefined = data.performed_via_github_app;
  const appOwner: SimpleUser | Enterprise | undefined = app?.owner;
  const ownerName = appOwner === undefined ? "" : "login" in appOwner ? appOwner.login : appOwner.slug;
  const limit: RateLimit | null = rateLimit;
  return `${data.state} by ${creator?.login ?? "a deleted user"} ${app?.name ?? ""} ${ownerName} ` +
    `(${limit?.remaining ?? "?"}/${limit?.limit ?? "?"} left until ${new Date((limit?.reset ?? 0) * 1000).toISOString()})`;
}

/** Creates the deployment of GITHUB_SHA to `environment` and waits for its outcome; `null` when GitHub merged instead. */
export async function deployAndWait(environment: string): Promise<Deployment | null> {
  const params: CreateDeploymentParams = { owner, repo, ref: process.env["GITHUB_SHA"] ?? "main", environment };
  if (process.env["REQUIRED_CONTEXTS"] !== undefined) params.required_contexts = process.env["REQUIRED_CONTEXTS"].split(",");
  const created = await github.createDeployment(params, call);
  if (created.status === 202) {
    console.error(created.data.message ?? "merged; run again");
    return null;
  }
  const final = await github.waitForDeployment(
    { owner, repo, deployment_id: created.data.id },
    { timeoutMs: 600_000, signal: AbortSignal.timeout(700_000), onStatus: (s) => console.log(s.state) },
  );
  if (final.state !== "success") process.exitCode = 1;
  return created.data;
}

/** Exit codes a pipeline can branch on, from the error's name and fields. */
export function exitCode(caught: unknown): number {
  const error = caught as DeploymentStatusError;
  switch (error.name) {
    case "ValidationError": {
      const e: ValidationError = error;
      console.error(`bad ${e.field}: ${e.message}`);
      return 2;
    }
    case "HttpError": {
      const e: HttpError = error;
      const fieldErrors: GitHubFieldError[] = e.errors;
      for (const f of fieldErrors) console.error(f.code, f.field ?? "", f.message ?? "", f["value"]);
      if (e.status === 404) return 3;
      if (e.status === 429 || (e.status === 403 && e.rateLimit?.remaining === 0)) return 5;
      return e.status === 401 || e.status === 403 ? 4 : 6;
    }
    case "DecodeError": {
      const e: DecodeError = error;
      return e.status === 0 ? 1 : 6;
    }
    case "NetworkError":
      console.error(error.cause);
      return 7;
    case "TimeoutError":
      return 7;
    case "AbortError":
      return 1;
  }
}

const stop = new AbortController();
process.once("SIGTERM", () => stop.abort());
export const watching: Promise<void> = github.watch(deployment, {
  signal: stop.signal,
  onChange: ({ data }) => process.stdout.write(`${data.map((s) => s.state).join(",")}\n`),
});

mark("in_progress").then(
  () => github.free(),
  (error: unknown) => {
    process.exitCode = exitCode(error);
  },
);

// @ts-expect-error: auto_inactive is a boolean, not the string a CLI flag would give
void github.createDeploymentStatus({ ...deployment, state: "success", auto_inactive: "false" });
// @ts-expect-error: GitHub's names, not octokit-style camelCase options
void github.createDeploymentStatus({ ...deployment, state: "success", logUrl: "https://ci.example.com" });
// exactOptionalPropertyTypes: an optional option or param may be given as undefined (it counts as absent).
const fromEnv = new Client({ auth: process.env["GITHUB_TOKEN"], baseUrl: process.env["GITHUB_API_URL"] });
const maybeDescription: string | undefined = process.env["DESCRIPTION"];
void fromEnv.createDeploymentStatus({ ...deployment, state: "success", description: maybeDescription }, { signal: undefined });
// Every error of the union has a status (0 when no answer came).
export function statusOf(caught: unknown): number {
  const error = caught as DeploymentStatusError;
  const zero: 0 = error.name === "ValidationError" || error.name === "NetworkError" ? error.status : 0;
  return error.status + zero;
}
