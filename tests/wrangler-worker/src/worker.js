// GET /?owner=octo-org&repo=hello-world&deployment=42  →  that deployment's statuses, newest first.
import { Client } from "github-deployment-status";

export default {
  async fetch(request, env) {
    const query = new URL(request.url).searchParams;
    // Workers' fetch sends no User-Agent (GitHub answers 403 without one): the client sends its own.
    const github = new Client({ baseUrl: env.GITHUB_API_URL, auth: env.GITHUB_TOKEN });
    try {
      const { status, data, rateLimit } = await github.listDeploymentStatuses({
        owner: query.get("owner") ?? "octo-org",
        repo: query.get("repo") ?? "hello-world",
        deployment_id: Number(query.get("deployment") ?? 42),
      });
      return Response.json({ status, rateLimit, statuses: data });
    } catch (error) {
      // error.name: ValidationError, HttpError, NetworkError, TimeoutError, AbortError or DecodeError.
      return Response.json({ error: error.name, status: error.status ?? null, message: error.message }, { status: 502 });
    } finally {
      github.free();
    }
  },
};
