// Types of the `github-deployment-status` package: the Client, its params and results, and its errors.
// One import works in browsers, web workers, Cloudflare Workers and Node (the package's `exports`
// pick the entry); there is no `init()` to call.

/**
 * The state of a deployment status: one of GitHub's seven.
 *
 * `inactive` is normally set by GitHub itself (see `auto_inactive`); `queued` and `in_progress`
 * show progress; `success`, `failure` and `error` end a deployment.
 */
export type DeploymentState =
  | "error"
  | "failure"
  | "inactive"
  | "in_progress"
  | "queued"
  | "pending"
  | "success";

/** A GitHub user (`simple-user` in GitHub's OpenAPI description), e.g. a status's `creator`. */
export interface SimpleUser {
  name?: string | null;
  email?: string | null;
  /** The user's handle, e.g. `"octocat"`. */
  login: string;
  /** int64; exact in JS up to 2^53-1. */
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string | null;
  /** API URL of the user. */
  url: string;
  /** The user's page on GitHub. */
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  /** `"User"`, `"Bot"` or `"Organization"`. */
  type: string;
  site_admin: boolean;
  starred_at?: string;
  user_view_type?: string;
}

/** An enterprise account (`enterprise`), which can own a GitHub App. */
export interface Enterprise {
  description?: string | null;
  html_url: string;
  website_url?: string | null;
  id: number;
  node_id: string;
  name: string;
  slug: string;
  created_at: string | null;
  updated_at: string | null;
  avatar_url: string;
}

/** A GitHub App (`integration`): who created a status when a GitHub App token was used. */
export interface Integration {
  id: number;
  /** The app's URL-friendly name. */
  slug?: string;
  node_id: string;
  client_id?: string;
  owner: SimpleUser | Enterprise;
  /** The app's display name. */
  name: string;
  description: string | null;
  external_url: string;
  html_url: string;
  created_at: string;
  updated_at: string;
  /** Permission name → `"read"` or `"write"`. */
  permissions: { [permission: string]: string };
  events: string[];
  installations_count?: number;
}

/**
 * A deployment status as GitHub returns it (`deployment-status`). Unknown extra fields GitHub may
 * add are kept on the object.
 */
export interface DeploymentStatus {
  /** API URL of this status. */
  url: string;
  /** int64; exact in JS up to 2^53-1. Pass it as `status_id` to `getDeploymentStatus`. */
  id: number;
  node_id: string;
  state: DeploymentState;
  /** Who created the status; `null` when the account is gone. */
  creator: SimpleUser | null;
  /** At most 140 characters; `""` when none was given. */
  description: string;
  /** The environment's name, e.g. `"production"`. */
  environment?: string;
  /** Deprecated alias of `log_url`; `""` when none was given. */
  target_url: string;
  /** ISO 8601 timestamp, e.g. `"2026-03-10T12:00:00Z"`. */
  created_at: string;
  /** ISO 8601 timestamp. */
  updated_at: string;
  /** API URL of the deployment. */
  deployment_url: string;
  /** API URL of the repository. */
  repository_url: string;
  /** Where the deployed environment can be seen; `""` when none was given. */
  environment_url?: string;
  /** URL of the deployment's logs; `""` when none was given. */
  log_url?: string;
  /** The GitHub App that created the status, if one did. */
  performed_via_github_app?: Integration | null;
}

/**
 * A deployment as GitHub returns it (`deployment`): a request to deploy a ref to an environment.
 * Unknown extra fields GitHub may add are kept on the object.
 */
export interface Deployment {
  /** API URL of this deployment. */
  url: string;
  /** int64; exact in JS up to 2^53-1. Pass it as `deployment_id` to the other calls. */
  id: number;
  node_id: string;
  /** The commit deployed. */
  sha: string;
  /** The ref asked for: a branch, tag or SHA, e.g. `"topic-branch"`. */
  ref: string;
  /** E.g. `"deploy"` or `"deploy:migrations"`. */
  task: string;
  /** Extra information given at creation: a JSON object, or a string (`""` when none was given). */
  payload: Record<string, unknown> | string;
  /** The environment it was first created for, e.g. `"staging"`. */
  original_environment?: string;
  /** The target environment's name, e.g. `"production"`. */
  environment: string;
  /** `null` when none was given. */
  description: string | null;
  /** Who created the deployment; `null` when the account is gone. */
  creator: SimpleUser | null;
  /** ISO 8601 timestamp, e.g. `"2026-03-10T12:00:00Z"`. */
  created_at: string;
  /** ISO 8601 timestamp. */
  updated_at: string;
  /** API URL of the deployment's statuses. */
  statuses_url: string;
  /** API URL of the repository. */
  repository_url: string;
  /** Whether the environment will no longer exist at some point (GitHub's default: false). */
  transient_environment?: boolean;
  /** Whether end users use the environment directly (GitHub's default: false). */
  production_environment?: boolean;
  /** The GitHub App that created the deployment, if one did. */
  performed_via_github_app?: Integration | null;
}

/** A team (`nullable-team-simple`): a team reviewer's `parent`. */
export interface TeamSimple {
  /** int64; exact in JS up to 2^53-1. */
  id: number;
  node_id: string;
  /** API URL of the team. */
  url: string;
  members_url: string;
  /** E.g. `"Justice League"`. */
  name: string;
  description: string | null;
  /** E.g. `"admin"`. */
  permission: string;
  /** E.g. `"closed"`. */
  privacy?: string;
  /** E.g. `"notifications_enabled"`. */
  notification_setting?: string;
  /** The team's page on GitHub. */
  html_url: string;
  repositories_url: string;
  /** E.g. `"justice-league"`. */
  slug: string;
  /** Distinguished Name (DN) the team maps to in LDAP. */
  ldap_dn?: string;
  type: "enterprise" | "organization";
  organization_id?: number;
  enterprise_id?: number;
}

