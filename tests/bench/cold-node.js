// One cold start in a fresh process: import, construct, first answer; prints ms since process start.
const [name, url] = process.argv.slice(2);
const where = { owner: "octocat", repo: "example", deployment_id: 42 };
if (name === "ours") {
  const { Client } = await import("github-deployment-status");
  await new Client({ baseUrl: url, auth: "ghp_bench" }).getDeploymentStatus({ ...where, status_id: 1 });
} else if (name === "octokit") {
  const { Octokit } = await import("@octokit/core");
  await new Octokit({ baseUrl: url, auth: "ghp_bench" }).request(
    "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}",
    { ...where, status_id: 1 },
  );
} else {
  const response = await fetch(`${url}/repos/octocat/example/deployments/42/statuses/1`, { headers: { "user-agent": "bench" } });
  JSON.parse(await response.text());
}
console.log(performance.now().toFixed(1));
