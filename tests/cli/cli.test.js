// The package's command line (`bin`: github-deployment-status → cli.js), run as a child process
// against the mock GitHub with the variables GitHub Actions sets: every command, help, every exit
// code, and the token never printed.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { startMock } from "../js/mock-process.js";

const PKG_DIR = fileURLToPath(new URL("../node_modules/github-deployment-status/", import.meta.url));
const PKG = JSON.parse(readFileSync(`${PKG_DIR}package.json`, "utf8"));
const CLI = `${PKG_DIR}${PKG.bin?.["github-deployment-status"] ?? "cli.js"}`;
const TOKEN = "ghp_mock_valid_token";
const OWNER_REPO = "octo-org/hello-world";

let mock;

/** GitHub Actions' variables, pointing at the mock; nothing else from this process's environment. */
function actionsEnv(extra = {}) {
  return {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: "true",
    GITHUB_REPOSITORY: OWNER_REPO,
    GITHUB_API_URL: mock.url,
    GITHUB_TOKEN: TOKEN,
    ...extra,
  };
}

/** Runs the CLI; resolves to { code, signal, stdout, stderr }. `env` replaces actionsEnv() when given. */
function cli(args, { env = actionsEnv(), nodeArgs = [] } = {}) {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], { env: clean, stdio: ["ignore", "pipe", "pipe"] });
  return collect(child);
}