/** A team (`team`): a reviewer of a `required_reviewers` rule. */
export interface Team {
  id: number;
  node_id: string;
  name: string;
  slug: string;
  description: string | null;
  privacy?: string;
  notification_setting?: string;
  permission: string;
  permissions?: { pull: boolean; triage: boolean; push: boolean; maintain: boolean; admin: boolean };
  /** API URL of the team. */
  url: string;
  /** The team's page on GitHub. */
  html_url: string;
  members_url: string;
  repositories_url: string;
  /** Required by GitHub's spec, though its own example of an environment's team reviewer omits it. */
  type: "enterprise" | "organization";
  /** How the team's access to the repository was granted (only in a repository's team list). */
  access_source?: "direct" | "organization" | "enterprise";
  organization_id?: number;
  enterprise_id?: number;
  parent: TeamSimple | null;
}

/** One reviewer of a `required_reviewers` rule: a user or a team. */
export interface DeploymentReviewer {
  type?: "User" | "Team";
  reviewer?: SimpleUser | Team;
}

/** A protection rule that delays jobs: `type` is `"wait_timer"`. */
export interface WaitTimerRule {
  id: number;
  node_id: string;
  /** `"wait_timer"`. */
  type: string;
  /** Minutes to delay a job after it is triggered, 0 to 43200 (30 days). */
  wait_timer?: number;
}

/** A protection rule that needs an approval: `type` is `"required_reviewers"`. */
export interface RequiredReviewersRule {
  id: number;
  node_id: string;
  /** Whether the user who created the deployment may approve it themselves. */
  prevent_self_review?: boolean;
  /** `"required_reviewers"`. */
  type: string;
  /** Up to six users or teams; one approval lets the job proceed. */
  reviewers?: DeploymentReviewer[];
}

/** A protection rule that limits the branches that may deploy: `type` is `"branch_policy"`. */
export interface BranchPolicyRule {
  id: number;
  node_id: string;
  /** `"branch_policy"`. */
  type: string;
}

/**
 * One of an environment's built-in protection rules. The three shapes share `id`, `node_id` and
 * `type` (a string); tell them apart by `type`, or with `"reviewers" in rule` / `"wait_timer" in rule`.
 */
export type ProtectionRule = WaitTimerRule | RequiredReviewersRule | BranchPolicyRule;

/** Which branches may deploy to an environment; an environment whose every branch may has `null`. */
export interface DeploymentBranchPolicy {
  /** Only branches with branch protection rules (then `custom_branch_policies` is false). */
  protected_branches: boolean;
  /** Only branches matching the environment's name patterns (then `protected_branches` is false). */
  custom_branch_policies: boolean;
}

/** A deployment environment as GitHub returns it (`environment`). */
export interface Environment {
  /** int64; exact in JS up to 2^53-1. */
  id: number;
  node_id: string;
  /** E.g. `"staging"`. */
  name: string;
  /** API URL of the environment. */
  url: string;
  /** The environment's activity log on GitHub. */
  html_url: string;
  /** ISO 8601 timestamp. */
  created_at: string;
  /** ISO 8601 timestamp. */
  updated_at: string;
  /** Built-in protection rules. */
  protection_rules?: ProtectionRule[];
  /** `null` when every branch may deploy. */
  deployment_branch_policy?: DeploymentBranchPolicy | null;
}

/** What `getAllEnvironments` resolves with: one page (both fields are optional in GitHub's spec). */
export interface EnvironmentList {
  /** How many environments the repository has, over all pages. */
  total_count?: number;
  /** This page's environments. */
  environments?: Environment[];
}

/** One row of `overview`: an environment, its latest deployment, and that deployment's latest status. */
export interface EnvironmentOverview {
  environment: Environment;
  /** `null` when nothing was ever deployed to the environment. */
  deployment: Deployment | null;
  /** `null` when there is no deployment, or it has no status yet. */
  status: DeploymentStatus | null;
}

/**
 * Options of `new Client(options)`; every one is optional, and one given as `undefined` is the same
 * as one left out (as for every optional param and call option here), so
 * `auth: process.env.GITHUB_TOKEN` type-checks under `exactOptionalPropertyTypes` too.
 *
 * @example
 * ```ts
 * const github = new Client({ auth: process.env.GITHUB_TOKEN, timeoutMs: 10_000 });
 * ```
 */
export interface ClientOptions {
  /**
   * Token, sent as `Authorization: Bearer <token>`: a personal access token, a GitHub App
   * installation token, or `GITHUB_TOKEN` in Actions (`permissions: deployments: write` to create).
   * GETs of public repositories work without one. An empty string is no token (what a missing
   * secret gives in CI). Never appears in an error, log or `Debug` output.
   *
   * @example
   * ```ts
   * new Client({ auth: env.GITHUB_TOKEN }) // Cloudflare Workers: a secret binding
   * ```
   */
  auth?: string | undefined;
  /**
   * API root. A trailing `/` is fine.
   *
   * @defaultValue `"https://api.github.com"`
   * @example
   * ```ts
   * new Client({ baseUrl: "https://github.example.com/api/v3" }) // GitHub Enterprise Server
   * ```
   */
  baseUrl?: string | undefined;
  /**
   * `X-GitHub-Api-Version` header; `null` omits it (the server then picks its default).
   * GitHub serves `"2026-03-10"` and `"2022-11-28"`; an unsupported one is answered with 400 or 410.
   *
   * @defaultValue `"2026-03-10"`
   */
  apiVersion?: string | null | undefined;
  /**
   * `User-Agent` sent outside browsers (browsers always send their own). GitHub answers a request
   * without one with 403, and the `fetch` of Cloudflare Workers sends none: this client always does.
   *
   * @defaultValue `"github-deployment-status/<version>"`
   */
  userAgent?: string | undefined;
  /**
   * Per-attempt timeout in milliseconds, 1 to 2147483647, including reading the body; then the
   * call rejects with `TimeoutError` (or retries, see `retries`).
   *
   * @defaultValue `30000`
   */
  timeoutMs?: number | undefined;
  /**
   * The largest answer body read, in bytes, 1 to 268435456 (256 MiB); reading stops there and the call
   * rejects with `DecodeError` (the connection is dropped, the client keeps working).
   *
   * @defaultValue `16777216` (16 MiB; a page of 100 statuses is about 150 KB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * How long `createDeploymentStatus` and `createDeployment`, after a POST that got no answer,
   * keep reading the statuses (or the deployments of the same ref, task and environment) for the
   * one they may have created before they post again, 0 to 60000 ms (a new item can show in lists
   * a few seconds late). See the README's Reliability section.
   *
   * @defaultValue `10000`
   */
  createCheckWindowMs?: number | undefined;
  /**
   * Retries after a failed attempt, 0 to 10. GETs and DELETEs retry network errors, timeouts,
   * 500/502/503/504 and rate limits with exponential backoff (250 ms doubling, up to 8 s) and
   * jitter. A POST is repeated only when GitHub did not act (rate limits), or after a read of what
   * was created since shows that an ambiguous attempt (5xx, reset, timeout) did not create the
   * status or deployment: never a duplicate.
   *
   * @defaultValue `2`
   */
  retries?: number | undefined;
  /**
   * Longest wait in milliseconds for a rate limit (`retry-after`, or `x-ratelimit-reset` when none
   * remain) before failing at once with the `HttpError`, whose `rateLimit.reset` says when to come back.
   *
   * @defaultValue `60000`
   */
  maxRateLimitWaitMs?: number | undefined;
  /**
   * ETag cache: GETs send `If-None-Match` and a 304 (free: it does not count against the rate
   * limit) resolves with the cached data and `status: 304`. Per client, so per token.
   * `{ maxEntries }` (1 to 10000) bounds it; `false` turns it off.
   *
   * @defaultValue `true` (64 URLs)
   */
  cache?: boolean | { maxEntries: number } | undefined;
}

