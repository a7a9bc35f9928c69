// The fault matrix: every fault the mock injects, against each of the three operations, runnable
// unchanged in Node and workerd. A row returns its cells ({ fault, op, outcome, ms, requests,
// problems }) and throws (with the cells attached) when a cell is not what the client promises:
// the right outcome within its time bound, never two statuses for one POST, no token to another
// origin, and the same client answering the next call.
import { apiRequests, mockControl, TOKEN } from "../js/check.js";

/**
 * Small bounds so the whole matrix runs in seconds. The mock never acts on a POST after the client
 * gave up on it, so a create's check needs no window of re-reads here (the hostile-server suite
 * proves the window against a server that does).
 */
export const OPTIONS = { timeoutMs: 500, retries: 1, maxRateLimitWaitMs: 1500, cache: false, createCheckWindowMs: 0 };

const T = OPTIONS.timeoutMs;
/** The shortest first backoff: 250 ms scaled by the smallest jitter (50 %). */
const BACKOFF = 125;
/** Slack on every upper bound, for a loaded 2-core machine. */
const SLACK = 1500;
const MB20 = 20 * 1024 * 1024;
const WHERE = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };
const LIST_PATH = "/repos/octo-org/hello-world/deployments/42/statuses";
const HTML = "<!DOCTYPE html>\n<html><head><title>Unicorn! · GitHub</title></head>" +
  "<body><h1>No server is currently available to service your request.</h1></body></html>\n";
const HTML_TYPE = "text/html; charset=utf-8";

/** What a call must end in: success, or the named error with that status; ms bounds the time. */
const success = ({ min = 0, max = min + SLACK } = {}) => ({ name: "ok", min, max });
const failure = (name, status, { min = 0, max = min + SLACK, created = 0 } = {}) =>
  ({ name, status, min, max, created });

/** The operations: how to call each, what its request looks like, and what success returns. */
const OPERATIONS = {
  createDeploymentStatus: {
    target: { method: "POST", path: LIST_PATH },
    path: LIST_PATH,
    call: (client, fault) => client.createDeploymentStatus({
      ...WHERE, state: "success", environment: "production", description: `fault matrix: ${fault}`,
    }),
    check: (result, fault) => result.status === 201 && result.data.description === `fault matrix: ${fault}`,
    label: (result) => `✓ ${result.status}`,
  },
  "paginate (listDeploymentStatuses)": {
    target: { method: "GET", path: LIST_PATH },
    path: `${LIST_PATH}?per_page=2`,
    call: (client) => client.paginate({ ...WHERE, per_page: 2 }),
    check: (all) => all.map((s) => s.id).join() === "3,2,1",
    label: (all) => `✓ ${all.length} statuses`,
  },
  getDeploymentStatus: {
    target: { method: "GET", path: `${LIST_PATH}/1` },
    path: `${LIST_PATH}/1`,
    call: (client) => client.getDeploymentStatus({ ...WHERE, status_id: 1 }),
    check: (result) => result.status === 200 && result.data.id === 1,
    label: (result) => `✓ ${result.status}`,
  },
};

export const OPERATION_NAMES = Object.keys(OPERATIONS);
const [CREATE, LIST, GET] = OPERATION_NAMES;

/**
 * The rows: [fault, spec or (op, urls) => spec, expectations { all, [op] }, row options].
 * A spec is merged into the operation's target (method and path); `times` > 1 makes it persist.
 */