function collect(child) {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const control = (method, path, body) =>
  fetch(`${mock.url}/_mock/${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  }).then(async (r) => {
    assert.ok(r.ok, `mock control ${method} ${path}: ${r.status}`);
    return r.json();
  });
const fault = (spec) => control("POST", "faults", spec);
const apiRequests = async () => (await control("GET", "requests")).filter((r) => r.method !== "OPTIONS");

/** Asserts a failure: the exit code, one "error: " line on stderr, nothing on stdout, no stack trace. */
function failed(result, code, pattern) {
  assert.equal(result.code, code, `exit code; stderr: ${result.stderr}`);
  assert.equal(result.stdout, "");
  const lines = result.stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, 1, `one line on stderr: ${result.stderr}`);
  assert.match(lines[0], /^error: /);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
  if (pattern) assert.match(lines[0], pattern);
  return lines[0];
}

const jsonOut = (result) => {
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, "");
  return JSON.parse(result.stdout);
};

/** A TCP port nothing listens on (bound and released a moment ago). */
function refusedPort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

before(async () => {
  mock = await startMock(["--seed", "test"]);
});

after(async () => {
  await mock?.stop();
});

beforeEach(async () => {
  await control("POST", "reset", { seed: "test" });
});

describe("package bin", () => {
  test("package.json names cli.js as the github-deployment-status command, ships it, and it is executable", () => {
    assert.deepEqual(PKG.bin, { "github-deployment-status": "./cli.js" });
    assert.ok(PKG.files.includes("cli.js"));
    assert.ok(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n"));
    accessSync(CLI, constants.X_OK);
  });
});

describe("help and version", () => {
  test("--help lists the commands, the environment and every exit code", async () => {
    const { code, stdout, stderr } = await cli(["--help"]);
    assert.equal(code, 0);
    assert.equal(stderr, "");
    for (const command of ["create", "list", "get", "watch"]) assert.match(stdout, new RegExp(`^  ${command} `, "m"));
    for (const variable of ["GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL"]) assert.ok(stdout.includes(variable), variable);
    for (const exit of ["0  success", "1  anything else", "2  usage", "3  not found", "4  auth", "5  rate limited", "6  other HTTP", "7  network"]) {
      assert.ok(stdout.includes(exit), exit);
    }
    assert.equal((await cli(["-h"])).stdout, stdout);
  });

  test("each command has its own help (COMMAND --help, help COMMAND)", async () => {
    const flags = {
      create: ["--state", "--description", "--log-url", "--environment", "--environment-url", "--auto-inactive"],
      list: ["--per-page", "--all"],
      get: ["--status"],
      watch: ["--interval", "SIGTERM"],
    };
    for (const [command, expected] of Object.entries(flags)) {
      const result = await cli([command, "--help"]);
      assert.equal(result.code, 0);
      assert.ok(result.stdout.startsWith(`github-deployment-status ${command}: `), result.stdout);
      for (const flag of [...expected, "--deployment", "--repo", "--json", "Exit codes"]) assert.ok(result.stdout.includes(flag), `${command}: ${flag}`);
      assert.equal((await cli(["help", command])).stdout, result.stdout);
    }
    failed(await cli(["help", "deploy"]), 2, /unknown command "deploy"/);
  });

  test("--version prints the package's version", async () => {
    for (const flag of ["--version", "-v"]) {
      const { code, stdout } = await cli([flag]);
      assert.equal(code, 0);
      assert.equal(stdout, `${PKG.version}\n`);
    }
  });

  test("no command: the help on stderr and exit code 2", async () => {
    const { code, stdout, stderr } = await cli([]);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, /Usage: github-deployment-status COMMAND/);
    assert.match(stderr, /\nerror: no command given/);
  });
});

describe("commands, with GitHub Actions' variables as defaults", () => {
  test("create sends every option and prints the new status", async () => {
    const result = await cli([
      "create", "--deployment", "42", "--state", "success", "--description", "Deployed 🚀",
      "--log-url", "https://ci.example.com/runs/7", "--environment", "production",
      "--environment-url", "https://example.com", "--auto-inactive", "false",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /^created #\d+ {2}success {2}\S+ {2}env=production {2}"Deployed 🚀" {2}log=https:\/\/ci\.example\.com\/runs\/7 {2}url=https:\/\/example\.com\n$/);

    const [post] = (await apiRequests()).filter((r) => r.method === "POST");
    assert.equal(post.path, "/repos/octo-org/hello-world/deployments/42/statuses", "GITHUB_REPOSITORY and GITHUB_API_URL used");
    assert.equal(post.headers.authorization, `Bearer ${TOKEN}`, "GITHUB_TOKEN used");
    assert.match(post.headers["user-agent"], /^github-deployment-status\//);
    assert.deepEqual(JSON.parse(post.body), {
      state: "success",
      description: "Deployed 🚀",
      log_url: "https://ci.example.com/runs/7",
      environment: "production",
      environment_url: "https://example.com",
      auto_inactive: false,
    });
  });

  test("create --json prints the status object; optional fields are only sent when given", async () => {
    const created = jsonOut(await cli(["create", "--deployment", "43", "--state", "in_progress", "--json"]));
    assert.equal(created.state, "in_progress");
    assert.equal(created.creator.login, "octocat");
    assert.ok(created.url.endsWith(`/deployments/43/statuses/${created.id}`));
    const [post] = (await apiRequests()).filter((r) => r.method === "POST");
    assert.deepEqual(JSON.parse(post.body), { state: "in_progress" });
  });

  test("list prints one line per status, newest first; --json an array; --per-page", async () => {
    const human = await cli(["list", "--deployment", "42"]);
    assert.equal(human.code, 0, human.stderr);
    const lines = human.stdout.trimEnd().split("\n");
    assert.deepEqual(lines.map((l) => l.split("  ").slice(0, 2).join(" ")), ["#3 success", "#2 in_progress", "#1 queued"]);

    const all = jsonOut(await cli(["list", "--deployment", "42", "--json"]));
    assert.deepEqual(all.map((s) => s.id), [3, 2, 1]);
    const two = jsonOut(await cli(["list", "--deployment", "42", "--json", "--per-page", "2"]));
    assert.deepEqual(two.map((s) => s.id), [3, 2]);

    const empty = await cli(["list", "--deployment", "43"]);
    assert.equal(empty.stdout, "deployment 43 has no statuses\n");
    assert.deepEqual(jsonOut(await cli(["list", "--deployment", "43", "--json"])), []);
  });

  test("list --all follows every page", async () => {
    await control("DELETE", "requests");
    const all = jsonOut(await cli(["list", "--deployment", "42", "--all", "--per-page", "1", "--json"]));
    assert.deepEqual(all.map((s) => s.id), [3, 2, 1]);
    const gets = (await apiRequests()).filter((r) => r.method === "GET");
    assert.equal(gets.length, 3, "three pages of one");
  });

  test("get prints one status", async () => {
    const human = await cli(["get", "--deployment", "42", "--status", "2"]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^#2 {2}in_progress {2}/);
    assert.equal(human.stdout.split("\n").length, 2);
    const got = jsonOut(await cli(["get", "--deployment", "42", "--status", "2", "--json"]));
    assert.equal(got.id, 2);
    assert.equal(got.state, "in_progress");
  });

  for (const signal of ["SIGTERM", "SIGINT"]) {
    test(`watch prints existing then new statuses as JSON lines until ${signal}, then exits 0`, { timeout: 20_000 }, async () => {
      const child = spawn(process.execPath, [CLI, "watch", "--deployment", "42", "--interval", "1000", "--json"], {
        env: actionsEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      const done = collect(child);
      let seen = "";
      let waiter = null;
      const count = () => seen.split("\n").filter(Boolean).length;
      child.stdout.on("data", (d) => {
        seen += d;
        if (waiter && count() >= waiter.n) waiter.resolve();
      });
      const lines = (n) =>
        new Promise((resolve, reject) => {
          if (count() >= n) return resolve();
          const timer = setTimeout(() => reject(new Error(`fewer than ${n} lines: ${seen}`)), 10_000);
          waiter = { n, resolve: () => (clearTimeout(timer), (waiter = null), resolve()) };
        });
      try {
        await lines(3);
        const created = jsonOut(await cli(["create", "--deployment", "42", "--state", "success", "--json"]));
        await lines(4);
        process.kill(child.pid, signal);
        const result = await done;
        assert.equal(result.code, 0, `exit code after ${signal}; stderr: ${result.stderr}`);
        assert.equal(result.signal, null);
        assert.equal(result.stderr, "");
        const statuses = result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
        assert.deepEqual(statuses.map((s) => s.id), [1, 2, 3, created.id], "oldest first, each once");
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    });
  }

  test("watch prints human lines without --json, and stops with the API's error", { timeout: 20_000 }, async () => {
    const result = await cli(["watch", "--deployment", "999", "--interval", "1000"]);
    failed(result, 3, /^error: not found: 404/);
    const human = spawn(process.execPath, [CLI, "watch", "--deployment", "42", "--interval", "1000"], { env: actionsEnv(), stdio: ["ignore", "pipe", "pipe"] });
    const done = collect(human);
    try {
      await new Promise((resolve) => human.stdout.once("data", resolve));
      await new Promise((resolve) => setTimeout(resolve, 300));
      human.kill("SIGTERM");
      const { code, stdout } = await done;
      assert.equal(code, 0);
      assert.deepEqual(stdout.trimEnd().split("\n").map((l) => l.split("  ")[0]), ["#1", "#2", "#3"]);
    } finally {
      if (human.exitCode === null && human.signalCode === null) human.kill("SIGKILL");
    }
  });

  test("--repo and --base-url override the Actions variables; a GHES base URL works", async () => {
    await control("DELETE", "requests");
    const env = actionsEnv({ GITHUB_REPOSITORY: "someone/else", GITHUB_API_URL: "http://127.0.0.1:1" });
    const list = jsonOut(await cli(["list", "--deployment", "42", "--json", "--repo", OWNER_REPO, "--base-url", `${mock.url}/api/v3`], { env }));
    assert.equal(list.length, 3);
    const [get] = await apiRequests();
    assert.equal(get.path, "/api/v3/repos/octo-org/hello-world/deployments/42/statuses");

    // GITHUB_API_URL alone, as GitHub Actions sets it on GitHub Enterprise Server.
    const ghes = jsonOut(await cli(["get", "--deployment", "42", "--status", "1", "--json"], { env: actionsEnv({ GITHUB_API_URL: `${mock.url}/api/v3` }) }));
    assert.ok(ghes.url.startsWith(`${mock.url}/api/v3/`));
  });

  test("without GITHUB_TOKEN public reads work and nothing is sent as a token; --token-env names another variable", async () => {
    await control("DELETE", "requests");
    const list = jsonOut(await cli(["list", "--deployment", "42", "--json"], { env: actionsEnv({ GITHUB_TOKEN: undefined }) }));
    assert.equal(list.length, 3);
    assert.equal((await apiRequests())[0].headers.authorization, undefined);

    const secret = await cli(["--repo", "octo-org/secret-repo", "list", "--deployment", "7", "--token-env", "DEPLOY_TOKEN"], {
      env: actionsEnv({ GITHUB_TOKEN: undefined, DEPLOY_TOKEN: "ghp_mock_second_token" }),
    });
    assert.equal(secret.code, 0, secret.stderr);
    assert.match(secret.stdout, /^#\d+ {2}success/);
  });
});

describe("--api-version and GITHUB_API_VERSION", () => {
  /** The X-GitHub-Api-Version of the one API request a CLI run made (undefined when none was sent). */
  async function versionSent(args, extraEnv = {}) {
    await control("DELETE", "requests");
    const result = await cli(["list", "--deployment", "42", "--json", ...args], { env: actionsEnv(extraEnv) });
    assert.equal(result.code, 0, result.stderr);
    const requests = await apiRequests();
    assert.equal(requests.length, 1);
    return requests[0].headers["x-github-api-version"];
  }

  test("the client's default, else the option, else the variable; the option wins", async () => {
    assert.equal(await versionSent([]), "2026-03-10");
    assert.equal(await versionSent(["--api-version", "2022-11-28"]), "2022-11-28");
    assert.equal(await versionSent([], { GITHUB_API_VERSION: "2022-11-28" }), "2022-11-28");
    assert.equal(await versionSent(["--api-version=2026-03-10"], { GITHUB_API_VERSION: "2022-11-28" }), "2026-03-10");
  });

  test('"none" or "" sends no version header, from the option or the variable', async () => {
    assert.equal(await versionSent(["--api-version", "none"]), undefined);
    assert.equal(await versionSent(["--api-version="]), undefined);
    assert.equal(await versionSent([], { GITHUB_API_VERSION: "none" }), undefined);
    assert.equal(await versionSent([], { GITHUB_API_VERSION: "" }), undefined);
    assert.equal(await versionSent(["--api-version", "2022-11-28"], { GITHUB_API_VERSION: "none" }), "2022-11-28");
  });

  test("a version GitHub does not serve falls back to 2022-11-28 once; a malformed one is named by where it came from (exit 2)", async () => {
    await control("DELETE", "requests");
    const listed = await cli(["list", "--deployment", "42", "--api-version", "1999-01-01"]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual((await apiRequests()).map((r) => r.headers["x-github-api-version"]), ["1999-01-01", "2022-11-28"]);
    await control("DELETE", "requests");
    failed(await cli(["list", "--deployment", "42", "--api-version", "2022-11-28\nX-Evil: 1"]), 2, /^error: --api-version: apiVersion /);
    failed(await cli(["list", "--deployment", "42"], { env: actionsEnv({ GITHUB_API_VERSION: "2022-11-28\r\n" }) }), 2, /^error: GITHUB_API_VERSION: apiVersion /);
    assert.deepEqual(await apiRequests(), [], "nothing reached the API");
  });

  test("the help documents both", async () => {
    const { stdout } = await cli(["list", "--help"]);
    assert.match(stdout, /--api-version V /);
    assert.match(stdout, /GITHUB_API_VERSION +default for --api-version/);
  });
});

describe("imported, not run", () => {
  test("importing cli.js installs no process hooks; main() runs a command in this process and resolves to its exit code", async () => {
    const hooks = ["SIGINT", "SIGTERM", "uncaughtException", "unhandledRejection"];
    const before = hooks.map((name) => process.listenerCount(name));
    const { main, COMMANDS, EXIT } = await import(CLI);
    assert.deepEqual(hooks.map((name) => process.listenerCount(name)), before, "no listeners added by the import");
    assert.deepEqual(Object.keys(COMMANDS), ["create", "list", "get", "watch"]);
    for (const command of Object.values(COMMANDS)) {
      assert.equal(typeof command.run, "function");
      assert.equal(typeof command.help, "string");
      assert.equal(typeof command.options, "object");
    }

    const capture = () => ({ text: "", write(chunk) { this.text += chunk; return true; } });
    const stdout = capture();
    const stderr = capture();
    await control("DELETE", "requests");
    const code = await main(["list", "--deployment", "42", "--json", "--api-version", "2022-11-28"], { env: actionsEnv(), stdout, stderr });
    assert.equal(code, EXIT.ok, stderr.text);
    assert.equal(stderr.text, "");
    assert.deepEqual(JSON.parse(stdout.text).map((s) => s.id), [3, 2, 1]);
    assert.equal((await apiRequests())[0].headers["x-github-api-version"], "2022-11-28");

    const missing = capture();
    assert.equal(await main(["get", "--deployment", "42", "--status", "999"], { env: actionsEnv(), stdout: capture(), stderr: missing }), EXIT.notFound);
    assert.match(missing.text, /^error: not found: 404 /);

    // watch ends with 0 when the caller's signal aborts; no SIGINT/SIGTERM listener is left behind.
    const stop = new AbortController();
    const lines = capture();
    const watching = main(["watch", "--deployment", "42", "--interval", "1000", "--json"], { env: actionsEnv(), stdout: lines, stderr: capture(), signal: stop.signal });
    while (lines.text.split("\n").filter(Boolean).length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    assert.equal(await watching, EXIT.ok);
    assert.deepEqual(lines.text.trimEnd().split("\n").map((l) => JSON.parse(l).id), [1, 2, 3]);
    assert.deepEqual(hooks.map((name) => process.listenerCount(name)), before);
  });
});

describe("exit codes", () => {
  test("2: usage errors, caught before anything is sent", async () => {
    await control("DELETE", "requests");
    const cases = [
      [["deploy"], /unknown command "deploy"/],
      [["list"], /--deployment is required/],
      [["list", "--deployment"], /--deployment needs a value/],
      [["list", "--deployment", "abc"], /--deployment must be a whole number, got "abc"/],
      [["list", "--deployment", "42", "--state", "success"], /unknown option --state for list/],
      [["list", "--deployment", "42", "extra"], /unexpected argument "extra"/],
      [["get", "--deployment", "42"], /--status is required/],
      [["create", "--deployment", "42"], /--state is required/],
      [["create", "--deployment", "42", "--state", "success", "--auto-inactive", "yes"], /--auto-inactive must be true or false/],
      [["list", "--deployment", "42", "--repo", "hello-world"], /--repo must be OWNER\/REPO/],
      [["watch", "--deployment", "42", "--interval", "soon"], /--interval must be a whole number/],
      [["list", "--deployment", "42", "--token-env", "NOT_SET_ANYWHERE"], /NOT_SET_ANYWHERE: that environment variable is not set/],
    ];
    for (const [args, pattern] of cases) failed(await cli(args), 2, pattern);
    failed(await cli(["list", "--deployment", "42"], { env: actionsEnv({ GITHUB_REPOSITORY: undefined }) }), 2, /no repository: pass --repo OWNER\/REPO or set GITHUB_REPOSITORY/);
    assert.deepEqual(await apiRequests(), [], "nothing reached the API");
  });

  test("2: the library's ValidationError, named by the option the user typed", async () => {
    await control("DELETE", "requests");
    failed(await cli(["create", "--deployment", "42", "--state", "done"]), 2, /^error: --state: state must be one of error, failure, inactive, in_progress, queued, pending, success$/);
    failed(await cli(["create", "--deployment", "42", "--state", "success", "--description", "x".repeat(141)]), 2, /^error: --description: /);
    failed(await cli(["create", "--deployment", "42", "--state", "success", "--log-url", "ci/7"]), 2, /^error: --log-url: /);
    failed(await cli(["list", "--deployment", "0"]), 2, /^error: --deployment: /);
    failed(await cli(["list", "--deployment", "42", "--per-page", "101"]), 2, /^error: --per-page: /);
    failed(await cli(["list", "--deployment", "42", "--base-url", "api.github.com"]), 2, /^error: --base-url: /);
    assert.deepEqual(await apiRequests(), [], "nothing reached the API");
  });

  test("3: not found (404)", async () => {
    failed(await cli(["get", "--deployment", "42", "--status", "999"]), 3, /^error: not found: 404 Not Found \(GET http:\/\/127\.0\.0\.1:\d+\/repos\/octo-org\/hello-world\/deployments\/42\/statuses\/999\)$/);
    failed(await cli(["list", "--deployment", "999"]), 3);
    failed(await cli(["--repo", "octo-org/secret-repo", "list", "--deployment", "7"], { env: actionsEnv({ GITHUB_TOKEN: undefined }) }), 3, /needs a token: set GITHUB_TOKEN/);
  });

  test("4: authentication (401) and permission (403 that is not a rate limit)", async () => {
    failed(await cli(["create", "--deployment", "42", "--state", "success"], { env: actionsEnv({ GITHUB_TOKEN: undefined }) }), 4, /^error: unauthorized: 401 .*\(no token: set GITHUB_TOKEN\)$/);
    failed(await cli(["create", "--deployment", "42", "--state", "success"], { env: actionsEnv({ GITHUB_TOKEN: "ghp_not_a_real_token" }) }), 4, /^error: unauthorized: 401 Bad credentials/);
    await fault({ method: "POST", status: 403, body: JSON.stringify({ message: "Resource not accessible by integration" }) });
    failed(await cli(["create", "--deployment", "42", "--state", "success"]), 4, /^error: forbidden: 403 Resource not accessible by integration/);
  });

  test("5: rate limited (429, and a 403 with no requests remaining), when waiting would take too long", async () => {
    await fault({ method: "GET", status: 429, times: 10, headers: { "retry-after": "3600" } });
    failed(await cli(["list", "--deployment", "42"]), 5, /^error: rate limited: 429 .*retry after 3600 s/);
    await control("DELETE", "faults");
    const reset = Math.floor(Date.now() / 1000) + 3600;
    await fault({
      method: "GET",
      status: 403,
      times: 10,
      body: JSON.stringify({ message: "API rate limit exceeded for 127.0.0.1." }),
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset), "x-ratelimit-used": "60", "x-ratelimit-limit": "60" },
    });
    failed(await cli(["get", "--deployment", "42", "--status", "1"]), 5, new RegExp(`resets at ${new Date(reset * 1000).toISOString().replace(/\./g, "\\.")}`));
  });

  test("6: other HTTP errors (500 after retries, 422 with GitHub's errors) and answers that are not GitHub's", async () => {
    await fault({ method: "GET", status: 500, times: 10 });
    failed(await cli(["list", "--deployment", "42"]), 6, /^error: HTTP 500 Server Error \(GET /);
    await control("DELETE", "faults");
    await fault({
      method: "POST",
      status: 422,
      body: JSON.stringify({ message: "Validation Failed", errors: [{ resource: "DeploymentStatus", code: "custom", message: "This endpoint has been spammed." }] }),
    });
    failed(await cli(["create", "--deployment", "42", "--state", "success"]), 6, /^error: HTTP 422 Validation Failed: This endpoint has been spammed\. \(POST /);
    await fault({ method: "GET", body: "<html>captive portal</html>", content_type: "text/html" });
    failed(await cli(["list", "--deployment", "42"]), 6, /^error: unexpected answer from the API: /);
  });

  test("7: network errors and timeouts", async () => {
    const port = await refusedPort();
    failed(await cli(["list", "--deployment", "42", "--base-url", `http://127.0.0.1:${port}`]), 7, /^error: network error/);
    failed(await cli(["create", "--deployment", "42", "--state", "success", "--base-url", `http://127.0.0.1:${port}`]), 7, /^error: network error/);
    await fault({ method: "GET", delay_ms: 5000, times: 10 });
    failed(await cli(["list", "--deployment", "42", "--timeout", "200"]), 7, /^error: timeout/);
  });

  test("1: anything else, still one line and no stack trace", async () => {
    // A runtime that cannot instantiate WebAssembly: not a usage, HTTP or network failure.
    const breakWasm = "data:text/javascript,WebAssembly.Instance=function(){throw new Error('no wasm here')}";
    failed(await cli(["list", "--deployment", "42"], { nodeArgs: ["--import", breakWasm] }), 1, /^error: no wasm here$/);
  });
});