/** A repository: the part every call's params share. */
export interface RepoParams {
  /** Account owning the repository, e.g. `"octo-org"`. */
  owner: string;
  /** Repository name, without `.git`, e.g. `"hello-world"`. */
  repo: string;
}

/**
 * One deployment of a repository: the params of `getDeployment`, `deleteDeployment` and
 * `waitForDeployment`, and the part the statuses' calls share.
 */
export interface DeploymentParams extends RepoParams {
  /**
   * The deployment's id: a positive safe integer, or its decimal digits as a string (`"42"`, as
   * ids come from environment variables and URLs; not `"042"`, `" 42"`, `"4.2"` or `"1e3"`).
   */
  deployment_id: number | string;
}

/**
 * Params of `createDeploymentStatus`, named as GitHub and octokit name them.
 *
 * @example
 * ```ts
 * const params: CreateDeploymentStatusParams = {
 *   owner: "octo-org", repo: "hello-world", deployment_id: 42,
 *   state: "success", environment_url: "https://example.com", description: "Deployed",
 * };
 * ```
 */
export interface CreateDeploymentStatusParams extends DeploymentParams {
  /** The new state. */
  state: DeploymentState;
  /** Deprecated by GitHub in favour of `log_url`. Absolute http(s) URL. */
  target_url?: string | undefined;
  /** URL of the deployment's logs; GitHub also sets `target_url` to it. Absolute http(s) URL. */
  log_url?: string | undefined;
  /** At most 140 characters (Unicode characters, as GitHub counts them). */
  description?: string | undefined;
  /** Environment name, e.g. `"production"`; when omitted GitHub uses the previous status's, else the deployment's. */
  environment?: string | undefined;
  /** URL of the deployed environment. Absolute http(s) URL. */
  environment_url?: string | undefined;
  /**
   * Whether GitHub adds an `inactive` status to prior non-transient, non-production deployments of
   * the same repository and environment (only those whose state was `success`).
   * GitHub's default: true; sent only when set.
   */
  auto_inactive?: boolean | undefined;
}

/** Params of `listDeploymentStatuses`: one page. */
export interface ListDeploymentStatusesParams extends DeploymentParams {
  /** Statuses per page, 1 to 100; GitHub's default is 30. */
  per_page?: number | undefined;
  /** Page number, from 1. To read every page, use `paginate` or `iterate` instead. */
  page?: number | undefined;
}

/** Params of `getDeploymentStatus`. */
export interface GetDeploymentStatusParams extends DeploymentParams {
  /** The status's id: a positive safe integer, or its decimal digits as a string. */
  status_id: number | string;
}

/** Params of `paginate(client.listDeployments, ...)` and `iterate`: the filters without `page`. */
export interface ListAllDeploymentsParams extends RepoParams {
  /** Only deployments of this commit SHA (the one recorded at creation). */
  sha?: string | undefined;
  /** Only deployments of this ref: a branch, tag or SHA, as it was given at creation. */
  ref?: string | undefined;
  /** Only deployments with this task, e.g. `"deploy"` or `"deploy:migrations"`. */
  task?: string | undefined;
  /** Only deployments to this environment, e.g. `"production"`. */
  environment?: string | null | undefined;
  /** Deployments per page, 1 to 100; GitHub's default is 30. Use 100 to make the fewest requests. */
  per_page?: number | undefined;
}

/** Params of `listDeployments`: one page, optionally filtered. */
export interface ListDeploymentsParams extends ListAllDeploymentsParams {
  /** Page number, from 1. To read every page, use `paginate` or `iterate` instead. */
  page?: number | undefined;
}

/** Params of `getDeployment`. */
export interface GetDeploymentParams extends DeploymentParams {}

/** Params of `deleteDeployment`. */
export interface DeleteDeploymentParams extends DeploymentParams {}

/** Params of `waitForDeployment`. */
export interface WaitForDeploymentParams extends DeploymentParams {}

/**
 * Params of `createDeployment`, named as GitHub and octokit name them.
 *
 * @example
 * ```ts
 * const params: CreateDeploymentParams = {
 *   owner: "octo-org", repo: "hello-world", ref: "main",
 *   environment: "staging", required_contexts: [], payload: { build: 7 },
 * };
 * ```
 */
