// Compiled with `tsc --strict --noEmit`: the package's types accept what users write and refuse mistakes.
import {
  Client,
  type ApiResponse,
  type CreateDeploymentParams,
  type Deployment,
  type DeploymentBranchPolicy,
  type DeploymentState,
  type DeploymentStatus,
  type DeploymentStatusError,
  type Environment,
  type EnvironmentList,
  type EnvironmentOverview,
  type HttpError,
  type PageProgress,
  type PaginateOptions,
  type ProtectionRule,
  type SimpleUser,
  type Team,
  type ValidationError,
  type WaitOptions,
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

export async function deployments(signal: AbortSignal): Promise<number> {
  const where = { owner: "octo-org", repo: "hello-world" };
  const page: ApiResponse<Deployment[]> = await client.listDeployments(
    { ...where, sha: "a84d88e", ref: "main", task: "deploy", environment: "production", per_page: 100, page: 2 },
    { signal },
  );
  void client.listDeployments({ ...where, environment: null });
  const first: Deployment | undefined = page.data[0];
  const { data: one } = await client.getDeployment({ ...where, deployment_id: first?.id ?? "42" });
  const payload: Record<string, unknown> | string = one.payload;
  const description: string | null = one.description;
  const creator: SimpleUser | null = one.creator;
  const flags: [boolean | undefined, boolean | undefined, string | undefined] =
    [one.transient_environment, one.production_environment, one.original_environment];
  void [payload, description, creator, flags, one.statuses_url, one.performed_via_github_app?.name];

  const params: CreateDeploymentParams = {
    ...where, ref: "main", task: "deploy:migrations", auto_merge: false, required_contexts: [],
    payload: { build: 7, tags: ["a"] }, environment: "qa", description: "QA run",
    transient_environment: true, production_environment: false,
  };
  const created = await client.createDeployment(params, { signal });
  if (created.status === 201) {
    const deployment: Deployment = created.data;
    void deployment.sha;
  } else {
    const status: 202 = created.status;
    const message: string | undefined = created.data.message;
    void [status, message];
  }
  void client.createDeployment({ ...where, ref: "main", payload: '{ "deploy": "migrate" }', description: null });
  const deleted: ApiResponse<null> = await client.deleteDeployment({ ...where, deployment_id: 41 }, { signal });

  const listed: ApiResponse<EnvironmentList> = await client.getAllEnvironments({ ...where, per_page: 10, page: 1 });
  const total: number | undefined = listed.data.total_count;
  for (const environment of listed.data.environments ?? []) {
    const policy: DeploymentBranchPolicy | null | undefined = environment.deployment_branch_policy;
    const rules: ProtectionRule[] = environment.protection_rules ?? [];
    for (const rule of rules) {
      if ("reviewers" in rule) {
        for (const r of rule.reviewers ?? []) {
          const who: SimpleUser | Team | undefined = r.reviewer;
          void [r.type, who && ("login" in who ? who.login : who.slug), rule.prevent_self_review];
        }
      } else if ("wait_timer" in rule) {
        const minutes: number | undefined = rule.wait_timer;
        void minutes;
      }
      void [rule.id, rule.node_id, rule.type];
    }
    void [policy?.protected_branches, policy?.custom_branch_policies, environment.html_url];
  }

  // paginate and iterate over any list method, typed by the method.
  const everyDeployment: Deployment[] = await client.paginate(
    client.listDeployments,
    { ...where, environment: "production", per_page: 100 },
    { maxPages: 3, signal, onPage: ({ data }: PageProgress<Deployment>) => void data.map((d) => d.ref) },
  );
  const bound: Deployment[] = await client.paginate(client.listDeployments.bind(client), where);
  const environments: Environment[] = await client.paginate(client.getAllEnvironments, { ...where, per_page: 100 });
  const environmentOptions: PaginateOptions<Environment> = { onPage: ({ data, items }) => void [data.map((e) => e.name), items] };
  void client.paginate(client.getAllEnvironments, where, environmentOptions);
  const statuses: DeploymentStatus[] = await client.paginate(client.listDeploymentStatuses, { ...where, deployment_id: 42 });
  const same: DeploymentStatus[] = await client.paginate({ ...where, deployment_id: 42 });
  for await (const { data } of client.iterate(client.listDeployments, { ...where, ref: "main" }, { signal })) {
    const deployments: Deployment[] = data;
    if (deployments.length < 30) break;
  }
  for await (const { data } of client.iterate(client.getAllEnvironments, where)) {
    const names: string[] = data.map((e: Environment) => e.name);
    void names;
  }
  for await (const { data } of client.iterate(client.listDeploymentStatuses, { ...where, deployment_id: 42 })) {
    const states: DeploymentState[] = data.map((s) => s.state);
    void states;
  }

  const rows: EnvironmentOverview[] = await client.overview(where, { signal });
  for (const { environment, deployment, status } of rows) {
    void [environment.name, deployment?.ref ?? null, status?.state ?? null];
  }
  const waitOptions: WaitOptions = { timeoutMs: 600_000, intervalMs: 1000, signal, onStatus: (s) => void s.state };
  const final: DeploymentStatus = await client.waitForDeployment({ ...where, deployment_id: 42 }, waitOptions);
  await client.waitForDeployment({ ...where, deployment_id: "42" });
  return final.id + deleted.status + (total ?? 0) + everyDeployment.length + bound.length + environments.length +
    statuses.length + same.length;
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
// @ts-expect-error: paginate takes list methods only, not getDeployment
void client.paginate(client.getDeployment, { owner: "o", repo: "r", deployment_id: 1 });
// @ts-expect-error: nor createDeployment
void client.iterate(client.createDeployment, { owner: "o", repo: "r", ref: "main" });
// @ts-expect-error: listDeployments' pages are deployments, not statuses
const wrongItems: DeploymentStatus[] = await client.paginate(client.listDeployments, { owner: "o", repo: "r" });
void wrongItems;
// @ts-expect-error: paginate over deployments takes no page either
void client.paginate(client.listDeployments, { owner: "o", repo: "r", page: 2 });
// @ts-expect-error: environments' params have no deployment filters
void client.paginate(client.getAllEnvironments, { owner: "o", repo: "r", environment: "qa" });
// @ts-expect-error: onPage of deployments gets deployments
void client.paginate(client.listDeployments, { owner: "o", repo: "r" }, { onPage: (p: PageProgress<Environment>) => p });
// @ts-expect-error: ref is required
void client.createDeployment({ owner: "o", repo: "r", environment: "qa" });
// @ts-expect-error: payload is an object or a string, not an array
void client.createDeployment({ owner: "o", repo: "r", ref: "main", payload: [1] });
// @ts-expect-error: required_contexts is an array of strings, not a comma-separated string
void client.createDeployment({ owner: "o", repo: "r", ref: "main", required_contexts: "ci/test" });
// @ts-expect-error: a 201 or a 202: the data is a Deployment only once status says 201
void client.createDeployment({ owner: "o", repo: "r", ref: "main" }).then((created) => created.data.id);
// @ts-expect-error: getDeployment needs deployment_id
void client.getDeployment({ owner: "o", repo: "r" });
// @ts-expect-error: overview takes the repository only
void client.overview({ owner: "o", repo: "r", deployment_id: 1 });
// @ts-expect-error: waitForDeployment's onStatus gets one status, not a list
void client.waitForDeployment({ owner: "o", repo: "r", deployment_id: 1 }, { onStatus: (s: DeploymentStatus[]) => s });
// @ts-expect-error: timeoutMs is a number of milliseconds
void client.waitForDeployment({ owner: "o", repo: "r", deployment_id: 1 }, { timeoutMs: "10m" });
