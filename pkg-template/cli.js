#!/usr/bin/env node
// The `github-deployment-status` command: create, list, get and watch deployment statuses, list,
// create and delete deployments, list environments, wait for a deployment, and run a deploy
// command with its deployment and statuses around it, from a pipeline. The token comes from the
// environment only (GITHUB_TOKEN, or the variable --token-env names) and is never printed. Exit
// codes are in EXIT_HELP below and in the package's README.
//
// Run as a program, it installs its process hooks (uncaught errors, a closed stdout; SIGINT and
// SIGTERM while a command runs) and exits with main()'s code. Imported, it does nothing until
// `main(argv, io)` is called, which writes only to the streams it is given and resolves to the
// exit code.
import { spawn } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const NAME = "github-deployment-status";

/** What a pipeline can branch on. */
export const EXIT = {
  ok: 0,
  other: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  rateLimited: 5,
  http: 6,
  network: 7,
  merged: 8,
};

/** What `deploy` exits with when its command cannot be run: not found, or found but not runnable (as shells do). */
const COMMAND_NOT_FOUND = 127;
const COMMAND_NOT_RUNNABLE = 126;

const STATES = "error, failure, inactive, in_progress, queued, pending, success";

/** Signals that cancel a command (watch: end it normally) while it runs as a program. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"];

const GLOBAL_HELP = `Global options:
  --repo OWNER/REPO     repository (default: $GITHUB_REPOSITORY)
  --base-url URL        API root (default: $GITHUB_API_URL, else https://api.github.com;
                        GitHub Enterprise Server: https://HOST/api/v3)
  --api-version V       X-GitHub-Api-Version header (default: $GITHUB_API_VERSION, else
                        2026-03-10); "none" or "" sends none (the server's default).
                        A server that does not serve it is asked again with 2022-11-28
  --token-env NAME      read the token from $NAME instead of $GITHUB_TOKEN
  --timeout DURATION    per-request timeout (default 30s; wait: the whole wait instead).
                        A DURATION is milliseconds (1500) or a number with ms, s, m or h
  --json                machine output: JSON (watch, wait: one JSON object per line)
  -h, --help            help (for a command: ${NAME} COMMAND --help)
  -v, --version         print the version`;

const ENV_HELP = `Environment:
  GITHUB_TOKEN          token sent as "Authorization: Bearer ..." (never printed; there is
                        no --token option). Public repositories can be read without one.
  GITHUB_REPOSITORY     default for --repo (set by GitHub Actions)
  GITHUB_API_URL        default for --base-url (set by GitHub Actions, also on GHES)
  GITHUB_API_VERSION    default for --api-version ("none" or "" sends no version header)
  GITHUB_SHA            default for --ref of deploy and deployments create (the commit the
                        run checked out; set by GitHub Actions)
  GITHUB_SERVER_URL, GITHUB_RUN_ID
                        deploy's default --log-url: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/
                        actions/runs/$GITHUB_RUN_ID (set by GitHub Actions)`;

const EXIT_HELP = `Exit codes:
  0  success
  1  anything else (an unexpected failure); wait: the deployment ended failure, error
     or inactive
  2  usage or validation error (bad option or value, caught before anything is sent)
  3  not found (HTTP 404: no such repository, deployment or status, or no access to it)
  4  authentication or permission (HTTP 401, or a 403 that is not a rate limit)
  5  rate limited (HTTP 429, or a 403 rate-limit answer, still limited after waiting)
  6  other HTTP error (e.g. 409, 422, 500), or an answer that is not what GitHub's API returns
  7  network error or timeout (no answer)
  8  no deployment created: GitHub merged the default branch into the ref first (202)
  128+N  cancelled by signal N (130: SIGINT, 143: SIGTERM); watch ends with 0 instead
deploy, once its command has run, exits with the command's code (126 or 127: it could not
be started). Errors are one line on stderr, starting with "error: ".`;

/** Options of a new deployment: `deployments create` and `deploy`. */
const DEPLOYMENT_OPTIONS = {
  ref: { type: "string" },
  environment: { type: "string" },
  task: { type: "string" },
  description: { type: "string" },
  payload: { type: "string" },
  "required-contexts": { type: "string" },
  "no-required-contexts": { type: "boolean" },
  "auto-merge": { type: "boolean" },
  "no-auto-merge": { type: "boolean" },
  transient: { type: "boolean" },
  production: { type: "boolean" },
};

const DEPLOYMENT_HELP = `  --ref REF                 branch, tag or SHA to deploy (default: $GITHUB_SHA)
  --task TASK               e.g. deploy:migrations (GitHub's default: deploy)
  --description TEXT        the deployment's description
  --payload JSON            extra information for the deployment system, as JSON
  --required-contexts A,B   the commit status contexts that must be success (default: every
                            one); "" or --no-required-contexts: no check at all
  --auto-merge, --no-auto-merge
                            merge the default branch into REF first when it is behind
                            (GitHub's default: on; GitHub then creates no deployment: exit 8)
  --transient               the environment goes away at some point (e.g. a preview)
  --production              the environment is one end users use (GitHub's default: only
                            for an environment named production)`;

/** The hint for a 409 answer to a new deployment. */
const CONFLICT_HINT = "see --required-contexts, --no-required-contexts and --no-auto-merge";

/** Command groups (`deployments list`): their one-line summaries. */
const GROUPS = {
  deployments: "list, get, create and delete deployments",
};