export interface CreateDeploymentParams extends RepoParams {
  /** What to deploy: a branch, tag or SHA. */
  ref: string;
  /** The task to run, e.g. `"deploy:migrations"`; GitHub's default: `"deploy"`. */
  task?: string | undefined;
  /**
   * Whether GitHub first merges the default branch into `ref` when `ref` is behind it (then it
   * answers 202 and creates no deployment). GitHub's default: true.
   */
  auto_merge?: boolean | undefined;
  /**
   * The commit status contexts that must be successes. Left out, GitHub checks every context;
   * `[]` checks none (and is sent as `[]`).
   */
  required_contexts?: string[] | undefined;
  /** Extra information for the deployment: a JSON object, or a string (sent as GitHub takes either). */
  payload?: Record<string, unknown> | string | undefined;
  /** The target environment, e.g. `"staging"`; GitHub's default: `"production"`. GitHub creates it if it is new. */
  environment?: string | undefined;
  /** A short description; GitHub's default: `""`. */
  description?: string | null | undefined;
  /** Whether the environment will no longer exist at some point. GitHub's default: false. */
  transient_environment?: boolean | undefined;
  /**
   * Whether end users use the environment directly. GitHub's default: true when `environment` is
   * `"production"`, else false.
   */
  production_environment?: boolean | undefined;
}

/** Params of `paginate(client.getAllEnvironments, ...)` and `iterate`: without `page`. */
export interface ListAllEnvironmentsParams extends RepoParams {
  /** Environments per page, 1 to 100; GitHub's default is 30. Use 100 to make the fewest requests. */
  per_page?: number | undefined;
}

/** Params of `getAllEnvironments`: one page. */
export interface GetAllEnvironmentsParams extends ListAllEnvironmentsParams {
  /** Page number, from 1. To read every page, use `paginate` or `iterate` instead. */
  page?: number | undefined;
}

/** Params of `overview`: the repository. */
export interface OverviewParams extends RepoParams {}

/** Options every call takes as its second argument. */
export interface CallOptions {
  /**
   * Aborting it rejects the call with `AbortError` at once: the request in flight is cancelled, and
   * so is any backoff or rate-limit wait.
   *
   * @example
   * ```ts
   * await github.listDeploymentStatuses(params, { signal: AbortSignal.timeout(5000) });
   * ```
   */
  signal?: AbortSignal | undefined;
}

/** Params of `paginate` and `iterate` over a deployment's statuses, and of `watch`: without `page` (the client follows the pages). */
export interface ListAllParams extends DeploymentParams {
  /** Statuses per page, 1 to 100; GitHub's default is 30. Use 100 to make the fewest requests. */
  per_page?: number | undefined;
}

/**
 * What `onPage` is told after each page of `paginate`; `T` is the list's item: `DeploymentStatus`
 * (the default), `Deployment` or `Environment`.
 */
export interface PageProgress<T = DeploymentStatus> {
  /** Pages fetched so far (1 after the first). */
  page: number;
  /** Total pages when GitHub's `Link: rel="last"` says, else `null` until the last page. */
  totalPages: number | null;
  /** Items fetched so far, over all pages. */
  items: number;
  /** This page's items (for environments, the page's `environments`). */
  data: T[];
}

/** Options of `paginate`; `T` is the list's item, as in `PageProgress`. */
export interface PaginateOptions<T = DeploymentStatus> extends CallOptions {
  /** Stop after this many pages (a positive integer) and resolve with what was fetched. Default: no bound. */
  maxPages?: number | undefined;
  /**
   * Called after each page, e.g. to draw a progress bar. An exception thrown here rejects the call.
   *
   * @example
   * ```ts
   * onPage: ({ page, totalPages }) => bar.set(page / (totalPages ?? page))
   * ```
   */
  onPage?: ((progress: PageProgress<T>) => void) | undefined;
}

/** Options of `watch`. */
export interface WatchOptions extends CallOptions {
  /**
   * Milliseconds between polls, 1000 (one poll a second at most) to 2147483647; GitHub's
   * `X-Poll-Interval` can ask for more, and then wins.
   *
   * @defaultValue `10000`
   */
  intervalMs?: number | undefined;
  /**
   * Called with the first list (the newest 100 statuses, newest first) and then only when that
   * list changed. An exception thrown here stops the watch and rejects it.
   */
  onChange: (response: ApiResponse<DeploymentStatus[]>) => void;
}

/** Options of `waitForDeployment`. */
export interface WaitOptions extends CallOptions {
  /**
   * The longest the whole wait may take, in milliseconds, 1 to 2147483647: every request and pause
   * is kept within it, and then the call rejects with `TimeoutError`
   * (`"timeoutMs (N ms) passed first"`). Default: no bound (each request still has the client's
   * `timeoutMs`).
   */
  timeoutMs?: number | undefined;
  /**
   * Milliseconds between polls, 1000 to 2147483647; GitHub's `X-Poll-Interval` can ask for more,
   * and then wins.
   *
   * @defaultValue `5000`
   */
  intervalMs?: number | undefined;
  /**
   * Called with each new status: first the newest one there is, then each that appears, oldest
   * first; the final one too. An exception thrown here rejects the wait with that exception.
   */
  onStatus?: ((status: DeploymentStatus) => void) | undefined;
}

/** GitHub's `x-ratelimit-*` headers, as numbers. */
export interface RateLimit {
  /** Requests allowed in the window (`x-ratelimit-limit`), e.g. 5000 with a token, 60 without. */
  limit: number;
  /** Requests left in the window (`x-ratelimit-remaining`). */
  remaining: number;
  /** Requests made in the window (`x-ratelimit-used`). */
  used: number;
  /** Seconds since the Unix epoch when the window resets (`x-ratelimit-reset`): `new Date(reset * 1000)`. */
  reset: number;
  /** The limit's bucket (`x-ratelimit-resource`), e.g. `"core"`; `null` when absent. */
  resource: string | null;
}

/**
 * What every call resolves to: octokit's `{ status, url, headers, data }` plus `rateLimit`.
 *
 * @example
 * ```ts
 * const { data, rateLimit } = await github.listDeploymentStatuses(params);
 * if (rateLimit && rateLimit.remaining < 10) console.warn("rate limit nearly used up");
 * ```
 */
