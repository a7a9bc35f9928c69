#!/usr/bin/env node
// The `github-deployment-status` command: create, list, get and watch deployment statuses from a
// pipeline. The token comes from the environment only (GITHUB_TOKEN, or the variable --token-env
// names) and is never printed. Exit codes are in EXIT_HELP below and in the package's README.
//
// Run as a program, it installs its process hooks (signals, uncaught errors, a closed stdout) and
// exits with main()'s code. Imported, it does nothing until `main(argv, io)` is called, which
// writes only to the streams it is given and resolves to the exit code.
import { readFileSync, realpathSync } from "node:fs";
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
};

const STATES = "error, failure, inactive, in_progress, queued, pending, success";

/** Signals that end `watch` normally (exit code 0) when the command runs as a program. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"];

const GLOBAL_HELP = `Global options:
  --repo OWNER/REPO     repository (default: $GITHUB_REPOSITORY)
  --base-url URL        API root (default: $GITHUB_API_URL, else https://api.github.com;
                        GitHub Enterprise Server: https://HOST/api/v3)
  --api-version V       X-GitHub-Api-Version header (default: $GITHUB_API_VERSION, else
                        2026-03-10); "none" or "" sends none (the server's default).
                        A server that does not serve it is asked again with 2022-11-28
  --token-env NAME      read the token from $NAME instead of $GITHUB_TOKEN
  --timeout MS          per-request timeout in milliseconds (default 30000)
  --json                machine output: JSON (watch: one JSON object per line)
  -h, --help            help (for a command: ${NAME} COMMAND --help)
  -v, --version         print the version`;

const ENV_HELP = `Environment:
  GITHUB_TOKEN          token sent as "Authorization: Bearer ..." (never printed; there is
                        no --token option). Public repositories can be read without one.
  GITHUB_REPOSITORY     default for --repo (set by GitHub Actions)
  GITHUB_API_URL        default for --base-url (set by GitHub Actions, also on GHES)
  GITHUB_API_VERSION    default for --api-version ("none" or "" sends no version header)`;

const EXIT_HELP = `Exit codes:
  0  success
  1  anything else (an unexpected failure)
  2  usage or validation error (bad option or value, caught before anything is sent)
  3  not found (HTTP 404: no such repository, deployment or status, or no access to it)
  4  authentication or permission (HTTP 401, or a 403 that is not a rate limit)
  5  rate limited (HTTP 429, or a 403 rate-limit answer, still limited after waiting)
  6  other HTTP error (e.g. 422, 500), or an answer that is not what GitHub's API returns
  7  network error or timeout (no answer)
Errors are one line on stderr, starting with "error: ".`;

/**
 * Every command: its options (as node:util's parseArgs takes them), its help, and `run`, which is
 * given the client, the deployment's `where`, the parsed `values` and the output functions.
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
    async run({ client, where, values, signal, print }) {
      const params = { ...where, state: required(values, "state") };
      if (values.description !== undefined) params.description = values.description;
      if (values["log-url"] !== undefined) params.log_url = values["log-url"];
      if (values.environment !== undefined) params.environment = values.environment;
      if (values["environment-url"] !== undefined) params.environment_url = values["environment-url"];
      const autoInactive = boolean(values, "auto-inactive");
      if (autoInactive !== undefined) params.auto_inactive = autoInactive;
      const { data } = await client.createDeploymentStatus(params, { signal });
      print.status(data, "created ");
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
    async run({ client, where, values, signal, print }) {
      const perPage = integer(values, "per-page", { optional: true });
      let data;
      if (values.all) {
        data = await client.paginate({ ...where, per_page: perPage ?? 100 }, { signal });
      } else {
        const params = perPage === undefined ? where : { ...where, per_page: perPage };
        ({ data } = await client.listDeploymentStatuses(params, { signal }));
      }
      if (print.json) print.line(JSON.stringify(data));
      else if (data.length === 0) print.line(`deployment ${where.deployment_id} has no statuses`);
      else for (const status of data) print.status(status);
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
    async run({ client, where, values, signal, print }) {
      const status_id = integer(values, "status");
      const { data } = await client.getDeploymentStatus({ ...where, status_id }, { signal });
      print.status(data);
    },
  },
  watch: {
    summary: "print a deployment's statuses as they appear, until SIGINT or SIGTERM",
    usage: `${NAME} watch --deployment ID [--interval MS]`,
    options: {
      deployment: { type: "string" },
      interval: { type: "string" },
    },
    help: `  --deployment ID           deployment id (required)
  --interval MS             milliseconds between polls (default 10000, at least 1000;
                            GitHub's X-Poll-Interval can ask for more). Polls use ETags: an
                            unchanged answer costs no rate limit.
Prints the existing statuses oldest first, then each new one as it appears (--json: one
JSON object per line). SIGINT or SIGTERM stops it with exit code 0.`,
    async run({ client, where, values, signal, signals, print }) {
      const intervalMs = integer(values, "interval", { optional: true });
      // Stopping is the normal end of a watch: the caller's signal, or SIGINT/SIGTERM when run as a program.
      const stop = new AbortController();
      const onStop = () => stop.abort();
      if (signal?.aborted) stop.abort();
      signal?.addEventListener("abort", onStop, { once: true });
      for (const name of STOP_SIGNALS) signals?.once(name, onStop);
      const seen = new Set();
      try {
        await client.watch(where, {
          signal: stop.signal,
          ...(intervalMs === undefined ? {} : { intervalMs }),
          onChange: ({ data }) => {
            // Newest first from GitHub; print what is new, oldest first.
            for (const status of [...data].reverse()) {
              if (seen.has(status.id)) continue;
              seen.add(status.id);
              print.status(status);
            }
          },
        });
      } finally {
        signal?.removeEventListener("abort", onStop);
        for (const name of STOP_SIGNALS) signals?.off(name, onStop);
      }
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
};

function mainHelp() {
  const commands = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
    .join("\n");
  return `${NAME}: create, list, get and watch GitHub deployment statuses.

Usage: ${NAME} COMMAND [options]

Commands:
${commands}

${GLOBAL_HELP}

${ENV_HELP}

${EXIT_HELP}

Examples:
  ${NAME} create --deployment 42 --state in_progress --log-url "$RUN_URL"
  ${NAME} create --deployment 42 --state success --environment-url https://example.com
  ${NAME} list --deployment 42 --all --json | jq -r '.[0].state'
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

/** A failure with its exit code and a one-line message. */
class CliError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const usageError = (message) => new CliError(EXIT.usage, message);
const oneLine = (text) => String(text).replace(/\s*[\r\n]+\s*/g, " ").trim();