/**
 * Every command: its options (as node:util's parseArgs takes them), its help, `run`, which is
 * given the client, `where` (owner, repo, and deployment_id when it takes --deployment), the
 * parsed `values`, the cancel, the output functions and the environment, and may resolve to an
 * exit code; `hints` add advice to an HTTP error by status; `runsCommand` takes `-- COMMAND`.
 */
export const COMMANDS = {
  create: {
    summary: "create a deployment status",
    usage: `${NAME} create --deployment ID --state STATE [options]`,
    options: {
      deployment: { type: "string" },
      state: { type: "string" },
      description: { type: "string" },
      "log-url": { type: "string" },
      environment: { type: "string" },
      "environment-url": { type: "string" },
      "auto-inactive": { type: "string" },
    },
    help: `  --deployment ID           deployment id (required)
  --state STATE             one of ${STATES} (required)
  --description TEXT        at most 140 characters
  --log-url URL             the run's logs (GitHub also sets target_url to it)
  --environment NAME        e.g. production
  --environment-url URL     where the deployment can be seen
  --auto-inactive true|false  mark earlier deployments of the environment inactive
                            (GitHub's default: true)
Prints the created status (--json: the status object).`,
    async run({ client, where, values, cancel, print }) {
      const params = {
        ...where,
        state: required(values, "state"),
        ...given(values, { description: "description", log_url: "log-url", environment: "environment", environment_url: "environment-url" }),
      };
      const autoInactive = boolean(values, "auto-inactive");
      if (autoInactive !== undefined) params.auto_inactive = autoInactive;
      const { data } = await client.createDeploymentStatus(params, { signal: cancel.signal });
      print.one(data, describeStatus, "created ");
    },
  },
  list: {
    summary: "list a deployment's statuses, newest first",
    usage: `${NAME} list --deployment ID [--per-page N] [--all]`,
    options: {
      deployment: { type: "string" },
      "per-page": { type: "string" },
      all: { type: "boolean" },
    },
    help: `  --deployment ID           deployment id (required)
  --per-page N              1 to 100 (GitHub's default 30; with --all, 100)
  --all                     every page, following GitHub's Link headers
Prints one line per status (--json: a JSON array).`,
    async run({ client, where, values, cancel, print }) {
      const data = await listed(client, client.listDeploymentStatuses, where, values, cancel.signal);
      print.all(data, describeStatus, `deployment ${where.deployment_id} has no statuses`);
    },
  },
  get: {
    summary: "get one deployment status",
    usage: `${NAME} get --deployment ID --status ID`,
    options: {
      deployment: { type: "string" },
      status: { type: "string" },
    },
    help: `  --deployment ID           deployment id (required)
  --status ID               status id (required)
Prints the status (--json: the status object).`,
    async run({ client, where, values, cancel, print }) {
      const status_id = integer(values, "status");
      const { data } = await client.getDeploymentStatus({ ...where, status_id }, { signal: cancel.signal });
      print.one(data, describeStatus);
    },
  },
  watch: {
    summary: "print a deployment's statuses as they appear, until SIGINT or SIGTERM",
    usage: `${NAME} watch --deployment ID [--interval DURATION]`,
    options: {
      deployment: { type: "string" },
      interval: { type: "string" },
    },
    help: `  --deployment ID           deployment id (required)
  --interval DURATION       time between polls (default 10s, at least 1s; GitHub's
                            X-Poll-Interval can ask for more). Polls use ETags: an
                            unchanged answer costs no rate limit.
Prints the existing statuses oldest first, then each new one as it appears (--json: one
JSON object per line). SIGINT or SIGTERM stops it with exit code 0.`,
    async run({ client, where, values, cancel, print }) {
      const intervalMs = duration(values, "interval");
      const seen = new Set();
      // Stopping (the cancel) is the normal end of a watch: client.watch then resolves.
      await client.watch(where, {
        signal: cancel.signal,
        ...(intervalMs === undefined ? {} : { intervalMs }),
        onChange: ({ data }) => {
          // Newest first from GitHub; print what is new, oldest first.
          for (const status of [...data].reverse()) {
            if (seen.has(status.id)) continue;
            seen.add(status.id);
            print.one(status, describeStatus);
          }
        },
      });
    },
  },
  wait: {
    summary: "wait for a deployment's final status; exit 0 for success, 1 for any other",
    usage: `${NAME} wait --deployment ID [--timeout DURATION] [--interval DURATION]`,
    options: {
      deployment: { type: "string" },
      timeout: { type: "string" },
      interval: { type: "string" },
    },
    help: `  --deployment ID           deployment id (required)
  --timeout DURATION        the longest wait, e.g. 90s, 10m, 1h (default: no limit);
                            passed, it ends with exit code 7
  --interval DURATION       time between polls (default 5s, at least 1s; GitHub's
                            X-Poll-Interval can ask for more). Polls use ETags.
Prints each new latest status as it sees it (--json: one JSON object per line) until one
is final: success (exit 0), or failure, error or inactive (exit 1). SIGINT or SIGTERM
ends it with 130 or 143.`,
    async run({ client, where, values, cancel, print }) {
      const timeoutMs = duration(values, "timeout");
      const intervalMs = duration(values, "interval");
      const shown = new Map();
      const show = (status) => {
        if (shown.has(status.id)) return;
        shown.set(status.id, status.state);
        print.one(status, describeStatus);
      };
      const started = Date.now();
      let final;
      try {
        final = await client.waitForDeployment(where, {
          signal: cancel.signal,
          onStatus: show,
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
          ...(intervalMs === undefined ? {} : { intervalMs }),
        });
      } catch (error) {
        // The whole wait's deadline, rather than one request's.
        if (error?.name === "TimeoutError" && timeoutMs !== undefined && Date.now() - started >= timeoutMs) {
          const latest = [...shown.values()].pop();
          throw new CliError(EXIT.network, `timeout: deployment ${where.deployment_id} had no final status within --timeout ${values.timeout}${latest ? ` (latest: ${latest})` : ""}`);
        }
        throw error;
      }
      show(final);
      if (final.state !== "success") {
        throw new CliError(EXIT.other, `deployment ${where.deployment_id} ended with state ${final.state}${final.description ? `: ${final.description}` : ""}`);
      }
    },
  },
  "deployments list": {
    summary: "list deployments, newest first",
    usage: `${NAME} deployments list [--ref REF] [--sha SHA] [--task TASK] [--environment NAME] [--per-page N] [--all]`,
    options: {
      ref: { type: "string" },
      sha: { type: "string" },
      task: { type: "string" },
      environment: { type: "string" },
      "per-page": { type: "string" },
      all: { type: "boolean" },
    },
    help: `  --ref REF                 only deployments of this branch, tag or SHA
  --sha SHA                 only deployments of this commit
  --task TASK               only deployments of this task
  --environment NAME        only deployments to this environment
  --per-page N              1 to 100 (GitHub's default 30; with --all, 100)
  --all                     every page, following GitHub's Link headers
Prints one line per deployment (--json: a JSON array).`,
    async run({ client, where, values, cancel, print }) {
      const params = { ...where, ...given(values, { ref: "ref", sha: "sha", task: "task", environment: "environment" }) };
      const data = await listed(client, client.listDeployments, params, values, cancel.signal);
      print.all(data, describeDeployment, "no deployments");
    },
  },
  "deployments get": {
    summary: "get one deployment",
    usage: `${NAME} deployments get --deployment ID`,
    options: {
      deployment: { type: "string" },
    },
    help: `  --deployment ID           deployment id (required)
Prints the deployment (--json: the deployment object).`,
    async run({ client, where, cancel, print }) {
      const { data } = await client.getDeployment(where, { signal: cancel.signal });
      print.one(data, describeDeployment);
    },
  },
  "deployments create": {
    summary: "create a deployment",
    usage: `${NAME} deployments create --ref REF [--environment NAME] [options]`,
    options: DEPLOYMENT_OPTIONS,
    help: `  --environment NAME        e.g. staging (GitHub's default: production)
${DEPLOYMENT_HELP}
Prints the created deployment (--json: the deployment object).`,
    hints: { 409: CONFLICT_HINT },
    async run({ client, where, values, env, cancel, print }) {
      const deployment = await newDeployment(client, { ...where, ...deploymentParams(values, env) }, cancel.signal);
      print.one(deployment, describeDeployment, "created ");
    },
  },
  "deployments delete": {
    summary: "delete a deployment (an inactive one, unless it is the only one)",
    usage: `${NAME} deployments delete --deployment ID`,
    options: {
      deployment: { type: "string" },
    },
    help: `  --deployment ID           deployment id (required)
While a repository has other deployments, GitHub deletes only an inactive one (HTTP 422
otherwise): post an inactive status first. Prints one line (--json: nothing).`,
    hints: { 422: `while the repository has other deployments, only an inactive one can be deleted: first ${NAME} create --deployment ID --state inactive` },
    async run({ client, where, cancel, print }) {
      await client.deleteDeployment(where, { signal: cancel.signal });
      if (!print.json) print.line(`deleted deployment ${where.deployment_id}`);
    },
  },
  environments: {
    summary: "list the repository's environments (every page)",
    usage: `${NAME} environments`,
    options: {},
    help: `  (only the global options)
Prints one line per environment: name, id, last update, protection rules, page on GitHub
(--json: a JSON array of the environment objects).`,
    async run({ client, where, cancel, print }) {
      const data = await client.paginate(client.getAllEnvironments, { ...where, per_page: 100 }, { signal: cancel.signal });
      print.all(data, describeEnvironment, `${where.owner}/${where.repo} has no environments`);
    },
  },
  deploy: {
    summary: "create a deployment, run a command, and post its outcome as the deployment's status",
    usage: `${NAME} deploy --environment NAME [--ref REF] [options] -- COMMAND [ARGS...]`,
    runsCommand: true,
    options: {
      ...DEPLOYMENT_OPTIONS,
      "environment-url": { type: "string" },
      "log-url": { type: "string" },
    },
    help: `  --environment NAME        e.g. staging (required)
  --environment-url URL     where the deployment can be seen (sent with success)
  --log-url URL             the run's logs, on every status (default: the GitHub Actions
                            run, from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID)
${DEPLOYMENT_HELP}
Creates the deployment, posts in_progress, runs COMMAND (no shell; stdin, stdout and stderr
passed through, the same environment), then posts success (exit code 0), failure (any other
code, or killed by a signal), or error (it could not start: exit 127 when not found, else
126). Exits with the command's code. SIGINT or SIGTERM is passed on to the command and posts
error at once ("cancelled by SIGTERM"): a cancel is no verdict of the command, and inactive
would show a transient environment as destroyed; exit 130 or 143.
A status that cannot be posted is reported on stderr ("warning: ") and does not change the
exit code. Its own lines (the deployment, each status) go to stderr, stdout being the
command's (--json: one JSON object per line).`,
    hints: { 409: CONFLICT_HINT },
    async run({ client, where, values, env, cancel, print, explain, commandLine, stdout, stderr }) {
      if (commandLine.length === 0) throw usageError(`deploy needs the command to run after --, e.g. ${NAME} deploy --environment staging -- ./deploy.sh`);
      const params = { ...where, ...deploymentParams(values, env), environment: required(values, "environment") };
      const environmentUrl = values["environment-url"] === undefined ? {} : { environment_url: httpUrl(values["environment-url"], "--environment-url") };
      const logUrl = values["log-url"] === undefined ? runUrl(env) : httpUrl(values["log-url"], "--log-url");
      const logged = logUrl === undefined ? {} : { log_url: logUrl };

      const deployment = await newDeployment(client, params, cancel.signal);
      print.report(deployment, describeDeployment, "created deployment ");
      /** Posts a status; a failure is reported and changes nothing else. */
      const post = async (state, extra, options = {}) => {
        try {
          const { data } = await client.createDeploymentStatus({ ...where, deployment_id: deployment.id, state, ...logged, ...extra }, options);
          print.report(data, describeStatus, "posted ");
        } catch (error) {
          print.note(`warning: the ${state} status of deployment ${deployment.id} was not posted: ${explain(error).message}`);
        }
      };
      if (cancel.received === undefined) await post("in_progress", {}, { signal: cancel.signal });
      if (cancel.received !== undefined) {
        await post("error", { description: `cancelled by ${cancel.received} before the command started` });
        return signalExit(cancel.received);
      }

      const ended = runCommand(commandLine, { env, stdout, stderr, cancel });
      const outcome = await Promise.race([ended, cancel.cancelled.then(() => null)]);
      if (outcome === null) {
        // Posted at once: a runner that cancels may kill this process soon after.
        await post("error", { description: `cancelled by ${cancel.received}` });
        await ended;
        return signalExit(cancel.received);
      }
      const { code, signal, error } = outcome;
      if (error) {
        print.note(`error: could not start ${JSON.stringify(commandLine[0])}: ${error.code ?? error.message}`);
        await post("error", { description: `the command could not start (${error.code ?? "error"})` });
        return error.code === "ENOENT" ? COMMAND_NOT_FOUND : COMMAND_NOT_RUNNABLE;
      }
      if (signal) {
        await post("failure", { description: `the command was killed by ${signal}` });
        return signalExit(signal);
      }
      if (code === 0) await post("success", environmentUrl);
      else await post("failure", { description: `the command exited with code ${code}` });
      return code;
    },
  },
};

