// Token hygiene, runnable unchanged in Node and workerd: the token never shows in an error however it
// is printed, nor in console output, nor in any request to another origin (a `Link` there is not
// followed; a redirect there reaches it without Authorization). `inspect` is Node's util.inspect.
import { apiRequests, eq, fail, mockControl, ok, TOKEN } from "../js/check.js";

/** A token the mock does not know: it is refused with 401, and must not show either. */
export const SECRET = "ghp_Reliability0Secret0Token0123456789";
const WHERE = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };
const LIST_PATH = "/repos/octo-org/hello-world/deployments/42/statuses";
const NAMES = ["ValidationError", "HttpError", "NetworkError", "TimeoutError", "AbortError", "DecodeError"];

/** Every own property, enumerable or not, of a value and what it holds, as one text. */
export function everyValue(value, seen = new Set()) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return String(value);
  if (seen.has(value)) return "";
  seen.add(value);
  return Object.getOwnPropertyNames(value).map((key) => {
    let held;
    try {
      held = value[key];
    } catch {
      held = "";
    }
    return `${key}=${everyValue(held, seen)}`;
  }).join(" ");
}

/** Where a secret must not be: the text itself, or without its `ghp_` prefix. */
function leaks(text) {
  return [TOKEN, SECRET].filter((secret) => text.includes(secret.slice(4)));
}