function version() {
  try {
    return JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).version;
  } catch {
    return "unknown";
  }
}

/** Parses argv into { command, values }; throws CliError(2) for anything malformed. */
function parse(argv) {
  if (argv.some((a) => a === "--token" || a.startsWith("--token="))) {
    throw usageError("there is no --token option (a token on the command line ends up in logs and shell history): set GITHUB_TOKEN, or name another variable with --token-env NAME");
  }
  // First pass, leniently and with every command's options, only to find the command word
  // wherever it stands (`--repo o/r list` and `list --repo o/r` are the same).
  const every = Object.assign({}, GLOBAL_OPTIONS, ...Object.values(COMMANDS).map((c) => c.options));
  const [command, topic] = parseArgs({ args: argv, options: every, allowPositionals: true, strict: false }).positionals;
  if (command === "help") return { command: topic, values: { help: true } };
  if (command !== undefined && !Object.hasOwn(COMMANDS, command)) {
    throw usageError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(", ")}; see ${NAME} --help)`);
  }
  const options = { ...GLOBAL_OPTIONS, ...(command ? COMMANDS[command].options : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
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
  const extra = parsed.positionals.slice(1);
  if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}" (options start with --; see ${NAME} --help)`);
  return { command, values: parsed.values };
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

function boolean(values, name) {
  const value = values[name];
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw usageError(`--${name} must be true or false, got "${value}"`);
}

/** Settings every command needs: repository, client options, token. */
function settings(values, env) {
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
  const timeoutMs = integer(values, "timeout", { optional: true });
  if (timeoutMs !== undefined) clientOptions.timeoutMs = timeoutMs;
  return { owner: parts[0], repo: parts[1], clientOptions, tokenVariable, apiVersionFrom, hasToken: token !== undefined };
}