const GLOBAL_OPTIONS = {
  repo: { type: "string" },
  "base-url": { type: "string" },
  "api-version": { type: "string" },
  "token-env": { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
};

/** Option names of the library, as this command spells them. */
const FLAG_OF_FIELD = {
  deployment_id: "--deployment",
  status_id: "--status",
  per_page: "--per-page",
  log_url: "--log-url",
  environment_url: "--environment-url",
  auto_inactive: "--auto-inactive",
  owner: "--repo",
  repo: "--repo",
  baseUrl: "--base-url",
  apiVersion: "--api-version",
  timeoutMs: "--timeout",
  intervalMs: "--interval",
  state: "--state",
  description: "--description",
  environment: "--environment",
  ref: "--ref",
  sha: "--sha",
  task: "--task",
  payload: "--payload",
  required_contexts: "--required-contexts",
  auto_merge: "--auto-merge",
  transient_environment: "--transient",
  production_environment: "--production",
};

/** The command words a user types first: each command, a group once. */
function topNames() {
  return [...new Set(Object.keys(COMMANDS).map((name) => name.split(" ")[0]))];
}

function commandList(names) {
  const width = Math.max(...names.map((name) => name.length));
  return names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name].summary}`).join("\n");
}

function mainHelp() {
  return `${NAME}: create, list, get and watch GitHub deployment statuses; list, create and
