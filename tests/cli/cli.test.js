// The package's command line (`bin`: github-deployment-status → cli.js), run as a child process
// against the mock GitHub with the variables GitHub Actions sets: every command (deploy running
// real commands, cancelled by real signals), help, every exit code, and the token never printed.
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
/** The test seed's main branch, where deployment 42 was made from. */
const MAIN_SHA = "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d";
const RUN_URL = "https://github.example.com/octo-org/hello-world/actions/runs/4242";
const COMMAND_NAMES = ["create", "list", "get", "watch", "wait", "deployments list", "deployments get", "deployments create", "deployments delete", "environments", "deploy"];
const ENV_NAMES = ["GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_API_VERSION", "GITHUB_SHA", "GITHUB_SERVER_URL", "GITHUB_RUN_ID"];

let mock;

/** GitHub Actions' variables, pointing at the mock; nothing else from this process's environment. */
function actionsEnv(extra = {}) {
  return {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: "true",
    GITHUB_REPOSITORY: OWNER_REPO,
    GITHUB_API_URL: mock.url,
    GITHUB_TOKEN: TOKEN,
    GITHUB_SHA: MAIN_SHA,
    GITHUB_SERVER_URL: "https://github.example.com",
    GITHUB_RUN_ID: "4242",
    ...extra,
  };
}

/** Starts the CLI as a child process. `env` replaces actionsEnv() when given. */
function launch(args, { env = actionsEnv(), nodeArgs = [], stdin = "ignore" } = {}) {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  return spawn(process.execPath, [...nodeArgs, CLI, ...args], { env: clean, stdio: [stdin, "pipe", "pipe"] });
}

/** Runs the CLI; resolves to { code, signal, stdout, stderr }. `input` is written to its stdin. */
function cli(args, { input, ...options } = {}) {
  const child = launch(args, { ...options, stdin: input === undefined ? "ignore" : "pipe" });
  child.stdin?.end(input);
  return collect(child);
}

/**
 * Starts the CLI for a test to act on while it runs: `until(test)` resolves with its stdout so
 * far once test(stdout) holds; `done` resolves as cli() does; `stop()` kills what is left.
 */