describe("the token is never printed", () => {
  test("not on stdout or stderr, whatever happens", async () => {
    const token = "ghp_mock_valid_token";
    const env = actionsEnv({ GITHUB_TOKEN: token });
    const runs = [
      ["list", "--deployment", "42", "--json"],
      ["create", "--deployment", "42", "--state", "success", "--json"],
      ["get", "--deployment", "42", "--status", "999"],
      ["list", "--deployment", "42", "--base-url", "http://127.0.0.1:1"],
      ["list", "--deployment", "42", "--repo", token],
      ["list", "--deployment", token],
      ["list", "--deployment", "42", token],
      ["list", "--deployment", "42", "--token", token],
      [`--token=${token}`, "list", "--deployment", "42"],
      ["--help"],
    ];
    const bad = "ghp_wrong_but_secret_0123456789";
    await fault({ method: "GET", status: 500, times: 10 });
    runs.push(["list", "--deployment", "42"]);
    for (const args of runs) {
      const { stdout, stderr } = await cli(args, { env });
      assert.ok(!stdout.includes(token) && !stderr.includes(token), `${args.join(" ")}: ${stdout}${stderr}`);
    }
    const refused = await cli(["create", "--deployment", "42", "--state", "success"], { env: actionsEnv({ GITHUB_TOKEN: bad }) });
    assert.equal(refused.code, 4);
    assert.ok(!refused.stderr.includes(bad) && !refused.stdout.includes(bad));
    const redacted = await cli(["list", "--deployment", "42", "--repo", token], { env });
    failed(redacted, 2, /--repo must be OWNER\/REPO, got "\*\*\*"/);
    failed(await cli(["list", "--deployment", "42", "--token", token], { env }), 2, /there is no --token option/);
    const other = "ghp_mock_second_token";
    const otherEnv = actionsEnv({ GITHUB_TOKEN: undefined, DEPLOY_TOKEN: other });
    for (const args of [["list", "--deployment", "42", other, "--token-env", "DEPLOY_TOKEN"], ["--token-env=DEPLOY_TOKEN", "list", "--deployment", other]]) {
      const { code, stdout, stderr } = await cli(args, { env: otherEnv });
      assert.equal(code, 2);
      assert.ok(!stdout.includes(other) && !stderr.includes(other), `${stdout}${stderr}`);
    }
  });
});