delete deployments; list environments; wait for a deployment; run a deploy command.

Usage: ${NAME} COMMAND [options]

Commands:
${commandList(Object.keys(COMMANDS))}

${GLOBAL_HELP}

${ENV_HELP}

${EXIT_HELP}

Examples:
  ${NAME} deploy --environment staging --environment-url https://staging.example.com -- ./deploy.sh staging
  ${NAME} create --deployment 42 --state in_progress --log-url "$RUN_URL"
  ${NAME} create --deployment 42 --state success --environment-url https://example.com
  ${NAME} list --deployment 42 --all --json | jq -r '.[0].state'
  ${NAME} deployments list --environment production --json | jq '.[0].id'
  ${NAME} wait --deployment 42 --timeout 10m
  ${NAME} watch --deployment 42 --json
`;
}

function commandHelp(name) {
  const c = COMMANDS[name];
  return `${NAME} ${name}: ${c.summary}

Usage: ${c.usage}

Options:
${c.help}

${GLOBAL_HELP}

${ENV_HELP}

${EXIT_HELP}
`;
}

function groupHelp(group) {
  return `${NAME} ${group}: ${GROUPS[group]}

Usage: ${NAME} ${group} COMMAND [options]

Commands:
${commandList(Object.keys(COMMANDS).filter((name) => name.startsWith(`${group} `)))}