export interface ApiResponse<T> {
  /**
   * 200, 201 (created), 202 (`createDeployment`: merged instead), 204 (deleted), or 304 when the
   * ETag cache answered (the data is then the cached data).
   */
  status: number;
  /** The URL requested. */
  url: string;
  /** Response headers as a plain object with lower-case names, e.g. `headers["x-github-request-id"]`. */
  headers: { [name: string]: string };
  /** GitHub's JSON body. */
  data: T;
  /** `null` when GitHub sent no rate-limit headers. */
  rateLimit: RateLimit | null;
}

/** What `createDeployment` resolves with when GitHub created the deployment. */
export interface DeploymentCreated extends ApiResponse<Deployment> {
  status: 201;
}

/**
 * What `createDeployment` resolves with when GitHub merged the default branch into the ref
 * instead (`auto_merge`, the ref was behind): no deployment was created; create it again to deploy
 * the new head.
 */
export interface DeploymentMerged extends ApiResponse<{ message?: string }> {
  status: 202;
}

/**
 * Bad input caught before anything was sent (also thrown by `new Client` for a bad option).
 *
 * @example
 * ```ts
 * if (error.name === "ValidationError") console.error(`fix ${error.field}: ${error.message}`);
 * ```
 */
export interface ValidationError extends Error {
  name: "ValidationError";
  /** Nothing was sent, so no status came back. */
  status: 0;
  /**
   * The parameter or option at fault, as you spelled it, e.g. `"description"` or `"baseUrl"`;
   * `"client"` for a call on a freed client; `"method"` for a function `paginate` or `iterate`
   * does not take.
   */
  field: string;
}

/** One entry of GitHub's `errors` array (with a 422). */
export interface GitHubFieldError {
  /** E.g. `"DeploymentStatus"`. */
  resource?: string;
  /** The parameter GitHub refused. */
  field?: string;
  /** GitHub's explanation, when it gives one. */
  message?: string;
  /** E.g. `"missing_field"`, `"invalid"`, `"custom"`. */
  code: string;
  [extra: string]: unknown;
}

/**
 * GitHub answered with a non-2xx status (after any retries).
 *
 * @example
 * ```ts
 * if (error.name === "HttpError" && error.status === 404) return null;
 * ```
 */
export interface HttpError extends Error {
  name: "HttpError";
  /**
   * Set on a create's rejection when what it posted may exist all the same (the POST got no
   * answer, or its answer could not be read, and looking could not tell): list before posting again.
   */
  mayHaveBeenCreated?: true;
  /** The HTTP status, e.g. 404, 422, 429. */
  status: number;
  /** GitHub's message, e.g. `"Not Found"`, `"Validation Failed"`. */
  message: string;
  /** GitHub's `documentation_url`, when it sent one. */
  documentationUrl: string | null;
  /** GitHub's `errors` array (422); empty when none. */
  errors: GitHubFieldError[];
  /** What was sent; `authorization` is redacted. */
  request: { method: "GET" | "POST" | "DELETE"; url: string; headers: { [name: string]: string } };
  /** What came back; `data` is the parsed body (or its text when it is not JSON). */
  response: { status: number; url: string; headers: { [name: string]: string }; data: unknown };
  /** The `x-ratelimit-*` figures of the answer; with a 403/429, `reset` says when to retry. */
  rateLimit: RateLimit | null;
}

/** No response: DNS, refused connection, CORS refusal (browsers), connection reset. */
export interface NetworkError extends Error {
  name: "NetworkError";
  /**
   * Set on a create's rejection when what it posted may exist all the same (the POST got no
   * answer, or its answer could not be read, and looking could not tell): list before posting again.
   */
  mayHaveBeenCreated?: true;
  status: 0;
  /**
   * The runtime's own error (Node: `TypeError: fetch failed`, whose `cause` has the `code`);
   * the message repeats the code (`ECONNREFUSED`, `ENOTFOUND`, `DEPTH_ZERO_SELF_SIGNED_CERT`, ...).
   */
  cause: unknown;
}

/**
 * An attempt took longer than the client's `timeoutMs` (and retries, if any, did too), or
 * `waitForDeployment`'s `timeoutMs` passed before a final status.
 */
export interface TimeoutError extends Error {
  name: "TimeoutError";
  /**
   * Set on a create's rejection when what it posted may exist all the same (the POST got no
   * answer, or its answer could not be read, and looking could not tell): list before posting again.
   */
  mayHaveBeenCreated?: true;
  status: 0;
}

/** The caller's `signal` aborted. */
export interface AbortError extends Error {
  name: "AbortError";
  /**
   * Set on a create's rejection when what it posted may exist all the same (the POST got no
   * answer, or its answer could not be read, and looking could not tell): list before posting again.
   */
  mayHaveBeenCreated?: true;
  status: 0;
  /** The signal's reason (`controller.abort(reason)`), when the caller's signal aborted. */
  cause?: unknown;
}

/**
 * A 2xx body that is not what GitHub's spec says, or a `Link` header that loops or points to
 * another origin than `baseUrl`.
 */
export interface DecodeError extends Error {
  name: "DecodeError";
  /**
   * Set on a create's rejection when what it posted may exist all the same (the POST got no
   * answer, or its answer could not be read, and looking could not tell): list before posting again.
   */
  mayHaveBeenCreated?: true;
  status: number;
}

/**
 * Every error a call rejects with; branch on `name` and TypeScript narrows to the right fields.
 * Each has `status`: the HTTP status of GitHub's answer, or `0` when none came.
 *
 * @example
 * ```ts
 * try {
 *   await github.createDeploymentStatus(params);
 * } catch (caught) {
 *   const error = caught as DeploymentStatusError;
 *   switch (error.name) {
 *     case "ValidationError": console.error(`fix ${error.field}`); break;
 *     case "HttpError": console.error(error.status, error.errors); break;
 *     default: throw error;
 *   }
 * }
 * ```
 */
export type DeploymentStatusError =
  | ValidationError
  | HttpError
  | NetworkError
  | TimeoutError
  | AbortError
  | DecodeError;

