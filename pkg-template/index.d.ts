// Types of the `github-deployment-status` package: the Client, its params and results, and its errors.

/** The state of a deployment status. */
export type DeploymentState =
  | "error"
  | "failure"
  | "inactive"
  | "in_progress"
  | "queued"
  | "pending"
  | "success";

/** A GitHub user (`simple-user` in GitHub's OpenAPI description). */
export interface SimpleUser {
  name?: string | null;
  email?: string | null;
  login: string;
  /** int64; exact in JS up to 2^53-1. */
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string | null;
  url: string;
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
  type: string;
  site_admin: boolean;
  starred_at?: string;
  user_view_type?: string;
}

/** An enterprise account (`enterprise`). */
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

/** A GitHub App (`integration`). */
export interface Integration {
  id: number;
  slug?: string;
  node_id: string;
  client_id?: string;
  owner: SimpleUser | Enterprise;
  name: string;
  description: string | null;
  external_url: string;
  html_url: string;
  created_at: string;
  updated_at: string;
  permissions: { [permission: string]: string };
  events: string[];
  installations_count?: number;
}

/** A deployment status as GitHub returns it (`deployment-status`). Unknown extra fields are kept. */
export interface DeploymentStatus {
  url: string;
  /** int64; exact in JS up to 2^53-1. */
  id: number;
  node_id: string;
  state: DeploymentState;
  creator: SimpleUser | null;
  /** At most 140 characters. */
  description: string;
  environment?: string;
  /** Deprecated alias of `log_url`. */
  target_url: string;
  created_at: string;
  updated_at: string;
  deployment_url: string;
  repository_url: string;
  environment_url?: string;
  log_url?: string;
  performed_via_github_app?: Integration | null;
}

/** Options of `new Client(options)`. */
export interface ClientOptions {
  /** Token, sent as `Authorization: Bearer <token>`. GETs of public repositories work without. */
  auth?: string;
  /** API root. Default `"https://api.github.com"`; GitHub Enterprise Server: `"https://HOST/api/v3"`. */
  baseUrl?: string;
  /** `X-GitHub-Api-Version`. Default `"2026-03-10"`; `null` omits the header. */
  apiVersion?: string | null;
  /** User-Agent sent outside browsers (browsers always send their own). Default `"github-deployment-status/<version>"`. */
  userAgent?: string;
  /** Per-attempt timeout in milliseconds, 1 to 2147483647. Default 30000. */
  timeoutMs?: number;
  /**
   * Retries after a failed attempt, 0 to 10. Default 2. GETs retry network errors, timeouts,
   * 500/502/503/504 and rate limits with exponential backoff and jitter. A POST is repeated only
   * when GitHub did not act (rate limits), or after a read of the newest statuses shows that an
   * ambiguous attempt (5xx, reset, timeout) did not create the status.
   */
  retries?: number;
  /** Longest wait for a rate limit (`retry-after`, or `x-ratelimit-reset` when none remain) before failing. Default 60000. */
  maxRateLimitWaitMs?: number;
  /** ETag cache: GETs send `If-None-Match` and a 304 resolves with the cached data. Default on, 64 URLs; `false` turns it off. */
  cache?: boolean | { maxEntries: number };
}

/** Where a deployment's statuses live. */
export interface DeploymentParams {
  /** Account owning the repository. */
  owner: string;
  /** Repository name, without `.git`. */
  repo: string;
  /** A positive safe integer. */
  deployment_id: number;
}

/** Params of `createDeploymentStatus`, named as GitHub and octokit name them. */
export interface CreateDeploymentStatusParams extends DeploymentParams {
  state: DeploymentState;
  /** Deprecated by GitHub in favour of `log_url`. Absolute http(s) URL. */
  target_url?: string;
  /** URL of the deployment's logs; GitHub also sets `target_url` to it. Absolute http(s) URL. */
  log_url?: string;
  /** At most 140 characters. */
  description?: string;
  /** Environment name, e.g. `"production"`. */
  environment?: string;
  /** URL of the deployed environment. Absolute http(s) URL. */
  environment_url?: string;
  /** Whether GitHub marks earlier deployments of the environment inactive. GitHub's default: true; sent only when set. */
  auto_inactive?: boolean;
}

/** Params of `listDeploymentStatuses`. */
export interface ListDeploymentStatusesParams extends DeploymentParams {
  /** 1 to 100; GitHub's default is 30. */
  per_page?: number;
  /** From 1. */
  page?: number;
}

/** Params of `getDeploymentStatus`. */
export interface GetDeploymentStatusParams extends DeploymentParams {
  /** A positive safe integer. */
  status_id: number;
}

/** Options every call takes. */
export interface CallOptions {
  /** Aborting it rejects the call with `AbortError`, also during a backoff or rate-limit wait. */
  signal?: AbortSignal;
}

/** Params of `paginate`, `iterate` and `watch`: a listing without `page`. */
export interface ListAllParams extends DeploymentParams {
  /** 1 to 100; GitHub's default is 30. */
  per_page?: number;
}