For a command's options: ${NAME} ${group} COMMAND --help
`;
}

/** A failure with its exit code and a one-line message. */
class CliError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const usageError = (message) => new CliError(EXIT.usage, message);
const oneLine = (text) => String(text).replace(/\s*[\r\n]+\s*/g, " ").trim();
const signalExit = (name) => 128 + osConstants.signals[name];

function version() {
  try {
    return JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).version;
  } catch {
    return "unknown";
  }
}

/** This command's own arguments: those before a `--` (after it: deploy's command). */
function ownArgs(argv) {
  const end = argv.indexOf("--");
  return end < 0 ? argv : argv.slice(0, end);
}

/** The command the words name: a group's command takes two (`deployments list`). */
function commandOf(words) {
  const [first, second] = words;
  if (Object.hasOwn(GROUPS, first) && second !== undefined) return { command: `${first} ${second}`, count: 2 };
  return { command: first, count: first === undefined ? 0 : 1 };
}

function unknownCommand(command) {
  const group = command.split(" ")[0];
  const names = Object.hasOwn(GROUPS, group)
    ? `${group} commands: ${Object.keys(COMMANDS).filter((name) => name.startsWith(`${group} `)).map((name) => name.slice(group.length + 1)).join(", ")}`
    : `commands: ${topNames().join(", ")}`;
  return usageError(`unknown command "${command}" (${names}; see ${NAME} --help)`);
}

/** Parses argv into { command, values, commandLine }; throws CliError(2) for anything malformed. */
function parse(argv) {
  const own = ownArgs(argv);
  const commandLine = argv.slice(own.length + 1);
  if (own.some((a) => a === "--token" || a.startsWith("--token="))) {
    throw usageError("there is no --token option (a token on the command line ends up in logs and shell history): set GITHUB_TOKEN, or name another variable with --token-env NAME");
  }
  // First pass, leniently and with every command's options, only to find the command words
  // wherever they stand (`--repo o/r list` and `list --repo o/r` are the same).
  const every = Object.assign({}, GLOBAL_OPTIONS, ...Object.values(COMMANDS).map((c) => c.options));
  const words = parseArgs({ args: own, options: every, allowPositionals: true, strict: false }).positionals;
  if (words[0] === "help") return { command: commandOf(words.slice(1)).command, values: { help: true }, commandLine };
  const { command, count } = commandOf(words);
  const isGroup = Object.hasOwn(GROUPS, command);
  if (command !== undefined && !isGroup && !Object.hasOwn(COMMANDS, command)) throw unknownCommand(command);
  const options = { ...GLOBAL_OPTIONS, ...(Object.hasOwn(COMMANDS, command) ? COMMANDS[command].options : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: own, options, allowPositionals: true, strict: true });
  } catch (error) {
    const option = /'(-[^'= ]*)/.exec(String(error.message))?.[1];
    const where = command ? `${NAME} ${command} --help` : `${NAME} --help`;
    switch (error.code) {
      case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
        throw usageError(`unknown option ${option ?? ""}${command ? ` for ${command}` : ""} (see ${where})`);
      case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
        throw usageError(`option ${option ?? ""} ${/requires|argument missing/.test(error.message) ? "needs a value" : "takes no value"} (see ${where})`);
      default:
        throw usageError(`${oneLine(error.message)} (see ${where})`);
    }
  }
  const runsCommand = COMMANDS[command]?.runsCommand === true;
  const extra = parsed.positionals.slice(count);
  if (extra.length > 0) {
    throw usageError(runsCommand
      ? `unexpected argument "${extra[0]}" (the command to run goes after --: ${COMMANDS[command].usage})`
      : `unexpected argument "${extra[0]}" (options start with --; see ${NAME} --help)`);
  }
  if (own.length < argv.length && !runsCommand) {
    throw usageError(`unexpected "--"${command ? `: ${command} runs no command` : ""} (see ${NAME} --help)`);
  }
  return { command, values: parsed.values, commandLine };
}

function required(values, name) {
  const value = values[name];
  if (value === undefined || value === "") throw usageError(`--${name} is required`);
  return value;
}

/** A positive whole number given as decimal digits; the library checks the range. */
function integer(values, name, { optional = false } = {}) {
  if (optional && values[name] === undefined) return undefined;
  const text = required(values, name);
  if (!/^\d+$/.test(text)) throw usageError(`--${name} must be a whole number, got "${text}"`);
  return Number(text);
}

const MS_PER_UNIT = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds from "1500", "1500ms", "90s", "5m" or "1h", when the option is given; the library checks the range. */
function duration(values, name) {
  const text = values[name];
  if (text === undefined) return undefined;
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text);
  if (!match) throw usageError(`--${name} must be a whole number of milliseconds or a duration such as 90s, 5m or 1h, got "${text}"`);
  return Number(match[1]) * MS_PER_UNIT[match[2] ?? "ms"];
}

function boolean(values, name) {
  const value = values[name];
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw usageError(`--${name} must be true or false, got "${value}"`);
}

/** `--NAME` true, `--no-NAME` false, neither undefined; both is a usage error. */
function eitherFlag(values, name) {
  if (values[name] && values[`no-${name}`]) throw usageError(`--${name} and --no-${name} contradict each other`);
  return values[name] ? true : values[`no-${name}`] ? false : undefined;
}

/** The options that were given, under the library's field names (`fields`: field -> option). */
function given(values, fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, option]) => values[option] !== undefined).map(([field, option]) => [field, values[option]]));
}

/** An absolute http(s) URL, checked before a deployment exists (the library checks each status again). */
function httpUrl(text, from) {
  let url;
  try {
    url = new URL(text);
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || /\s/.test(text)) throw usageError(`${from} must be an absolute http(s) URL, got "${text}"`);
  return text;
}

/** The GitHub Actions run's page, when GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID are all set. */
function runUrl(env) {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
  if (!server || !repository || !run) return undefined;
  return httpUrl(`${server.replace(/\/+$/, "")}/${repository}/actions/runs/${run}`, "GITHUB_SERVER_URL");
}

/** createDeployment's parameters from the options (ref defaulting to $GITHUB_SHA). */
function deploymentParams(values, env) {
  const ref = values.ref ?? env.GITHUB_SHA;
  if (!ref) throw usageError("--ref is required (its default, GITHUB_SHA, is not set)");
  const params = { ref, ...given(values, { task: "task", environment: "environment", description: "description" }) };
  if (values.payload !== undefined) {
    try {
      params.payload = JSON.parse(values.payload);
    } catch {
      throw usageError(`--payload must be JSON, e.g. '{"migrate":true}', got "${values.payload}"`);
    }
  }
  if (values["required-contexts"] !== undefined && values["no-required-contexts"]) {
    throw usageError("--required-contexts and --no-required-contexts contradict each other");
  }
  if (values["no-required-contexts"]) params.required_contexts = [];
  else if (values["required-contexts"] !== undefined) {
    params.required_contexts = values["required-contexts"].split(",").map((context) => context.trim()).filter(Boolean);
  }
  const autoMerge = eitherFlag(values, "auto-merge");
  if (autoMerge !== undefined) params.auto_merge = autoMerge;
  if (values.transient) params.transient_environment = true;
  if (values.production) params.production_environment = true;
  return params;
}

/** Creates a deployment; GitHub's 202 (it merged the default branch instead) is exit code 8. */
async function newDeployment(client, params, signal) {
  const { status, data } = await client.createDeployment(params, { signal });
  if (status === 202) {
    throw new CliError(EXIT.merged, `no deployment created: GitHub merged the default branch into ${params.ref} first (202: ${data?.message ?? "no message"}); run again to deploy the merged ref`);
  }
  return data;
}

/** One page (per --per-page), or every page with --all (100 a page unless --per-page). */
async function listed(client, method, params, values, signal) {
  const perPage = integer(values, "per-page", { optional: true });
  if (values.all) return client.paginate(method, { ...params, per_page: perPage ?? 100 }, { signal });
  const { data } = await method.call(client, perPage === undefined ? params : { ...params, per_page: perPage }, { signal });
  return data;
}

/**
 * Runs `argv` without a shell: stdin is this process's, stdout and stderr are the given streams
 * (their file descriptors when they have one); each SIGINT/SIGTERM of `cancel` is passed on.
 * Resolves to { code, signal } when it has ended, or { error } when it could not start.
 */
function runCommand(argv, { env, stdout, stderr, cancel }) {
  const output = (stream) => (typeof stream.fd === "number" ? stream.fd : "pipe");
  let child;
  try {
    child = spawn(argv[0], argv.slice(1), { env, stdio: ["inherit", output(stdout), output(stderr)] });
  } catch (error) {
    // An argument node refuses (an empty name, a NUL byte): it could not start either.
    return Promise.resolve({ error });
  }
  for (const [from, to] of [[child.stdout, stdout], [child.stderr, stderr]]) {
    from?.setEncoding("utf8").on("data", (text) => to.write(text));
  }
  cancel.onSignal((name) => child.pid !== undefined && child.kill(name));
  return new Promise((resolve) => {
    let startError;
    child.on("error", (error) => {
      if (child.pid === undefined) startError = error;
    });
    child.once("close", (code, signal) => resolve(startError ? { error: startError } : { code, signal }));
  });
}

/** Settings every command needs: repository, client options, token. */
function settings(values, env, { perRequestTimeout }) {
  const repoText = values.repo ?? env.GITHUB_REPOSITORY;
  if (!repoText) throw usageError("no repository: pass --repo OWNER/REPO or set GITHUB_REPOSITORY");
  const parts = repoText.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw usageError(`${values.repo === undefined ? "GITHUB_REPOSITORY" : "--repo"} must be OWNER/REPO, got "${repoText}"`);
  }
  const tokenVariable = values["token-env"] ?? "GITHUB_TOKEN";
  if (values["token-env"] !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenVariable)) {
      throw usageError(`--token-env must name an environment variable, got "${tokenVariable}"`);
    }
    if (!env[tokenVariable]) throw usageError(`--token-env ${tokenVariable}: that environment variable is not set`);
  }
  const token = env[tokenVariable] || undefined;
  const clientOptions = {};
  if (token) clientOptions.auth = token;
  const baseUrl = values["base-url"] ?? (env.GITHUB_API_URL || undefined);
  if (baseUrl !== undefined) clientOptions.baseUrl = baseUrl;
  // "none" or "" omits the header (apiVersion: null); unset leaves the client's default.
  const apiVersionFrom = values["api-version"] !== undefined ? "--api-version" : env.GITHUB_API_VERSION !== undefined ? "GITHUB_API_VERSION" : undefined;
  if (apiVersionFrom !== undefined) {
    const apiVersion = values["api-version"] ?? env.GITHUB_API_VERSION;
    clientOptions.apiVersion = apiVersion === "" || apiVersion === "none" ? null : apiVersion;
  }
  const timeoutMs = perRequestTimeout ? duration(values, "timeout") : undefined;
  if (timeoutMs !== undefined) clientOptions.timeoutMs = timeoutMs;
  return { owner: parts[0], repo: parts[1], clientOptions, tokenVariable, apiVersionFrom, hasToken: token !== undefined };
}

/** The fields of a human line that are present, two spaces apart. */
const fields = (...values) => values.filter(Boolean).join("  ");

function describeStatus(status) {
  return fields(
    `#${status.id}`,
    status.state,
    status.created_at,
    status.environment && `env=${status.environment}`,
    status.description && JSON.stringify(status.description),
    (status.log_url || status.target_url) && `log=${status.log_url || status.target_url}`,
    status.environment_url && `url=${status.environment_url}`,
  );
}