/**
 * A client for GitHub's deployments API: deployments, their statuses, environments. Parameter
 * names are GitHub's (and octokit's).
 *
 * @example
 * ```ts
 * import { Client } from "github-deployment-status";
 *
 * const github = new Client({ auth: process.env.GITHUB_TOKEN });
 * const { data } = await github.createDeploymentStatus({
 *   owner: "octo-org", repo: "hello-world", deployment_id: 42, state: "success",
 * });
 * ```
 */
export class Client {
  /**
   * Creates a client. Nothing is sent until a method is called.
   *
   * @param options - token, API root, version, user agent, timeout, retries, rate-limit wait, cache.
   * @throws {ValidationError} for a bad option (e.g. a token with a line break, a relative `baseUrl`).
   */
  constructor(options?: ClientOptions);
  /**
   * The API version requests carry, or `null` when none is sent: the configured one, or
   * `"2022-11-28"` once a server (a GitHub Enterprise Server that does not know the configured
   * version) refused it; the client then retried with `"2022-11-28"` and keeps it.
   */
  readonly apiVersion: string | null;
  /**
   * Creates a deployment status, exactly once even when the answer is lost and the request is
   * retried: `POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses` (201).
   * Needs push access: a fine-grained token or GitHub App with `deployments: write`, or the
   * `repo_deployment` scope for classic tokens and OAuth apps.
   *
   * @param params - where, and the status: `state` and optionally `log_url`, `description`,
   *   `environment`, `environment_url`, `auto_inactive`, `target_url`.
   * @param options - `signal` to cancel.
   * @returns the created status (`status: 201`).
   * @throws {ValidationError} before sending, e.g. an unknown state or a description over 140 characters.
   * @throws {HttpError} e.g. 401 (bad token), 404 (no such deployment, or no access), 422.
   * @throws {NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const { data: status } = await github.createDeploymentStatus({
   *   owner: "octo-org", repo: "hello-world", deployment_id: 42,
   *   state: "in_progress", log_url: "https://ci.example.com/runs/7", environment: "production",
   * });
   * ```
   */
  createDeploymentStatus(
    params: CreateDeploymentStatusParams,
    options?: CallOptions,
  ): Promise<ApiResponse<DeploymentStatus>>;
  /**
   * Lists one page of a deployment's statuses, newest first:
   * `GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses?per_page=&page=`.
   * `headers.link` has GitHub's `Link` header; `paginate` and `iterate` follow it for you.
   *
   * @param params - where, and optionally `per_page` (1 to 100) and `page` (from 1).
   * @param options - `signal` to cancel.
   * @throws {ValidationError | HttpError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const { data: [latest] } = await github.listDeploymentStatuses({
   *   owner: "octo-org", repo: "hello-world", deployment_id: 42, per_page: 1,
   * });
   * ```
   */
  listDeploymentStatuses(
    params: ListDeploymentStatusesParams,
    options?: CallOptions,
  ): Promise<ApiResponse<DeploymentStatus[]>>;
  /**
   * Gets one deployment status: `GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}`.
   *
   * @param params - where, and `status_id`.
   * @param options - `signal` to cancel.
   * @throws {HttpError} 404 when there is no such status (or no access to the repository).
   * @throws {ValidationError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const { data } = await github.getDeploymentStatus({
   *   owner: "octo-org", repo: "hello-world", deployment_id: 42, status_id: 1,
   * });
   * ```
   */
  getDeploymentStatus(
    params: GetDeploymentStatusParams,
    options?: CallOptions,
  ): Promise<ApiResponse<DeploymentStatus>>;
  /**
   * Lists one page of a repository's deployments, newest first, optionally filtered:
   * `GET /repos/{owner}/{repo}/deployments?sha=&ref=&task=&environment=&per_page=&page=`.
   * `headers.link` has GitHub's `Link` header; `paginate(client.listDeployments, params)` and
   * `iterate` follow it for you.
   *
   * @param params - the repository, and optionally the filters `sha`, `ref`, `task`,
   *   `environment`, and `per_page` (1 to 100), `page` (from 1).
   * @param options - `signal` to cancel.
   * @throws {ValidationError | HttpError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const { data: [latest] } = await github.listDeployments({
   *   owner: "octo-org", repo: "hello-world", environment: "production", per_page: 1,
   * });
   * ```
   */
  listDeployments(params: ListDeploymentsParams, options?: CallOptions): Promise<ApiResponse<Deployment[]>>;
  /**
   * Gets one deployment: `GET /repos/{owner}/{repo}/deployments/{deployment_id}`.
   *
   * @param params - the repository and `deployment_id`.
   * @param options - `signal` to cancel.
   * @throws {HttpError} 404 when there is no such deployment (or no access to the repository).
   * @throws {ValidationError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const { data: deployment } = await github.getDeployment({ owner: "octo-org", repo: "hello-world", deployment_id: 42 });
   * console.log(deployment.ref, deployment.environment);
   * ```
   */
  getDeployment(params: GetDeploymentParams, options?: CallOptions): Promise<ApiResponse<Deployment>>;
  /**
   * Creates a deployment, exactly once even when the answer is lost and the request is retried:
   * `POST /repos/{owner}/{repo}/deployments`. Resolves with `status: 201` and the deployment, or
   * with `status: 202` and GitHub's `{ message }` when GitHub merged the default branch into
   * `ref` instead (`auto_merge`, and `ref` was behind it): nothing was deployed, and a new create
   * deploys the merged head. Needs `deployments: write` (fine-grained token or GitHub App), or the
   * `repo_deployment` scope.
   *
   * @param params - the repository, `ref`, and optionally `task`, `auto_merge`,
   *   `required_contexts` (`[]`: no status checks), `payload`, `environment`, `description`,
   *   `transient_environment`, `production_environment`.
   * @param options - `signal` to cancel.
   * @returns a union to narrow on `status`: `201` with the `Deployment`, `202` with `{ message }`.
   * @throws {HttpError} 409 when a required commit status check is not a success or the merge of
   *   the default branch conflicts, 422 e.g. for a ref that does not exist (GitHub's `message` and
   *   `errors` say which).
   * @throws {ValidationError | NetworkError | TimeoutError | AbortError | DecodeError} Any rejection
   *   but a `ValidationError` carries `mayHaveBeenCreated: true` when a POST got no answer and
   *   looking could not tell whether it created the deployment: list before creating again.
   * @example
   * ```ts
   * const created = await github.createDeployment({
   *   owner: "octo-org", repo: "hello-world", ref: "main", environment: "staging", required_contexts: [],
   * });
   * if (created.status === 202) console.log(created.data.message); // merged; create again
   * else console.log(`deployment ${created.data.id}`);
   * ```
   */
  createDeployment(params: CreateDeploymentParams, options?: CallOptions): Promise<DeploymentCreated | DeploymentMerged>;
  /**
   * Deletes a deployment: `DELETE /repos/{owner}/{repo}/deployments/{deployment_id}` (204,
   * `data: null`). While the repository has other deployments, GitHub deletes only an inactive one
   * (post an `inactive` status, or any state but `success`, first). A retry after an attempt that
   * got no answer (or a 5xx) that then finds no deployment (404) resolves as deleted: it is gone
   * either way. Needs the same permission as `createDeployment`.
   *
   * @param params - the repository and `deployment_id`.
   * @param options - `signal` to cancel.
   * @throws {HttpError} 404 when there is no such deployment, 422 when it is still active.
   * @throws {ValidationError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * await github.createDeploymentStatus({ owner: "octo-org", repo: "hello-world", deployment_id: 41, state: "inactive" });
   * await github.deleteDeployment({ owner: "octo-org", repo: "hello-world", deployment_id: 41 });
   * ```
   */
  deleteDeployment(params: DeleteDeploymentParams, options?: CallOptions): Promise<ApiResponse<null>>;
  /**
   * Lists one page of a repository's environments: `GET /repos/{owner}/{repo}/environments?per_page=&page=`,
   * resolving with GitHub's `{ total_count, environments }`. `paginate(client.getAllEnvironments,
   * params)` reads every page into one array of environments.
   *
   * @param params - the repository, and optionally `per_page` (1 to 100) and `page` (from 1).
   * @param options - `signal` to cancel.
   * @throws {ValidationError | HttpError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const { data } = await github.getAllEnvironments({ owner: "octo-org", repo: "hello-world", per_page: 100 });
   * console.log(data.total_count, data.environments?.map((e) => e.name));
   * ```
   */
  getAllEnvironments(params: GetAllEnvironmentsParams, options?: CallOptions): Promise<ApiResponse<EnvironmentList>>;
  /**
   * Every environment of a repository, in GitHub's order, with its latest deployment and that
   * deployment's latest status. Requests: the environments (100 a page), the 100 newest
   * deployments, one filtered read (`per_page=1`) per environment not among them, and one status
   * read (`per_page=1`) per deployment; at most 4 in flight, all through the ETag cache, so calling
   * it again on the same client when nothing changed costs only 304s (no rate limit).
   *
   * @param params - the repository.
   * @param options - `signal` to cancel.
   * @returns one row per environment; `deployment` and `status` are `null` when there is none.
   * @throws {ValidationError | HttpError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * for (const { environment, deployment, status } of await github.overview({ owner: "octo-org", repo: "hello-world" })) {
   *   console.log(environment.name, deployment?.ref ?? "-", status?.state ?? "-");
   * }
   * ```
   */
  overview(params: OverviewParams, options?: CallOptions): Promise<EnvironmentOverview[]>;
  /**
   * Waits until a deployment ends: polls its newest statuses with ETags (a 304 costs no rate limit)
   * every `intervalMs`, or longer when GitHub's `X-Poll-Interval` asks, and resolves with the first
   * final status (`success`, `failure`, `error` or `inactive`). The first poll looks at the newest
   * status only (an older final one may have been followed by a new run). `onStatus` sees each new
   * status.
   *
   * @param params - the repository and `deployment_id`.
   * @param options - `timeoutMs` for the whole wait, `intervalMs` (default 5000, at least 1000),
   *   `onStatus`, `signal` to cancel.
   * @returns the final status; check its `state`.
   * @throws {TimeoutError} when `timeoutMs` passes first: `"timeoutMs (N ms) passed first"`.
   * @throws {ValidationError | HttpError | NetworkError | AbortError | DecodeError}
   * @example
   * ```ts
   * const final = await github.waitForDeployment(
   *   { owner: "octo-org", repo: "hello-world", deployment_id: 42 },
   *   { timeoutMs: 600_000, onStatus: (s) => console.log(s.state, s.description) },
   * );
   * if (final.state !== "success") throw new Error(`deployment ended ${final.state}`);
   * ```
   */
  waitForDeployment(params: WaitForDeploymentParams, options?: WaitOptions): Promise<DeploymentStatus>;
  /**
   * Every item of a list, following `Link: rel="next"` (never to another origin than `baseUrl`; a
   * `Link` loop rejects with `DecodeError`). What `octokit.paginate(method, params)` does: the
   * first argument names the list (`client.listDeploymentStatuses`, `client.listDeployments` or
   * `client.getAllEnvironments`, bound or not); without it, the params are a deployment's
   * statuses'. This overload: every status of a deployment, newest first.
   *
   * @param params - where, and optionally `per_page` (use 100 for the fewest requests).
   * @param options - `maxPages` bound, `onPage` progress, `signal` to cancel.
   * @returns the statuses of all pages, in one array.
   * @throws {ValidationError | HttpError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const all = await github.paginate(
   *   { owner: "octo-org", repo: "hello-world", deployment_id: 42, per_page: 100 },
   *   { maxPages: 10, onPage: ({ items }) => console.log(`${items} so far`) },
   * );
   * ```
   */
  paginate(params: ListAllParams, options?: PaginateOptions<DeploymentStatus>): Promise<DeploymentStatus[]>;
  /**
   * Every status of a deployment, newest first: the same as `paginate(params, options)`.
   *
   * @param method - `client.listDeploymentStatuses`.
   * @param params - where, and optionally `per_page`.
   * @param options - `maxPages` bound, `onPage` progress, `signal` to cancel.
   * @returns the statuses of all pages, in one array.
   * @throws {ValidationError | HttpError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const all = await github.paginate(github.listDeploymentStatuses, { owner, repo, deployment_id: 42 });
   * ```
   */
  paginate(
    method: Client["listDeploymentStatuses"],
    params: ListAllParams,
    options?: PaginateOptions<DeploymentStatus>,
  ): Promise<DeploymentStatus[]>;
  /**
   * Every deployment of a repository that matches the filters, newest first.
   *
   * @param method - `client.listDeployments`.
   * @param params - the repository, optionally `sha`, `ref`, `task`, `environment` and `per_page`.
   * @param options - `maxPages` bound, `onPage` progress, `signal` to cancel.
   * @returns the deployments of all pages, in one array.
   * @throws {ValidationError | HttpError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const production = await github.paginate(github.listDeployments, {
   *   owner: "octo-org", repo: "hello-world", environment: "production", per_page: 100,
   * });
   * ```
   */
  paginate(
    method: Client["listDeployments"],
    params: ListAllDeploymentsParams,
    options?: PaginateOptions<Deployment>,
  ): Promise<Deployment[]>;
  /**
   * Every environment of a repository, in GitHub's order: each page's `environments`, in one array.
   *
   * @param method - `client.getAllEnvironments`.
   * @param params - the repository, optionally `per_page`.
   * @param options - `maxPages` bound, `onPage` progress, `signal` to cancel.
   * @returns the environments of all pages, in one array.
   * @throws {ValidationError | HttpError | NetworkError | TimeoutError | AbortError | DecodeError}
   * @example
   * ```ts
   * const names = (await github.paginate(github.getAllEnvironments, { owner, repo, per_page: 100 }))
   *   .map((environment) => environment.name);
   * ```
   */
  paginate(
    method: Client["getAllEnvironments"],
    params: ListAllEnvironmentsParams,
    options?: PaginateOptions<Environment>,
  ): Promise<Environment[]>;
  /**
   * The pages of a list as an async iterable, each fetched only when the loop asks for it; `break`
   * stops all requests, and memory stays flat however long the list is. The first argument names
   * the list as for `paginate`; without it, a deployment's statuses. Each page is an `ApiResponse`
   * whose `data` is the page's items.
   *
   * @param params - where, and optionally `per_page`.
   * @param options - `signal` to cancel.
   * @throws {ValidationError} at once for bad params; other errors reject the loop's `next()`.
   * @example
   * ```ts
   * for await (const { data } of github.iterate({ owner, repo, deployment_id, per_page: 100 })) {
   *   if (data.some((s) => s.state === "failure")) break;
   * }
   * ```
   */
  iterate(params: ListAllParams, options?: CallOptions): AsyncIterableIterator<ApiResponse<DeploymentStatus[]>>;
  /**
   * A deployment's statuses, page by page: the same as `iterate(params, options)`.
   *
   * @param method - `client.listDeploymentStatuses`.
   * @param params - where, and optionally `per_page`.
   * @param options - `signal` to cancel.
   * @throws {ValidationError} at once for bad params; other errors reject the loop's `next()`.
   * @example
   * ```ts
   * for await (const { data } of github.iterate(github.listDeploymentStatuses, { owner, repo, deployment_id })) {
   *   console.log(data.length);
   * }
   * ```
   */
  iterate(
    method: Client["listDeploymentStatuses"],
    params: ListAllParams,
    options?: CallOptions,
  ): AsyncIterableIterator<ApiResponse<DeploymentStatus[]>>;
  /**
   * A repository's deployments, newest first, page by page.
   *
   * @param method - `client.listDeployments`.
   * @param params - the repository, optionally `sha`, `ref`, `task`, `environment` and `per_page`.
   * @param options - `signal` to cancel.
   * @throws {ValidationError} at once for bad params; other errors reject the loop's `next()`.
   * @example
   * ```ts
   * for await (const { data } of github.iterate(github.listDeployments, { owner, repo, per_page: 100 })) {
   *   const old = data.find((d) => d.ref === "v1.0.0");
   *   if (old) break;
   * }
   * ```
   */
  iterate(
    method: Client["listDeployments"],
    params: ListAllDeploymentsParams,
    options?: CallOptions,
  ): AsyncIterableIterator<ApiResponse<Deployment[]>>;
  /**
   * A repository's environments, page by page; each page's `data` is that page's `environments`.
   *
   * @param method - `client.getAllEnvironments`.
   * @param params - the repository, optionally `per_page`.
   * @param options - `signal` to cancel.
   * @throws {ValidationError} at once for bad params; other errors reject the loop's `next()`.
   * @example
   * ```ts
   * for await (const { data } of github.iterate(github.getAllEnvironments, { owner, repo })) {
   *   for (const environment of data) console.log(environment.name);
   * }
   * ```
   */
  iterate(
    method: Client["getAllEnvironments"],
    params: ListAllEnvironmentsParams,
    options?: CallOptions,
  ): AsyncIterableIterator<ApiResponse<Environment[]>>;
  /**
   * Polls the newest 100 statuses with ETags (a 304 costs no rate limit) and calls `onChange`
   * with the first list and then whenever it changes. Resolves when `signal` aborts; rejects with
   * an error retries could not fix (e.g. a 404).
   *
   * @param params - where (`per_page` is always 100).
   * @param options - `onChange` (required), `intervalMs`, `signal` to stop.
   * @example
   * ```ts
   * const stop = new AbortController();
   * await github.watch({ owner, repo, deployment_id }, {
   *   intervalMs: 5000,
   *   signal: stop.signal, // stop.abort() ends the watch; the promise resolves
   *   onChange: ({ data }) => render(data),
   * });
   * ```
   */
  watch(params: ListAllParams, options: WatchOptions): Promise<void>;
  /**
   * Releases the wasm memory of this client at once (otherwise the garbage collector does, later).
   * A call afterwards rejects (`iterate` and `apiVersion` throw) with a `ValidationError` whose
   * `field` is `"client"`: "the client was freed (client.free()); create a new Client". Calling
   * `free()` again does nothing.
   */
  free(): void;
}