/** What `onPage` is told after each page. */
export interface PageProgress {
  /** Pages fetched so far. */
  page: number;
  /** Total pages when GitHub's `Link: rel="last"` says, else `null` until the last page. */
  totalPages: number | null;
  /** Statuses fetched so far. */
  items: number;
  /** This page's statuses. */
  data: DeploymentStatus[];
}

/** Options of `paginate`. */
export interface PaginateOptions extends CallOptions {
  /** Stop after this many pages. */
  maxPages?: number;
  /** Called after each page, e.g. to draw a progress bar. */
  onPage?: (progress: PageProgress) => void;
}

/** Options of `watch`. */
export interface WatchOptions extends CallOptions {
  /** Milliseconds between polls (GitHub's `X-Poll-Interval` can ask for more). Default 10000. */
  intervalMs?: number;
  /** Called with the first list and then only when the list changed. */
  onChange: (response: ApiResponse<DeploymentStatus[]>) => void;
}

/** GitHub's `x-ratelimit-*` headers. */
export interface RateLimit {
  limit: number;
  remaining: number;
  used: number;
  /** Seconds since the Unix epoch when the window resets. */
  reset: number;
  resource: string | null;
}

/** What every call resolves to. */
export interface ApiResponse<T> {
  /** 200, 201, or 304 when the ETag cache answered (the data is then the cached data). */
  status: number;
  url: string;
  /** Lower-case names. */
  headers: { [name: string]: string };
  data: T;
  /** `null` when GitHub sent no rate-limit headers. */
  rateLimit: RateLimit | null;
}

/** Bad input caught before anything was sent. */
export interface ValidationError extends Error {
  name: "ValidationError";
  /** The parameter or option at fault, as you spelled it. */
  field: string;
}

/** One entry of GitHub's `errors` array (422). */
export interface GitHubFieldError {
  resource?: string;
  field?: string;
  message?: string;
  code: string;
  [extra: string]: unknown;
}

/** GitHub answered with a non-2xx status. */
export interface HttpError extends Error {
  name: "HttpError";
  status: number;
  /** GitHub's message. */
  message: string;
  documentationUrl: string | null;
  errors: GitHubFieldError[];
  /** What was sent; `authorization` is redacted. */
  request: { method: "GET" | "POST"; url: string; headers: { [name: string]: string } };
  response: { status: number; url: string; headers: { [name: string]: string }; data: unknown };
  rateLimit: RateLimit | null;
}

/** No response: DNS, refused connection, CORS, reset. */
export interface NetworkError extends Error {
  name: "NetworkError";
  status: 0;
  /** What the runtime said. */
  cause: string;
}

/** An attempt took longer than `timeoutMs`. */
export interface TimeoutError extends Error {
  name: "TimeoutError";
  status: 0;
}

/** The caller's signal aborted. */
export interface AbortError extends Error {
  name: "AbortError";
  status: 0;
}

/** A 2xx body that is not what GitHub's spec says. */
export interface DecodeError extends Error {
  name: "DecodeError";
  status: number;
}

/** Every error a call rejects with; branch on `name`. */
export type DeploymentStatusError =
  | ValidationError
  | HttpError
  | NetworkError
  | TimeoutError
  | AbortError
  | DecodeError;

/** A client for GitHub's deployment statuses API. */
export class Client {
  /**
   * Creates a client.
   * @throws {ValidationError} for a bad option (e.g. a token with a line break, a relative `baseUrl`).
   */
  constructor(options?: ClientOptions);
  /** Creates a deployment status: `POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses`. */
  createDeploymentStatus(
    params: CreateDeploymentStatusParams,
    options?: CallOptions,
  ): Promise<ApiResponse<DeploymentStatus>>;
  /** Lists a deployment's statuses, newest first: `GET .../statuses?per_page=&page=`. */
  listDeploymentStatuses(
    params: ListDeploymentStatusesParams,
    options?: CallOptions,
  ): Promise<ApiResponse<DeploymentStatus[]>>;
  /** Gets one deployment status: `GET .../statuses/{status_id}`. */
  getDeploymentStatus(
    params: GetDeploymentStatusParams,
    options?: CallOptions,
  ): Promise<ApiResponse<DeploymentStatus>>;
  /**
   * Every status of a deployment, newest first, following `Link: rel="next"` (never to another
   * origin than `baseUrl`; a `Link` loop rejects with `DecodeError`).
   */
  paginate(params: ListAllParams, options?: PaginateOptions): Promise<DeploymentStatus[]>;
  /** The pages as an async iterable, fetched only as the loop asks; `break` stops all requests. */
  iterate(params: ListAllParams, options?: CallOptions): AsyncIterableIterator<ApiResponse<DeploymentStatus[]>>;
  /**
   * Polls the newest 100 statuses with ETags (a 304 costs no rate limit) and calls `onChange`
   * when they change. Resolves when `signal` aborts; rejects with an error retries could not fix.
   */
  watch(params: ListAllParams, options: WatchOptions): Promise<void>;
  /** Releases the wasm memory of this client; it cannot be used afterwards. */
  free(): void;
}