function describeDeployment(deployment) {
  return fields(
    `#${deployment.id}`,
    deployment.environment,
    deployment.created_at,
    `ref=${deployment.ref}`,
    deployment.sha && `sha=${deployment.sha.slice(0, 7)}`,
    deployment.task && deployment.task !== "deploy" && `task=${deployment.task}`,
    deployment.transient_environment && "transient",
    deployment.description && JSON.stringify(deployment.description),
    deployment.creator && `by=${deployment.creator.login}`,
  );
}

function describeEnvironment(environment) {
  const rules = environment.protection_rules ?? [];
  return fields(
    environment.name,
    `#${environment.id}`,
    environment.updated_at,
    rules.length > 0 && `rules=${rules.map((rule) => rule.type).join(",")}`,
    environment.html_url,
  );
}

/** What GitHub's `errors` array says, one item after the other (a 409's failing contexts named). */
function errorDetails(errors) {
  if (!Array.isArray(errors) || errors.length === 0) return "";
  const item = (e) =>
    typeof e === "string" ? e : e.message ??
    (Array.isArray(e.contexts)
      ? e.contexts.filter((c) => c.state !== "success").map((c) => `${c.context} is ${c.state}`).join(", ")
      : [e.resource, e.field, e.code].filter(Boolean).join(" "));
  return `: ${errors.map(item).join("; ")}`;
}