function rows({ mock, foreign }) {
  const every = { times: 9 };
  const redirect = (status) => (op) => ({
    status, body: "", headers: { location: `${foreign}${OPERATIONS[op].path}` },
  });
  const page2 = (origin) => `<${origin}${LIST_PATH}?per_page=2&page=2>; rel="next"`;
  return [
    ["delay 2 s (past timeoutMs), once", { delay_ms: 2000 }, { all: success({ min: T + BACKOFF }) }],
    ["delay 2 s (past timeoutMs), every attempt", { delay_ms: 2000, ...every },
      { all: failure("TimeoutError", 0, { min: 2 * T + BACKOFF }) }],
    ...[500, 502, 503, 504].map((status) => [`${status}, once`, { status }, { all: success({ min: BACKOFF }) }]),
    ...[500, 502, 503, 504].map((status) => [`${status}, every attempt`, { status, ...every },
      { all: failure("HttpError", status, { min: BACKOFF }) }]),
    ["502 after the request acted", { status: 502, apply: true },
      { all: success({ min: BACKOFF }), [CREATE]: success() }],
    ["429 with retry-after: 1, once", { status: 429, headers: { "retry-after": "1" } },
      { all: success({ min: 950 }) }],
    ["403 secondary limit with retry-after: 1, once", { status: 403, headers: { "retry-after": "1" } },
      { all: success({ min: 950 }) }],
    ["429 with retry-after: 5 (past maxRateLimitWaitMs)", { status: 429, headers: { "retry-after": "5" } },
      { all: failure("HttpError", 429) }],
    ["403 secondary limit with retry-after: 5 (past maxRateLimitWaitMs)", { status: 403, headers: { "retry-after": "5" } },
      { all: failure("HttpError", 403) }],
    ["429 without retry-after", { status: 429 }, { all: failure("HttpError", 429) }],
    ["403 secondary limit without retry-after", { status: 403 }, { all: failure("HttpError", 403) }],
    ["connection reset before the request is sent, once", { reset: "before" }, { all: success({ min: BACKOFF }) }],
    ["connection reset before the request is sent, every attempt", { reset: "before", ...every },
      { all: failure("NetworkError", 0, { min: BACKOFF }) }],
    ["connection reset after the request acted, once", { reset: "after" },
      { all: success({ min: BACKOFF }), [CREATE]: success() }],
    ["connection reset after the request acted, every attempt", { reset: "after", ...every },
      { all: failure("NetworkError", 0, { min: BACKOFF }), [CREATE]: success() }],
    ["truncated JSON", { truncate: true },
      { all: failure("DecodeError", 200), [CREATE]: failure("DecodeError", 201, { created: 1 }) }],
    ["HTML error page, status 200", { status: 200, body: HTML, content_type: HTML_TYPE },
      { all: failure("DecodeError", 200) }],
    ["HTML error page, status 502, every attempt", { status: 502, body: HTML, content_type: HTML_TYPE, ...every },
      { all: failure("HttpError", 502, { min: BACKOFF }) }],
    ["empty body", { body: "" },
      { all: failure("DecodeError", 200), [CREATE]: failure("DecodeError", 201, { created: 1 }) }],
    ["JSON labelled text/plain", { content_type: "text/plain; charset=utf-8" }, { all: success() }],
    ["20 MB body (the JSON, then 20 MB of whitespace), within maxBodyBytes", { pad_bytes: MB20 },
      { all: success({ max: 8000 }) }, { timeoutMs: 10_000, maxBodyBytes: 32 * 2 ** 20 }],
    ["20 MB body past maxBodyBytes (16 MiB)", { pad_bytes: MB20 },
      { all: failure("DecodeError", 200, { max: 8000 }), [CREATE]: failure("DecodeError", 201, { created: 1 }) },
      { timeoutMs: 10_000 }],
    ["20 MB HTML page, status 200", { status: 200, body: HTML, content_type: HTML_TYPE, pad_bytes: MB20 },
      { all: failure("DecodeError", 200, { max: 8000 }) }, { timeoutMs: 10_000 }],
    ["Link rel=next loop", (op) => ({ headers: { link: page2(mock) }, ...(op === LIST ? every : {}) }),
      { all: success(), [LIST]: failure("DecodeError", 200) }],
    ["Link rel=next to another origin", { headers: { link: page2(foreign) } },
      { all: success(), [LIST]: failure("DecodeError", 200) }, { foreignGetsNothing: true }],
    ["302 redirect to another origin", redirect(302),
      { all: failure("HttpError", 302) }, { foreignGetsNothing: true }],
    ["307 redirect to another origin", redirect(307),
      { all: failure("HttpError", 307) }, { foreignGetsNothing: true }],
  ];
}

