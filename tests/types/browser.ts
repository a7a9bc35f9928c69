// A browser dashboard (e.g. built by Vite). Compiled by `tsc -p tests/types/tsconfig.browser.json`.
import {
  Client,
  type AbortError,
  type ApiResponse,
  type ClientOptions,
  type Deployment,
  type DeploymentState,
  type DeploymentStatus,
  type DeploymentStatusError,
  type ListAllParams,
  type NetworkError,
  type PageProgress,
  type PaginateOptions,
  type TimeoutError,
  type WatchOptions,
} from "github-deployment-status";

const query = new URLSearchParams(location.search);
const options: ClientOptions = {
  baseUrl: query.get("api") ?? "https://api.github.com",
  apiVersion: "2026-03-10",
  cache: { maxEntries: 16 },
  maxRateLimitWaitMs: 0,
};
const github = new Client(options);
const where: ListAllParams = { owner: "octo-org", repo: "hello-world", deployment_id: Number(query.get("deployment")), per_page: 100 };

const badge: Record<DeploymentState, string> = {
  error: "❌", failure: "❌", inactive: "💤", in_progress: "⏳", queued: "🕒", pending: "🕒", success: "✅",
};

function render(statuses: DeploymentStatus[]): void {
  const list = document.querySelector<HTMLOListElement>("#statuses");
  if (!list) return;
  list.replaceChildren(
    ...statuses.map((s) => {
      const item = document.createElement("li");
      item.textContent = `${badge[s.state]} ${s.description} (${new Date(s.created_at).toLocaleString()})`;
      if (s.log_url) item.append(Object.assign(document.createElement("a"), { href: s.log_url, textContent: "logs" }));
      return item;
    }),
  );
}

const progress = document.querySelector("progress");
const paginateOptions: PaginateOptions = {
  maxPages: 20,
  onPage: ({ page, totalPages, items }: PageProgress) => {
    if (progress) progress.value = page / (totalPages ?? page);
    document.title = `${items} statuses`;
  },
};

function explain(caught: unknown): string {
  const error = caught as DeploymentStatusError;
  if (error.name === "NetworkError") {
    const e: NetworkError = error;
    return `offline, or blocked by CORS/CSP: ${e.cause}`;
  }
  if (error.name === "TimeoutError" || error.name === "AbortError") {
    const e: TimeoutError | AbortError = error;
    return `${e.name} (${e.status})`;
  }
  return error.message;
}

/** The environment's deployments, every page, with the same progress bar. */
export async function deploymentsOf(environment: string, signal: AbortSignal): Promise<Deployment[]> {
  return github.paginate(github.listDeployments, { owner: "octo-org", repo: "hello-world", environment, per_page: 100 }, {
    signal,
    onPage: ({ page, totalPages, data }: PageProgress<Deployment>) => {
      if (progress) progress.value = page / (totalPages ?? page);
      document.title = `${data[0]?.environment ?? environment}: page ${page}`;
    },
  });
}

export async function load(): Promise<void> {
  const stop = new AbortController();
  document.querySelector("#stop")?.addEventListener("click", () => stop.abort());
  try {
    render(await github.paginate(where, { ...paginateOptions, signal: stop.signal }));
    for await (const page of github.iterate(where, { signal: stop.signal })) {
      const response: ApiResponse<DeploymentStatus[]> = page;
      if (response.status === 304 || response.data.length < 100) break;
    }
    const watchOptions: WatchOptions = { intervalMs: 5000, signal: stop.signal, onChange: ({ data }) => render(data) };
    await github.watch(where, watchOptions);
  } catch (error) {
    document.body.dataset["error"] = explain(error);
  } finally {
    github.free();
  }
}

// @ts-expect-error: onPage gets a PageProgress, not a number
void github.paginate(where, { onPage: (n: number) => n });
// @ts-expect-error: a state the badge table does not know is a type error
badge.deployed = "?";