/** The exit code for an error the library rejected with, and a one-line message; `hints` by HTTP status. */
function classify(error, context, hints = {}) {
  const name = error?.name;
  const message = oneLine(error?.message ?? error);
  const mayExist = error?.mayHaveBeenCreated ? " (it may have been created all the same: check before trying again)" : "";
  switch (name) {
    case "ValidationError": {
      if (error.field === "auth") return new CliError(EXIT.usage, `${context.tokenVariable}: ${message}`);
      const flag = error.field === "apiVersion" ? context.apiVersionFrom : FLAG_OF_FIELD[error.field];
      return new CliError(EXIT.usage, flag ? `${flag}: ${message}` : message);
    }
    case "HttpError": {
      const status = error.status;
      const headers = error.response?.headers ?? {};
      const request = error.request ? ` (${error.request.method} ${error.request.url})` : "";
      const limited =
        status === 429 ||
        (status === 403 && (headers["retry-after"] !== undefined || headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(message)));
      if (limited) {
        const reset = error.rateLimit?.reset;
        const when = headers["retry-after"] !== undefined
          ? `; retry after ${headers["retry-after"]} s`
          : reset ? `; the limit resets at ${new Date(reset * 1000).toISOString()}` : "";
        return new CliError(EXIT.rateLimited, `rate limited: ${status} ${message}${when}${request}`);
      }
      if (status === 404) {
        const hint = context.hasToken ? "" : ` (a private repository needs a token: set ${context.tokenVariable})`;
        return new CliError(EXIT.notFound, `not found: 404 ${message}${request}${hint}`);
      }
      if (status === 401 || status === 403) {
        const hint = context.hasToken ? "" : ` (no token: set ${context.tokenVariable})`;
        return new CliError(EXIT.auth, `${status === 401 ? "unauthorized" : "forbidden"}: ${status} ${message}${request}${hint}`);
      }
      const hint = hints[status] ? ` (${hints[status]})` : "";
      const details = errorDetails(error.errors);
      // "... failed for main.: ci/test is failure" reads better without the period.
      return new CliError(EXIT.http, `HTTP ${status} ${details ? message.replace(/\.$/, "") : message}${details}${request}${hint}${mayExist}`);
    }
    case "DecodeError":
      return new CliError(EXIT.http, `unexpected answer from the API: ${message}${mayExist}`);
    case "NetworkError":
      return new CliError(EXIT.network, `${/^network error/i.test(message) ? message : `network error: ${message}`}${mayExist}`);
    case "TimeoutError":
      return new CliError(EXIT.network, `${/^time/i.test(message) ? message : `timeout: ${message}`}${mayExist}`);
    default:
      return new CliError(EXIT.other, `${message || "unexpected failure"}${mayExist}`);
  }
}

/**
 * SIGINT and SIGTERM (from `signals`, while the command runs) and the caller's `signal` (which
 * counts as SIGTERM) as one cancel: `signal` aborts, `received` names the first signal,
 * `cancelled` resolves then, and `onSignal` listeners hear every one (deploy passes each on).
 */
function cancellation(signal, signals) {
  const controller = new AbortController();
  const listeners = [];
  let announce;
  const cancel = {
    signal: controller.signal,
    received: undefined,
    cancelled: new Promise((resolve) => (announce = resolve)),
    onSignal: (listener) => listeners.push(listener),
    dispose,
  };
  const receive = (name) => {
    cancel.received ??= name;
    for (const listener of listeners) listener(name);
    controller.abort();
    announce(cancel.received);
  };
  const handlers = STOP_SIGNALS.map((name) => [name, () => receive(name)]);
  const onAbort = () => receive("SIGTERM");
  for (const [name, handler] of handlers) signals?.on(name, handler);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  function dispose() {
    signal?.removeEventListener("abort", onAbort);
    for (const [name, handler] of handlers) signals?.off(name, handler);
  }
  return cancel;
}