export function hygiene({ Client, mock, foreign, inspect }) {
  const control = mockControl(mock);
  const foreignControl = mockControl(foreign);

  /** [label, fault or null, call]: one failing call per kind of error, with the token set. */
  function failingCalls() {
    const client = new Client({ baseUrl: mock, auth: TOKEN, timeoutMs: 300, retries: 0, maxRateLimitWaitMs: 0, cache: false });
    const stranger = new Client({ baseUrl: mock, auth: SECRET, retries: 0 });
    const get = () => client.getDeploymentStatus({ ...WHERE, status_id: 1 });
    const stopped = new AbortController();
    stopped.abort();
    return [
      ["an unknown state", null, () => client.createDeploymentStatus({ ...WHERE, state: "done" })],
      ["a token with a newline", null, () => new Client({ auth: `${SECRET}\n` })],
      ["a token with a space", null, () => new Client({ auth: `Bearer ${SECRET}` })],
      ["a baseUrl with the token as password", null, () => new Client({ baseUrl: `https://x:${SECRET}@api.github.com` })],
      ["an unknown option holding the token", null, () => new Client({ token: SECRET })],
      ["401 for a token GitHub does not know (POST)", null, () => stranger.createDeploymentStatus({ ...WHERE, state: "success" })],
      ["401 for a token GitHub does not know (GET)", null, () => stranger.getDeploymentStatus({ ...WHERE, status_id: 1 })],
      ["404", null, () => client.getDeploymentStatus({ ...WHERE, status_id: 999_999 })],
      ["422", { method: "POST", status: 422 }, () => client.createDeploymentStatus({ ...WHERE, state: "success" })],
      ["500", { status: 500 }, get],
      ["429", { status: 429 }, () => client.listDeploymentStatuses(WHERE)],
      ["a reset connection", { reset: "before" }, get],
      ["nothing listening", null, () => new Client({ baseUrl: "http://127.0.0.1:9", auth: TOKEN, retries: 0 }).getDeploymentStatus({ ...WHERE, status_id: 1 })],
      ["a hung server", { delay_ms: 2000 }, get],
      ["an aborted signal", null, () => client.getDeploymentStatus({ ...WHERE, status_id: 1 }, { signal: stopped.signal })],
      ["an HTML page", { status: 200, body: "<html>Unicorn!</html>", content_type: "text/html" }, get],
      ["a Link to another origin", { headers: { link: `<${foreign}${LIST_PATH}?page=2>; rel="next"` } },
        () => client.paginate(WHERE)],
    ];
  }

  /** Runs the failing calls; resolves to [label, error] pairs (fails if one does not fail). */
  async function failures() {
    const errors = [];
    for (const [label, fault, call] of failingCalls()) {
      await control.reset();
      if (fault) await control.fault(fault);
      let error;
      try {
        await call();
      } catch (caught) {
        error = caught;
      }
      ok(error instanceof Error, `${label}: fails with an Error`);
      errors.push([label, error]);
    }
    eq([...new Set(errors.map(([, e]) => e.name))].sort(), [...NAMES].sort(), "every kind of error was produced");
    return errors;
  }

  /** Requests the other origin received, none of which may carry the token. */
  async function abroad() {
    const requests = await apiRequests(foreignControl);
    for (const request of requests) {
      ok(request.headers.authorization === undefined, `${request.method} ${request.path} reached the other origin with Authorization`);
      const seen = leaks(JSON.stringify(request));
      ok(seen.length === 0, `${request.method} ${request.path} reached the other origin with the token`);
    }
    return requests;
  }

  return {
    "errors of every kind never show the token: message, String, JSON.stringify, stack, every field, util.inspect": async () => {
      const errors = await failures();
      const found = [];
      for (const [label, error] of errors) {
        const renderings = {
          message: error.message,
          String: String(error),
          "JSON.stringify": JSON.stringify(error),
          stack: String(error.stack),
          "every property": everyValue(error),
          ...(inspect ? { "util.inspect": inspect(error, { depth: Infinity, showHidden: true }) } : {}),
        };
        for (const [how, text] of Object.entries(renderings)) {
          if (leaks(text).length > 0) found.push(`${label} (${error.name}): the token shows in ${how}`);
        }
      }
      const client = new Client({ baseUrl: mock, auth: TOKEN });
      const clientTexts = [String(client), JSON.stringify(client) ?? "", everyValue(client), inspect ? inspect(client, { showHidden: true }) : ""];
      if (clientTexts.some((text) => leaks(text).length > 0)) found.push("the Client object shows the token");
      if (found.length > 0) fail(found.join("\n"));
      const http = errors.find(([, e]) => e.name === "HttpError" && e.status === 404)[1];
      eq(http.request.headers.authorization, "Bearer [REDACTED]", "HttpError.request.headers.authorization");
      return `${errors.length} errors of all 6 kinds, ${inspect ? 6 : 5} renderings each, and the Client: no token`;
    },

    "console output during failing calls never shows the token": async () => {
      const methods = ["log", "info", "warn", "error", "debug", "trace", "dir"];
      const saved = methods.map((method) => console[method]);
      const lines = [];
      const show = (arg) => (typeof arg === "string" ? arg : inspect ? inspect(arg, { depth: Infinity }) : everyValue(arg));
      methods.forEach((method) => {
        console[method] = (...args) => lines.push(args.map(show).join(" "));
      });
      let errors;
      try {
        errors = await failures();
      } finally {
        methods.forEach((method, i) => {
          console[method] = saved[i];
        });
      }
      const leaked = lines.filter((line) => leaks(line).length > 0);
      ok(leaked.length === 0, `console output shows the token: ${leaked.join("\n")}`);
      return `${lines.length} console lines during ${errors.length} failing calls: no token`;
    },

    "a Link to another origin is never followed: that origin receives nothing": async () => {
      const host = foreign.replace(/^https?:\/\//, "");
      const links = {
        "another port": `${foreign}${LIST_PATH}?per_page=2&page=2`,
        "userinfo trick (base@other)": `${mock}@${host}${LIST_PATH}?per_page=2&page=2`,
        "another scheme": `${mock.replace("http:", "https:")}${LIST_PATH}?per_page=2&page=2`,
      };
      const client = new Client({ baseUrl: mock, auth: TOKEN });
      for (const [what, link] of Object.entries(links)) {
        for (const [how, walk] of [
          ["paginate", () => client.paginate({ ...WHERE, per_page: 2 })],
          ["iterate", async () => {
            for await (const page of client.iterate({ ...WHERE, per_page: 2 })) ok(page.status === 200, "page");
          }],
        ]) {
          await control.reset();
          await foreignControl.reset();
          await control.fault({ path: LIST_PATH, headers: { link: `<${link}>; rel="next"` } });
          let error;
          try {
            await walk();
          } catch (caught) {
            error = caught;
          }
          eq(error?.name, "DecodeError", `${what}, ${how}: refused`);
          ok(leaks(error.message).length === 0, `${what}, ${how}: no token in the message`);
          eq((await apiRequests(control)).length, 1, `${what}, ${how}: only the first page was requested`);
          eq((await abroad()).length, 0, `${what}, ${how}: requests to the other origin`);
        }
      }
      return `${Object.keys(links).length} foreign links × paginate and iterate: refused, nothing sent there`;
    },

    "a 301/302/303/307/308 redirect to another origin is not followed: nothing, and no token, goes there": async () => {
      const client = new Client({ baseUrl: mock, auth: TOKEN, retries: 0, cache: false });
      const calls = {
        GET: [`${LIST_PATH}/1`, () => client.getDeploymentStatus({ ...WHERE, status_id: 1 })],
        POST: [LIST_PATH, () => client.createDeploymentStatus({ ...WHERE, state: "success" })],
      };
      let refused = 0;
      for (const status of [301, 302, 303, 307, 308]) {
        for (const [method, [path, call]] of Object.entries(calls)) {
          await control.reset();
          await foreignControl.reset();
          await control.fault({ method, status, body: "", headers: { location: `${foreign}${path}` } });
          const error = await call().then(() => null, (e) => e);
          eq([error?.name, error?.status], ["HttpError", status], `${status} ${method}: rejected as the redirect`);
          const home = await apiRequests(control);
          eq(home[0]?.headers.authorization, `Bearer ${TOKEN}`, `${status} ${method}: the token went to the API`);
          eq((await abroad()).length, 0, `${status} ${method}: the other origin received nothing`);
          refused += 1;
        }
      }
      return `${refused} redirects to another origin refused; the other origin received no request`;
    },
  };
}