function describe(status) {
  const fields = [
    `#${status.id}`,
    status.state,
    status.created_at,
    status.environment ? `env=${status.environment}` : null,
    status.description ? JSON.stringify(status.description) : null,
    status.log_url || status.target_url ? `log=${status.log_url || status.target_url}` : null,
    status.environment_url ? `url=${status.environment_url}` : null,
  ];
  return fields.filter((f) => f !== null).join("  ");
}

/** The exit code for an error the library rejected with, and a one-line message. */
function classify(error, context) {
  const name = error?.name;
  const message = oneLine(error?.message ?? error);
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
      const details = Array.isArray(error.errors) && error.errors.length > 0
        ? `: ${error.errors.map((e) => e.message ?? [e.resource, e.field, e.code].filter(Boolean).join(" ")).join("; ")}`
        : "";
      return new CliError(EXIT.http, `HTTP ${status} ${message}${details}${request}`);
    }
    case "DecodeError":
      return new CliError(EXIT.http, `unexpected answer from the API: ${message}`);
    case "NetworkError":
      return new CliError(EXIT.network, /^network error/i.test(message) ? message : `network error: ${message}`);
    case "TimeoutError":
      return new CliError(EXIT.network, /^time/i.test(message) ? message : `timeout: ${message}`);
    default:
      return new CliError(EXIT.other, message || "unexpected failure");
  }
}

/** Runs one command of the table with a client made from the options and the environment. */
async function run(command, values, { env, signal, signals, print }) {
  const deployment_id = integer(values, "deployment");
  const context = settings(values, env);
  const { Client } = await import("./index.node.js");
  let client;
  try {
    client = new Client(context.clientOptions);
  } catch (error) {
    throw classify(error, context);
  }
  const where = { owner: context.owner, repo: context.repo, deployment_id };
  try {
    await COMMANDS[command].run({ client, where, values, signal, signals, print });
  } catch (error) {
    throw error instanceof CliError ? error : classify(error, context);
  } finally {
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
  argv.forEach((arg, i) => {
    const name = arg === "--token-env" ? argv[i + 1] : arg.startsWith("--token-env=") ? arg.slice(12) : undefined;
    if (name !== undefined && Object.hasOwn(env, name)) keepSecret(env[name]);
  });
  return (text) => [...secrets].reduce((t, s) => t.split(s).join("***"), text);
}

/**
 * Runs the command line `argv` (without `node` and the script) and resolves to its exit code; it
 * never throws and never exits. Output goes to `stdout` and `stderr` (streams, or anything with
 * `write(text)`), with every token redacted. `signal` stops `watch` (exit code 0) and cancels the
 * other commands' requests; `signals` (an EventEmitter such as `process`) stops `watch` on SIGINT
 * or SIGTERM.
 *
 * @param {string[]} argv
 * @param {{ env?: Record<string, string | undefined>, stdout?: { write(text: string): unknown },
 *   stderr?: { write(text: string): unknown }, signal?: AbortSignal,
 *   signals?: { once(name: string, listener: () => void): unknown, off(name: string, listener: () => void): unknown } }} [io]
 * @returns {Promise<number>}
 */
export async function main(argv, { env = process.env, stdout = process.stdout, stderr = process.stderr, signal, signals } = {}) {
  const redact = redactor(argv, env);
  const fail = (message) => stderr.write(`error: ${redact(oneLine(message))}\n`);
  let json = false;
  const print = {
    get json() {
      return json;
    },
    line: (line) => stdout.write(`${redact(line)}\n`),
    status: (status, prefix = "") => print.line(json ? JSON.stringify(status) : `${prefix}${describe(status)}`),
  };
  try {
    const { command, values } = parse(argv);
    json = values.json === true;
    if (values.version) {
      print.line(version());
      return EXIT.ok;
    }
    if (values.help) {
      if (command !== undefined && !Object.hasOwn(COMMANDS, command)) {
        throw usageError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(", ")})`);
      }
      stdout.write(command ? commandHelp(command) : mainHelp());
      return EXIT.ok;
    }
    if (command === undefined) {
      stderr.write(mainHelp());
      throw usageError(`no command given (commands: ${Object.keys(COMMANDS).join(", ")})`);
    }
    await run(command, values, { env, signal, signals, print });
    return EXIT.ok;
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