/** Runs one command of the table with a client made from the options and the environment; resolves to its exit code. */
async function run(command, values, { env, signal, signals, print, commandLine, stdout, stderr }) {
  const spec = COMMANDS[command];
  const deployment = spec.options.deployment ? { deployment_id: integer(values, "deployment") } : {};
  // A command with a --timeout of its own (wait) leaves the per-request timeout at its default.
  const context = settings(values, env, { perRequestTimeout: !spec.options.timeout });
  const { Client } = await import("./index.node.js");
  let client;
  try {
    client = new Client(context.clientOptions);
  } catch (error) {
    throw classify(error, context);
  }
  const where = { owner: context.owner, repo: context.repo, ...deployment };
  const explain = (error) => classify(error, context, spec.hints);
  const cancel = cancellation(signal, signals);
  try {
    return (await spec.run({ client, where, values, env, cancel, print, explain, commandLine, stdout, stderr })) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (cancel.received !== undefined && error?.name === "AbortError") {
      const mayExist = error.mayHaveBeenCreated ? " (it may have been created all the same: check before trying again)" : "";
      throw new CliError(signalExit(cancel.received), `cancelled by ${cancel.received}${mayExist}`);
    }
    throw explain(error);
  } finally {
    cancel.dispose();
    client.free();
  }
}

/**
 * What every line printed goes through, so that no token can be printed, even by accident: the
 * value of GITHUB_TOKEN and of the variable --token-env names, known before anything (even an
 * argument error) is printed, become "***".
 */
function redactor(argv, env) {
  const secrets = new Set();
  const keepSecret = (value) => {
    // Too short a value would mangle output instead.
    if (typeof value === "string" && value.length >= 6) secrets.add(value);
  };
  keepSecret(env.GITHUB_TOKEN);
  const own = ownArgs(argv);
  own.forEach((arg, i) => {
    const name = arg === "--token-env" ? own[i + 1] : arg.startsWith("--token-env=") ? arg.slice(12) : undefined;
    if (name !== undefined && Object.hasOwn(env, name)) keepSecret(env[name]);
  });
  return (text) => [...secrets].reduce((t, s) => t.split(s).join("***"), text);
}

/**
 * Runs the command line `argv` (without `node` and the script) and resolves to its exit code; it
 * never throws and never exits. Output goes to `stdout` and `stderr` (streams, or anything with
 * `write(text)`), with every token redacted; deploy's command writes to them too (unredacted:
 * the file descriptors themselves when they have one) and reads this process's stdin. `signal`
 * counts as SIGTERM: it stops `watch` (exit code 0), cancels the other commands (143), and is
 * passed on to deploy's command; `signals` (an EventEmitter such as `process`) delivers SIGINT
 * and SIGTERM, listened to only while a command runs.
 *
 * @param {string[]} argv
 * @param {{ env?: Record<string, string | undefined>, stdout?: { write(text: string): unknown },
 *   stderr?: { write(text: string): unknown }, signal?: AbortSignal,
 *   signals?: { on(name: string, listener: () => void): unknown, off(name: string, listener: () => void): unknown } }} [io]
 * @returns {Promise<number>}
 */
export async function main(argv, { env = process.env, stdout = process.stdout, stderr = process.stderr, signal, signals } = {}) {
  const redact = redactor(argv, env);
  const fail = (message) => stderr.write(`error: ${redact(oneLine(message))}\n`);
  let json = false;
  const show = (value, describe, prefix) => (json ? JSON.stringify(value) : `${prefix}${describe(value)}`);
  const print = {
    get json() {
      return json;
    },
    line: (line) => stdout.write(`${redact(line)}\n`),
    note: (line) => stderr.write(`${redact(line)}\n`),
    one: (value, describe, prefix = "") => print.line(show(value, describe, prefix)),
    report: (value, describe, prefix = "") => print.note(show(value, describe, prefix)),
    all: (values, describe, empty) => {
      if (json) print.line(JSON.stringify(values));
      else if (values.length === 0) print.line(empty);
      else for (const value of values) print.line(describe(value));
    },
  };
  try {
    const { command, values, commandLine } = parse(argv);
    json = values.json === true;
    if (values.version) {
      print.line(version());
      return EXIT.ok;
    }
    if (values.help) {
      if (Object.hasOwn(GROUPS, command)) stdout.write(groupHelp(command));
      else if (command !== undefined && !Object.hasOwn(COMMANDS, command)) throw unknownCommand(command);
      else stdout.write(command ? commandHelp(command) : mainHelp());
      return EXIT.ok;
    }
    if (command === undefined) {
      stderr.write(mainHelp());
      throw usageError(`no command given (commands: ${topNames().join(", ")})`);
    }
    if (Object.hasOwn(GROUPS, command)) {
      stderr.write(groupHelp(command));
      throw usageError(`${command} needs a command (see ${NAME} ${command} --help)`);
    }
    return await run(command, values, { env, signal, signals, print, commandLine, stdout, stderr });
  } catch (error) {
    // Never a stack trace: one "error: ..." line.
    fail(error instanceof CliError ? error.message : (error?.message ?? error) || "unexpected failure");
    return error instanceof CliError ? error.code : EXIT.other;
  }
}

/** Whether this file is the program node was started with (directly, or through npm's bin link). */
function isProgram() {
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProgram()) {
  const argv = process.argv.slice(2);
  const redact = redactor(argv, process.env);
  // Whatever escapes main() becomes one "error: ..." line and exit code 1, never a stack trace.
  const crash = (error) => {
    process.stderr.write(`error: ${redact(oneLine(error?.message ?? error))}\n`);
    process.exit(EXIT.other);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  // A reader that stops early (`| head`) is not a failure of this command.
  process.stdout.on("error", (error) => {
    if (error?.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
    crash(error);
  });
  process.exitCode = await main(argv, { signals: process });
}
