// GET /?owner=octo-org&repo=hello-world&deployment=42  →  that deployment's statuses, newest first.
import { Client } from "github-deployment-status";

// One client per isolate, not per request, so that its ETag cache serves every request the
// isolate handles (an unchanged list is a 304, which costs no rate limit). `env` reaches a
// Worker only through fetch, so the client is made on the first request.
let github;

export default {
  async fetch(request, env) {
    // Workers' fetch sends no User-Agent (GitHub answers 403 without one): the client sends its own.
    github ??= new Client({ baseUrl: env.GITHUB_API_URL, auth: env.GITHUB_TOKEN });
    const query = new URL(request.url).searchParams;
    try {
      const { status, data, rateLimit } = await github.listDeploymentStatuses({
        owner: query.get("owner") ?? "octo-org",
        repo: query.get("repo") ?? "hello-world",
        deployment_id: Number(query.get("deployment") ?? 42),
      });
      // status: 200, or 304 when GitHub said the list is unchanged and the cache answered.
      return Response.json({ status, rateLimit, statuses: data });
    } catch (error) {
      // error.name: ValidationError, HttpError, NetworkError, TimeoutError, AbortError or DecodeError;
      // error.status: the HTTP status, 0 when no answer came.
      return Response.json({ error: error.name, status: error.status, message: error.message }, { status: 502 });
    }
  },
};