function running(args, options) {
  const child = launch(args, options);
  const done = collect(child);
  let seen = "";
  const checks = new Set();
  child.stdout.on("data", (d) => {
    seen += d;
    for (const check of checks) check();
  });
  const until = (test) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stdout never matched: ${seen}`)), 10_000);
      const check = () => {
        if (!test(seen)) return;
        checks.delete(check);
        clearTimeout(timer);
        resolve(seen);
      };
      checks.add(check);
      check();
    });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  return { child, done, until, stop };
}

const countLines = (text) => text.split("\n").filter(Boolean).length;

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
/** The JSON bodies of the API requests `method` sent to a path (query aside) ending with `suffix`. */
const sent = async (method, suffix) =>
  (await apiRequests()).filter((r) => r.method === method && r.path.split("?")[0].endsWith(suffix)).map((r) => JSON.parse(r.body));
/** A ref of the test repository, as POST /deployments checks it (see the mock's /_mock/refs). */
const setRef = (ref, fields) => control("POST", "refs", { owner: "octo-org", repo: "hello-world", ref, ...fields });

/** Resolves once the mock has logged an API request that `test` accepts. */
async function requested(test) {
  while (!(await apiRequests()).some(test)) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A command for deploy to run that says it is ready (its handlers in place), then waits to be stopped and says by what. */
const CHILD_WAITS = `for (const name of ["SIGINT", "SIGTERM"]) process.on(name, () => { process.stdout.write("got " + name + "\\n"); process.exit(0); });
process.stdout.write("ready\\n");
setInterval(() => {}, 1000);`;

/** deploy's arguments that run `code` with this node, no shell in between. */
const nodeRuns = (code) => ["--", process.execPath, "-e", code];

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
    for (const command of COMMAND_NAMES) assert.match(stdout, new RegExp(`^  ${command} `, "m"));
    for (const variable of ENV_NAMES) assert.ok(stdout.includes(variable), variable);
    for (const exit of ["0  success", "1  anything else", "2  usage", "3  not found", "4  auth", "5  rate limited", "6  other HTTP", "7  network", "8  no deployment created", "128+N  cancelled"]) {
      assert.ok(stdout.includes(exit), exit);
    }
    assert.equal((await cli(["-h"])).stdout, stdout);
  });

  test("each command has its own help (COMMAND --help, help COMMAND)", async () => {
    const created = ["--ref", "--task", "--description", "--payload", "--required-contexts", "--no-required-contexts", "--auto-merge", "--no-auto-merge", "--transient", "--production"];
    const flags = {
      create: ["--deployment", "--state", "--description", "--log-url", "--environment", "--environment-url", "--auto-inactive"],
      list: ["--deployment", "--per-page", "--all"],
      get: ["--deployment", "--status"],
      watch: ["--deployment", "--interval", "SIGTERM"],
      wait: ["--deployment", "--timeout DURATION", "the longest wait", "--interval DURATION", "SIGTERM"],
      "deployments list": ["--ref", "--sha", "--task", "--environment", "--per-page", "--all"],
      "deployments get": ["--deployment"],
      "deployments create": ["--environment", ...created],
      "deployments delete": ["--deployment", "inactive"],
      environments: ["every page"],
      deploy: ["--environment", "--environment-url", "--log-url", ...created, "-- COMMAND", "SIGTERM", "cancelled by SIGTERM", "inactive"],
    };
    assert.deepEqual(Object.keys(flags), COMMAND_NAMES);
    for (const [command, expected] of Object.entries(flags)) {
      const words = command.split(" ");
      const result = await cli([...words, "--help"]);
      assert.equal(result.code, 0);
      assert.ok(result.stdout.startsWith(`github-deployment-status ${command}: `), result.stdout);
      for (const flag of [...expected, "--repo", "--json", ...ENV_NAMES, "Exit codes"]) assert.ok(result.stdout.includes(flag), `${command}: ${flag}`);
      assert.equal((await cli(["help", ...words])).stdout, result.stdout);
    }
    failed(await cli(["help", "nope"]), 2, /unknown command "nope"/);
    failed(await cli(["help", "deployments", "nope"]), 2, /unknown command "deployments nope" \(deployments commands: list, get, create, delete;/);
  });

  test("a group's help lists its commands (deployments --help, help deployments); the group alone is exit code 2", async () => {
    const result = await cli(["deployments", "--help"]);
    assert.equal(result.code, 0);
    assert.ok(result.stdout.startsWith("github-deployment-status deployments: "), result.stdout);
    for (const command of ["list", "get", "create", "delete"]) assert.match(result.stdout, new RegExp(`^  deployments ${command} `, "m"));
    assert.equal((await cli(["help", "deployments"])).stdout, result.stdout);
    const alone = await cli(["deployments"]);
    assert.equal(alone.code, 2);
    assert.equal(alone.stdout, "");
    assert.ok(alone.stderr.startsWith(result.stdout));
    assert.match(alone.stderr, /\nerror: deployments needs a command/);
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
      const watching = running(["watch", "--deployment", "42", "--interval", "1s", "--json"]);
      try {
        await watching.until((seen) => countLines(seen) >= 3);
        const created = jsonOut(await cli(["create", "--deployment", "42", "--state", "success", "--json"]));
        await watching.until((seen) => countLines(seen) >= 4);
        process.kill(watching.child.pid, signal);
        const result = await watching.done;
        assert.equal(result.code, 0, `exit code after ${signal}; stderr: ${result.stderr}`);
        assert.equal(result.signal, null);
        assert.equal(result.stderr, "");
        const statuses = result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
        assert.deepEqual(statuses.map((s) => s.id), [1, 2, 3, created.id], "oldest first, each once");
      } finally {
        watching.stop();
      }
    });
  }

  test("watch prints human lines without --json, and stops with the API's error", { timeout: 20_000 }, async () => {
    const result = await cli(["watch", "--deployment", "999", "--interval", "1000"]);
    failed(result, 3, /^error: not found: 404/);
    const human = running(["watch", "--deployment", "42", "--interval", "1000"]);
    try {
      await human.until((seen) => countLines(seen) >= 3);
      human.child.kill("SIGTERM");
      const { code, stdout } = await human.done;
      assert.equal(code, 0);
      assert.deepEqual(stdout.trimEnd().split("\n").map((l) => l.split("  ")[0]), ["#1", "#2", "#3"]);
    } finally {
      human.stop();
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

describe("deployments and environments", () => {
  test("deployments list prints one line per deployment, newest first; --json an array; each filter; --per-page; --all", async () => {
    const human = await cli(["deployments", "list"]);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stderr, "");
    const lines = human.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^#43 {2}staging {2}\S+Z {2}ref=topic-branch {2}sha=[0-9a-f]{7} {2}task=deploy:migrations {2}by=octocat$/);
    assert.match(lines[1], /^#42 {2}production {2}\S+Z {2}ref=main {2}sha=a84d88e {2}"Deploy request from hubot" {2}by=octocat$/);

    const ids = async (...args) => jsonOut(await cli(["deployments", "list", "--json", ...args])).map((d) => d.id);
    assert.deepEqual(await ids(), [43, 42]);
    assert.deepEqual(await ids("--environment", "production"), [42]);
    assert.deepEqual(await ids("--ref", "topic-branch"), [43]);
    assert.deepEqual(await ids("--sha", MAIN_SHA), [42]);
    assert.deepEqual(await ids("--task", "deploy:migrations"), [43]);
    assert.deepEqual(await ids("--per-page", "1"), [43]);
    assert.deepEqual(await ids("--environment", "nowhere"), []);
    assert.equal((await cli(["deployments", "list", "--environment", "nowhere"])).stdout, "no deployments\n");

    await control("DELETE", "requests");
    await ids("--ref", "main", "--sha", MAIN_SHA, "--task", "deploy", "--environment", "production");
    const query = (request) => Object.fromEntries(new URL(request.path, mock.url).searchParams);
    assert.deepEqual(query((await apiRequests())[0]), { ref: "main", sha: MAIN_SHA, task: "deploy", environment: "production" });

    await control("DELETE", "requests");
    assert.deepEqual(await ids("--all", "--per-page", "1"), [43, 42]);
    assert.equal((await apiRequests()).length, 2, "two pages of one");
    await control("DELETE", "requests");
    assert.deepEqual(await ids("--all"), [43, 42]);
    assert.equal(query((await apiRequests())[0]).per_page, "100");
  });

  test("deployments get prints one deployment; --json the object; 404 is exit code 3", async () => {
    const human = await cli(["deployments", "get", "--deployment", "43"]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^#43 {2}staging {2}.* {2}task=deploy:migrations {2}by=octocat\n$/);
    const got = jsonOut(await cli(["deployments", "get", "--deployment", "43", "--json"]));
    assert.equal(got.id, 43);
    assert.deepEqual(got.payload, { migrate: true });
    failed(await cli(["deployments", "get", "--deployment", "999"]), 3, /^error: not found: 404 Not Found \(GET http:\S+\/repos\/octo-org\/hello-world\/deployments\/999\)$/);
  });

  test("deployments create sends every option and prints the new deployment", async () => {
    const result = await cli([
      "deployments", "create", "--ref", "topic-branch", "--environment", "qa", "--task", "deploy:migrations",
      "--description", "Deploy request from hubot", "--payload", '{"migrate":true,"steps":[1,2]}',
      "--required-contexts", "ci/build, ci/test", "--no-auto-merge", "--transient", "--production",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /^created #44 {2}qa {2}\S+Z {2}ref=topic-branch {2}sha=[0-9a-f]{7} {2}task=deploy:migrations {2}transient {2}"Deploy request from hubot" {2}by=octocat\n$/);
    assert.deepEqual(await sent("POST", "/deployments"), [{
      ref: "topic-branch",
      environment: "qa",
      task: "deploy:migrations",
      description: "Deploy request from hubot",
      payload: { migrate: true, steps: [1, 2] },
      required_contexts: ["ci/build", "ci/test"],
      auto_merge: false,
      transient_environment: true,
      production_environment: true,
    }]);
  });

  test("deployments create --json; the ref defaults to GITHUB_SHA; only the options given are sent; no required contexts is []", async () => {
    const created = jsonOut(await cli(["deployments", "create", "--json"]));
    assert.equal(created.sha, MAIN_SHA);
    assert.equal(created.environment, "production");
    jsonOut(await cli(["deployments", "create", "--json", "--no-required-contexts", "--auto-merge"]));
    jsonOut(await cli(["deployments", "create", "--json", "--required-contexts", ""]));
    assert.deepEqual(await sent("POST", "/deployments"), [
      { ref: MAIN_SHA },
      { ref: MAIN_SHA, required_contexts: [], auto_merge: true },
      { ref: MAIN_SHA, required_contexts: [] },
    ]);
  });

  test("8: GitHub merged the default branch into the ref instead (202): nothing created, and the next try deploys", async () => {
    await setRef("topic-branch", { behind: true });
    failed(await cli(["deployments", "create", "--ref", "topic-branch"]), 8,
      /^error: no deployment created: GitHub merged the default branch into topic-branch first \(202: Auto-merged main into topic-branch on deployment\.\); run again to deploy the merged ref$/);
    assert.deepEqual(jsonOut(await cli(["deployments", "list", "--json"])).map((d) => d.id), [43, 42]);
    assert.equal(jsonOut(await cli(["deployments", "create", "--ref", "topic-branch", "--json"])).ref, "topic-branch");
  });

  test("6: a 409 names the failing commit status contexts or the merge conflict, and the options that help; 422 an unknown ref", async () => {
    await setRef("topic-branch", { contexts: { "ci/build": "success", "ci/test": "failure" } });
    failed(await cli(["deployments", "create", "--ref", "topic-branch"]), 6,
      /^error: HTTP 409 Conflict: Commit status checks failed for topic-branch: ci\/test is failure \(POST http:\S+\/repos\/octo-org\/hello-world\/deployments\) \(see --required-contexts, --no-required-contexts and --no-auto-merge\)$/);
    assert.equal(jsonOut(await cli(["deployments", "create", "--ref", "topic-branch", "--required-contexts", "ci/build", "--json"])).ref, "topic-branch");
    assert.equal(jsonOut(await cli(["deployments", "create", "--ref", "topic-branch", "--no-required-contexts", "--json"])).ref, "topic-branch");
    await setRef("topic-branch", { behind: true, conflict: true });
    failed(await cli(["deployments", "create", "--ref", "topic-branch", "--no-required-contexts"]), 6,
      /^error: HTTP 409 Conflict merging main into topic-branch\. \(POST \S+\) \(see --required-contexts, --no-required-contexts and --no-auto-merge\)$/);
    assert.equal(jsonOut(await cli(["deployments", "create", "--ref", "topic-branch", "--no-auto-merge", "--no-required-contexts", "--json"])).ref, "topic-branch");
    failed(await cli(["deployments", "create", "--ref", "no-such-branch"]), 6, /^error: HTTP 422 No ref found for: no-such-branch \(POST /);
  });

  test("deployments delete: 422 while active beside another deployment of its environment (with the way out); deleted once inactive", async () => {
    await control("POST", "deployments", { owner: "octo-org", repo: "hello-world", environment: "production" });
    failed(await cli(["deployments", "delete", "--deployment", "42"]), 6,
      /^error: HTTP 422 Validation Failed: We cannot delete an active deployment unless it is the only deployment in a given environment\. \(DELETE \S+\/deployments\/42\) \(while the repository has other deployments, only an inactive one can be deleted: first github-deployment-status create --deployment ID --state inactive\)$/);
    jsonOut(await cli(["create", "--deployment", "42", "--state", "inactive", "--json"]));
    const deleted = await cli(["deployments", "delete", "--deployment", "42"]);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout, "deleted deployment 42\n");
    failed(await cli(["deployments", "get", "--deployment", "42"]), 3);
    const quiet = await cli(["deployments", "delete", "--deployment", "43", "--json"]);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stdout + quiet.stderr, "", "--json: the exit code says it");
    failed(await cli(["deployments", "delete", "--deployment", "43"]), 3);
  });

  test("environments prints every environment, one line each, from every page; --json an array", async () => {
    await control("DELETE", "requests");
    const human = await cli(["environments"]);
    assert.equal(human.code, 0, human.stderr);
    assert.deepEqual(human.stdout.trimEnd().split("\n").map((l) => l.split("  ")[0]), ["production", "staging"]);
    assert.match(human.stdout, /^production {2}#\d+ {2}\S+Z {2}http:\/\/127\.0\.0\.1:\d+\/octo-org\/hello-world\/deployments\/activity_log\?environments_filter=production$/m);
    assert.equal(new URL((await apiRequests())[0].path, mock.url).searchParams.get("per_page"), "100");
    assert.deepEqual(jsonOut(await cli(["environments", "--json"])).map((e) => e.name), ["production", "staging"]);

    // 100 more: two pages, of 100 and 2.
    for (let i = 0; i < 100; i += 1) {
      await control("POST", "deployments", { owner: "octo-org", repo: "hello-world", environment: `pr-${String(i).padStart(3, "0")}` });
    }
    await control("DELETE", "requests");
    assert.equal(jsonOut(await cli(["environments", "--json"])).length, 102);
    assert.equal((await apiRequests()).length, 2);

    await control("POST", "repos", { owner: "octo-org", repo: "empty" });
    assert.equal((await cli(["environments", "--repo", "octo-org/empty"])).stdout, "octo-org/empty has no environments\n");
    assert.deepEqual(jsonOut(await cli(["environments", "--repo", "octo-org/empty", "--json"])), []);
  });

  test("environments names each environment's protection rules by type", async () => {
    await control("POST", "reset", { seed: "demo" });
    const { code, stdout } = await cli(["environments", "--repo", "octo-org/webshop"]);
    assert.equal(code, 0);
    assert.match(stdout, /^production {2}#\d+ {2}\S+ {2}rules=required_reviewers,wait_timer {2}http/m);
    assert.match(stdout, /^staging {2}#\d+ {2}\S+ {2}rules=branch_policy {2}http/m);
  });
});

describe("wait", () => {
  test("0 for success, printing the final status (--json: as a JSON line)", async () => {
    const result = await cli(["wait", "--deployment", "42"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /^#3 {2}success {2}.*\n$/);
    assert.equal(jsonOut(await cli(["wait", "--deployment", "42", "--json"])).id, 3);
  });

  test("1 for failure, error or inactive: the status on stdout, one error line", async () => {
    for (const state of ["failure", "error", "inactive"]) {
      jsonOut(await cli(["create", "--deployment", "43", "--state", state, "--description", `Ended in ${state}`, "--json"]));
      const result = await cli(["wait", "--deployment", "43"]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, new RegExp(`^#\\d+  ${state}  .*\\n$`));
      assert.equal(result.stderr, `error: deployment 43 ended with state ${state}: Ended in ${state}\n`);
    }
  });

  test("prints each new latest status until a final one, polling every --interval", { timeout: 60_000 }, async () => {
    const waiting = running(["wait", "--deployment", "43", "--interval", "1s", "--json"]);
    try {
      await requested((r) => r.method === "GET" && r.path.includes("/deployments/43/statuses"));
      jsonOut(await cli(["create", "--deployment", "43", "--state", "in_progress", "--json"]));
      await waiting.until((seen) => seen.includes('"in_progress"'));
      jsonOut(await cli(["create", "--deployment", "43", "--state", "success", "--json"]));
      const result = await waiting.done;
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).state), ["in_progress", "success"]);
    } finally {
      waiting.stop();
    }
  });

  test("7 when --timeout (a duration, or milliseconds) passes first; 3 for no such deployment", async () => {
    failed(await cli(["wait", "--deployment", "43", "--timeout", "1s"]), 7, /^error: timeout: deployment 43 had no final status within --timeout 1s$/);
    jsonOut(await cli(["create", "--deployment", "43", "--state", "in_progress", "--json"]));
    const timedOut = await cli(["wait", "--deployment", "43", "--timeout", "300"]);
    assert.equal(timedOut.code, 7);
    assert.match(timedOut.stdout, /^#\d+ {2}in_progress {2}/);
    assert.equal(timedOut.stderr, "error: timeout: deployment 43 had no final status within --timeout 300 (latest: in_progress)\n");
    failed(await cli(["wait", "--deployment", "999"]), 3, /^error: not found: 404/);
  });

  test("SIGTERM or SIGINT ends it: 143 or 130", { timeout: 20_000 }, async () => {
    for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]]) {
      await control("DELETE", "requests");
      const waiting = running(["wait", "--deployment", "43"]);
      try {
        await requested((r) => r.method === "GET");
        waiting.child.kill(signal);
        failed(await waiting.done, code, new RegExp(`^error: cancelled by ${signal}$`));
      } finally {
        waiting.stop();
      }
    }
  });
});