/** { [fault]: async () => cells } for `context` = { Client, mock, foreign, runtime }. */
export function faultMatrix({ Client, mock, foreign }) {
  const control = mockControl(mock);
  const foreignControl = mockControl(foreign);
  const matrix = {};
  for (const [fault, spec, expect, rowOptions = {}] of rows({ mock, foreign })) {
    const { foreignGetsNothing = false, ...clientOptions } = rowOptions;
    matrix[fault] = async () => {
      const client = new Client({ baseUrl: mock, auth: TOKEN, ...OPTIONS, ...clientOptions });
      const cells = [];
      for (const op of OPERATION_NAMES) {
        const faultSpec = typeof spec === "function" ? spec(op) : spec;
        cells.push(await cell(client, fault, op, faultSpec, expect[op] ?? expect.all, foreignGetsNothing));
      }
      const problems = cells.flatMap((c) => c.problems.map((p) => `${c.op}: ${p}`));
      if (problems.length > 0) throw Object.assign(new Error(`${fault}:\n${problems.join("\n")}`), { cells });
      return cells;
    };
  }
  return matrix;

  async function cell(client, fault, op, spec, expected, foreignGetsNothing) {
    const operation = OPERATIONS[op];
    await control.reset();
    await foreignControl.reset();
    await control.fault({ ...operation.target, ...spec });
    const started = Date.now();
    let outcome;
    let fine;
    try {
      const result = await operation.call(client, fault);
      outcome = operation.label(result);
      fine = expected.name === "ok" && operation.check(result, fault);
    } catch (error) {
      outcome = error.status ? `${error.name} ${error.status}` : String(error.name);
      fine = error.name === expected.name && error.status === expected.status;
    }
    const ms = Date.now() - started;
    const problems = [];
    const wanted = expected.name === "ok" ? "success" : `${expected.name} ${expected.status}`;
    if (!fine) problems.push(`expected ${wanted}, got ${outcome}`);
    if (ms < expected.min || ms > expected.max) problems.push(`took ${ms} ms, expected ${expected.min}..${expected.max} ms`);
    const { created } = await control.stats();
    const createdWanted = op === CREATE ? (expected.name === "ok" ? 1 : expected.created) : 0;
    if (created !== createdWanted) problems.push(`${created} statuses created, expected ${createdWanted}`);
    const requests = (await apiRequests(control)).length;
    const abroad = await apiRequests(foreignControl);
    if (abroad.some((r) => r.headers.authorization !== undefined)) problems.push("the other origin received the token");
    if (foreignGetsNothing && abroad.length > 0) problems.push(`the other origin received ${abroad.length} requests`);
    await control.reset();
    try {
      const next = await client.getDeploymentStatus({ ...WHERE, status_id: 1 });
      if (next.data.id !== 1) problems.push("the next call returned the wrong status");
    } catch (error) {
      problems.push(`the next call failed: ${error.name}: ${error.message}`);
    }
    return { fault, op, outcome, ms, requests, abroad: abroad.length, problems };
  }
}

/** The results as a Markdown table: one row per fault, one column per operation. */
export function matrixMarkdown(cells) {
  const faults = [...new Set(cells.map((c) => c.fault))];
  const find = (fault, op) => cells.find((c) => c.fault === fault && c.op === op);
  const show = (c) => {
    if (!c) return "—";
    const abroad = c.abroad ? `, ${c.abroad} to the other origin` : "";
    const flag = c.problems.length ? ` **✗ ${c.problems.join("; ")}**` : "";
    return `${c.outcome} · ${c.requests} req${abroad} · ${c.ms} ms${flag}`;
  };
  return [
    `| fault | ${OPERATION_NAMES.join(" | ")} |`,
    `|---|${OPERATION_NAMES.map(() => "---").join("|")}|`,
    ...faults.map((fault) => `| ${fault} | ${OPERATION_NAMES.map((op) => show(find(fault, op))).join(" | ")} |`),
  ].join("\n");
}