describe("deploy", () => {
  test("creates the deployment, posts in_progress with the run's log URL, runs the command with stdio passed through, posts success with the environment URL", async () => {
    const result = await cli(
      ["deploy", "--environment", "staging", "--environment-url", "https://staging.example.com",
        ...nodeRuns("process.stdin.pipe(process.stdout); process.stdin.on('end', () => console.error('to stderr'))")],
      { input: "from stdin\n" },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "from stdin\n", "stdout is the command's alone");
    const lines = result.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 4, result.stderr);
    assert.match(lines[0], new RegExp(`^created deployment #44  staging  \\S+Z  ref=${MAIN_SHA}  sha=a84d88e  by=octocat$`));
    assert.match(lines[1], /^posted #5 {2}in_progress {2}\S+ {2}env=staging {2}log=\S+$/);
    assert.ok(lines[1].endsWith(`log=${RUN_URL}`), lines[1]);
    assert.equal(lines[2], "to stderr");
    assert.match(lines[3], /^posted #6 {2}success {2}\S+ {2}env=staging {2}log=\S+ {2}url=https:\/\/staging\.example\.com$/);
    assert.deepEqual(await sent("POST", "/deployments"), [{ ref: MAIN_SHA, environment: "staging" }]);
    assert.deepEqual(await sent("POST", "/deployments/44/statuses"), [
      { state: "in_progress", log_url: RUN_URL },
      { state: "success", log_url: RUN_URL, environment_url: "https://staging.example.com" },
    ]);
  });

  test("exits with the command's code: 3 posts failure (no environment URL); killed by a signal, failure and 128+N", async () => {
    const failing = await cli(["deploy", "--environment", "staging", "--environment-url", "https://staging.example.com", ...nodeRuns("process.exit(3)")]);
    assert.equal(failing.code, 3, failing.stderr);
    assert.match(failing.stderr, /^posted #\d+ {2}failure {2}.*"the command exited with code 3"/m);
    const killed = await cli(["deploy", "--environment", "staging", ...nodeRuns("process.kill(process.pid, 'SIGKILL')")]);
    assert.equal(killed.code, 137, killed.stderr);
    assert.deepEqual(await sent("POST", "/statuses"), [
      { state: "in_progress", log_url: RUN_URL },
      { state: "failure", log_url: RUN_URL, description: "the command exited with code 3" },
      { state: "in_progress", log_url: RUN_URL },
      { state: "failure", log_url: RUN_URL, description: "the command was killed by SIGKILL" },
    ]);
  });

  test("a command that cannot start posts error: 127 when it is not found, 126 when it cannot be run", async () => {
    const missing = await cli(["deploy", "--environment", "staging", "--", "./no-such-command"]);
    assert.equal(missing.code, 127, missing.stderr);
    assert.match(missing.stderr, /^error: could not start "\.\/no-such-command": ENOENT$/m);
    const directory = await cli(["deploy", "--environment", "staging", "--", fileURLToPath(new URL(".", import.meta.url))]);
    assert.equal(directory.code, 126, directory.stderr);
    assert.match(directory.stderr, /^error: could not start ".+": EACCES$/m);
    assert.deepEqual((await sent("POST", "/statuses")).map((b) => [b.state, b.description]), [
      ["in_progress", undefined],
      ["error", "the command could not start (ENOENT)"],
      ["in_progress", undefined],
      ["error", "the command could not start (EACCES)"],
    ]);
  });

  for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]]) {
    test(`${signal} is passed on to the command; error "cancelled by ${signal}" is posted; exit ${code}`, { timeout: 20_000 }, async () => {
      const deploying = running(["deploy", "--environment", "staging", ...nodeRuns(CHILD_WAITS)]);
      try {
        await deploying.until((seen) => seen.includes("ready\n"));
        deploying.child.kill(signal);
        const result = await deploying.done;
        assert.equal(result.code, code, result.stderr);
        assert.equal(result.signal, null);
        assert.equal(result.stdout, `ready\ngot ${signal}\n`, "the command heard it");
        assert.match(result.stderr, new RegExp(`^posted #\\d+  error  .*"cancelled by ${signal}"`, "m"));
        assert.deepEqual(await sent("POST", "/statuses"), [
          { state: "in_progress", log_url: RUN_URL },
          { state: "error", log_url: RUN_URL, description: `cancelled by ${signal}` },
        ]);
      } finally {
        deploying.stop();
      }
    });
  }

  test("a cancel before the command starts posts error and runs nothing", { timeout: 20_000 }, async () => {
    await fault({ operation: "createDeploymentStatus", delay_ms: 30_000 });
    const deploying = running(["deploy", "--environment", "staging", ...nodeRuns("console.log('ran')")]);
    try {
      await requested((r) => r.method === "POST" && r.path.endsWith("/statuses"));
      deploying.child.kill("SIGTERM");
      const result = await deploying.done;
      assert.equal(result.code, 143, result.stderr);
      assert.equal(result.stdout, "");
      assert.match(result.stderr, /^warning: the in_progress status of deployment 44 was not posted: /m);
      assert.match(result.stderr, /^posted #\d+ {2}error {2}.*"cancelled by SIGTERM before the command started"/m);
    } finally {
      deploying.stop();
    }
  });

  test("without GITHUB_SERVER_URL or GITHUB_RUN_ID no log URL is sent, --log-url sets one; the deployment's options are sent", async () => {
    const plain = await cli(
      ["deploy", "--environment", "review", "--ref", "topic-branch", "--task", "deploy:app", "--description", "Review app", "--transient",
        "--no-required-contexts", "--no-auto-merge", "--payload", '{"pr":7}', ...nodeRuns("")],
      { env: actionsEnv({ GITHUB_RUN_ID: undefined }) },
    );
    assert.equal(plain.code, 0, plain.stderr);
    const logged = await cli(["deploy", "--environment", "review", "--log-url", "https://ci.example.com/runs/9", ...nodeRuns("")], { env: actionsEnv({ GITHUB_SERVER_URL: undefined }) });
    assert.equal(logged.code, 0, logged.stderr);
    assert.deepEqual(await sent("POST", "/deployments"), [
      {
        ref: "topic-branch", environment: "review", task: "deploy:app", description: "Review app", payload: { pr: 7 },
        required_contexts: [], auto_merge: false, transient_environment: true,
      },
      { ref: MAIN_SHA, environment: "review" },
    ]);
    assert.deepEqual((await sent("POST", "/statuses")).map((b) => b.log_url), [undefined, undefined, "https://ci.example.com/runs/9", "https://ci.example.com/runs/9"]);
  });

  test("--json: its own lines are JSON objects on stderr (the deployment, then each status); stdout stays the command's", async () => {
    const result = await cli(["deploy", "--environment", "staging", "--json", ...nodeRuns("console.log('deployed')")]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "deployed\n");
    const [deployment, inProgress, success, ...rest] = result.stderr.trimEnd().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual([deployment.id, deployment.sha, inProgress.state, success.state, rest.length], [44, MAIN_SHA, "in_progress", "success", 0]);
  });

  test("8 on GitHub's 202 and 6 on a 409: the command does not run and no status is posted", async () => {
    await setRef("topic-branch", { behind: true });
    failed(await cli(["deploy", "--environment", "staging", "--ref", "topic-branch", ...nodeRuns("console.log('ran')")]), 8,
      /^error: no deployment created: GitHub merged the default branch into topic-branch first/);
    await setRef("topic-branch", { contexts: { "ci/test": "pending" } });
    failed(await cli(["deploy", "--environment", "staging", "--ref", "topic-branch", ...nodeRuns("console.log('ran')")]), 6,
      /^error: HTTP 409 Conflict: Commit status checks failed for topic-branch: ci\/test is pending /);
    assert.deepEqual(await sent("POST", "/statuses"), []);
  });

  test("a status that cannot be posted is a warning on stderr; the exit code stays the command's", async () => {
    const spam = JSON.stringify({ message: "Validation Failed", errors: [{ resource: "DeploymentStatus", code: "custom", message: "This endpoint has been spammed." }] });
    await fault({ operation: "createDeploymentStatus", status: 422, body: spam, times: 2 });
    const failing = await cli(["deploy", "--environment", "staging", ...nodeRuns("process.exit(4)")]);
    assert.equal(failing.code, 4, failing.stderr);
    assert.deepEqual(failing.stderr.split("\n").filter((l) => l.startsWith("warning: ")).map((l) => l.replace(/ \(POST \S+\)$/, "")), [
      "warning: the in_progress status of deployment 44 was not posted: HTTP 422 Validation Failed: This endpoint has been spammed.",
      "warning: the failure status of deployment 44 was not posted: HTTP 422 Validation Failed: This endpoint has been spammed.",
    ]);
    await fault({ operation: "createDeploymentStatus", status: 422, body: spam, times: 2 });
    const succeeding = await cli(["deploy", "--environment", "staging", ...nodeRuns("")]);
    assert.equal(succeeding.code, 0, succeeding.stderr);
    assert.match(succeeding.stderr, /^warning: the success status of deployment 45 was not posted: HTTP 422 /m);
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
    assert.deepEqual(Object.keys(COMMANDS), COMMAND_NAMES);
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

    // deploy's command writes to the streams given (piped, as they have no file descriptor);
    // the caller's abort counts as SIGTERM: passed on to the command, error posted, 143.
    const output = capture();
    const reports = capture();
    const cancel = new AbortController();
    const deploying = main(["deploy", "--environment", "staging", "--", process.execPath, "-e", CHILD_WAITS], {
      env: actionsEnv(), stdout: output, stderr: reports, signal: cancel.signal,
    });
    while (!output.text.includes("ready")) await new Promise((resolve) => setTimeout(resolve, 20));
    cancel.abort();
    assert.equal(await deploying, 143, reports.text);
    assert.equal(output.text, "ready\ngot SIGTERM\n");
    assert.match(reports.text, /^posted #\d+ {2}error {2}.*"cancelled by SIGTERM"/m);
    assert.deepEqual(hooks.map((name) => process.listenerCount(name)), before);

    // Aborted already: nothing is created, nothing runs.
    await control("DELETE", "requests");
    const early = capture();
    assert.equal(await main(["deploy", "--environment", "staging", "--", process.execPath, "-e", "console.log('ran')"], {
      env: actionsEnv(), stdout: early, stderr: early, signal: AbortSignal.abort(),
    }), 143);
    assert.equal(early.text, "error: cancelled by SIGTERM\n");
    assert.deepEqual((await apiRequests()).filter((r) => r.method === "POST"), []);
  });
});

describe("exit codes", () => {
  test("2: usage errors, caught before anything is sent", async () => {
    await control("DELETE", "requests");
    const cases = [
      [["nope"], /unknown command "nope" \(commands: create, list, get, watch, wait, deployments, environments, deploy;/],
      [["deployments", "nope"], /unknown command "deployments nope"/],
      [["list", "--deployment", "42", "--", "x"], /unexpected "--": list runs no command/],
      [["list", "--deployment", "42", "--timeout", "soon"], /--timeout must be a whole number of milliseconds or a duration such as 90s, 5m or 1h, got "soon"/],
      [["wait", "--deployment", "42", "--timeout", "5 m"], /--timeout must be a whole number of milliseconds or a duration/],
      [["wait", "--deployment", "42", "--interval", "1.5s"], /--interval must be a whole number of milliseconds or a duration/],
      [["wait"], /--deployment is required/],
      [["deployments", "get"], /--deployment is required/],
      [["deployments", "delete", "--deployment", "x"], /--deployment must be a whole number/],
      [["deployments", "list", "--per-page", "many"], /--per-page must be a whole number/],
      [["deployments", "create", "--auto-merge", "--no-auto-merge"], /--auto-merge and --no-auto-merge contradict each other/],
      [["deployments", "create", "--required-contexts", "ci", "--no-required-contexts"], /--required-contexts and --no-required-contexts contradict each other/],
      [["deployments", "create", "--payload", "{migrate}"], /--payload must be JSON/],
      [["deployments", "create", "--production=yes"], /option --production takes no value/],
      [["environments", "production"], /unexpected argument "production"/],
      [["deploy", "--environment", "staging"], /deploy needs the command to run after --/],
      [["deploy", "--environment", "staging", "./deploy.sh"], /unexpected argument "\.\/deploy\.sh" \(the command to run goes after --/],
      [["deploy", "--", "true"], /--environment is required/],
      [["deploy", "--environment", "staging", "--environment-url", "staging.example.com", "--", "true"], /--environment-url must be an absolute http\(s\) URL, got "staging\.example\.com"/],
      [["deploy", "--environment", "staging", "--log-url", "ftp://logs", "--", "true"], /--log-url must be an absolute http\(s\) URL/],
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
    const noSha = actionsEnv({ GITHUB_SHA: undefined });
    failed(await cli(["deployments", "create"], { env: noSha }), 2, /--ref is required \(its default, GITHUB_SHA, is not set\)/);
    failed(await cli(["deploy", "--environment", "staging", "--", "true"], { env: noSha }), 2, /--ref is required/);
    failed(await cli(["deploy", "--environment", "staging", "--", "true"], { env: actionsEnv({ GITHUB_SERVER_URL: "github.example.com" }) }), 2, /GITHUB_SERVER_URL must be an absolute http\(s\) URL/);
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
    failed(await cli(["deployments", "list", "--per-page", "101"]), 2, /^error: --per-page: /);
    failed(await cli(["deployments", "get", "--deployment", "0"]), 2, /^error: --deployment: /);
    failed(await cli(["wait", "--deployment", "0"]), 2, /^error: --deployment: /);
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

  test("130 or 143: SIGINT or SIGTERM cancels any command's requests, in one error line", { timeout: 20_000 }, async () => {
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]]) {
      await control("DELETE", "requests");
      await fault({ method: "GET", delay_ms: 30_000 });
      const listing = running(["list", "--deployment", "42"]);
      try {
        await requested((r) => r.method === "GET");
        listing.child.kill(signal);
        failed(await listing.done, code, new RegExp(`^error: cancelled by ${signal}$`));
      } finally {
        listing.stop();
      }
    }
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
      ["deploy", "--help"],
      ["deployments", "create", "--ref", token],
      ["deployments", "create", "--description", token, "--json"],
      ["deployments", "delete", "--deployment", "42", "--repo", token],
      ["deploy", "--environment", "staging", "--description", token, "--", process.execPath, "-e", ""],
      ["deploy", "--environment", "staging", "--json", "--log-url", `https://ci.example.com/${token}`, "--", process.execPath, "-e", ""],
      ["deploy", "--environment", "staging", "--", `./${token}`],
      ["wait", "--deployment", token],
      ["environments", "--json"],
      ["deployments", "list", "--ref", token],
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
    assert.equal(jsonOut(await cli(["deployments", "create", "--description", token, "--json"], { env })).description, "***");
    const deployed = await cli(["deploy", "--environment", "staging", "--description", token, "--", process.execPath, "-e", ""], { env });
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.match(deployed.stderr, /^created deployment #\d+ .* "\*\*\*"/m);
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
