// Bad input through the JS API, runnable unchanged in Node and workerd: every case must reject (or,
// for `new Client` and `iterate`, throw) a ValidationError whose `field` names what is wrong, and the
// mock's request log must prove that nothing was sent. Each scenario resolves to a line saying how many.
import { apiRequests, eq, fail, mockControl, TOKEN } from "../js/check.js";

const WHERE = { owner: "octo-org", repo: "hello-world", deployment_id: 42 };

/**
 * A valid call of each operation, and the type of each of its fields ("!" = required; "id": a
 * number or its decimal digits as a string).
 */
const OPERATIONS = {
  createDeploymentStatus: {
    valid: { ...WHERE, state: "success" },
    fields: {
      owner: "string!", repo: "string!", deployment_id: "id!", state: "string!", target_url: "string",
      log_url: "string", description: "string", environment: "string", environment_url: "string",
      auto_inactive: "boolean",
    },
  },
  listDeploymentStatuses: {
    valid: { ...WHERE },
    fields: { owner: "string!", repo: "string!", deployment_id: "id!", per_page: "number", page: "number" },
  },
  getDeploymentStatus: {
    valid: { ...WHERE, status_id: 1 },
    fields: { owner: "string!", repo: "string!", deployment_id: "id!", status_id: "id!" },
  },
};

/** One value of every JS type; a field gets each type but its own. */
const VALUES_BY_TYPE = {
  number: 42,
  string: "42",
  object: { value: 42 },
  array: ["42"],
  boolean: true,
  function: () => 42,
  symbol: Symbol("42"),
  bigint: 42n,
};

/** 140 code points: ZWJ emoji sequences, astral emoji and combining marks (180 UTF-16 units, 70 graphemes). */
export const DESCRIPTION_140 = "👩‍👩‍👧".repeat(10) + "🚀".repeat(10) + "e\u0301".repeat(30) + "a".repeat(20);

const URLS = [
  "javascript:alert(document.cookie)", "/deployments/42/log", "//evil.example/log", "ci.example.com/runs/7",
  "ftp://ci.example.com/runs/7", "https://", "https://ci.example.com/a b", "data:text/html,<script>alert(1)</script>",
  "http://ci.example.com/\r\nX-Evil: 1",
];
const NAMES = [
  "octo-org/hello-world", "..", ".", "%2F", "octo%2Forg", "hello?world", "hello#world", "héllo-wörld", "🚀", "",
  " ", "hello world", "x".repeat(101), "hello-world\r\n", "hello\u0000world", "../../user",
];
const IDS = [0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 1e300,
  "0", "042", " 42", "42 ", "4.2", "1e3", "-1", "+1", "0x2A", "", "9007199254740992", "4\u0662"];

/** [label, call(client), field] for every wrong type, null and missing value of every field. */
function typeCases(operation) {
  const { valid, fields } = OPERATIONS[operation];
  const cases = [];
  for (const [field, type] of Object.entries(fields)) {
    const own = type.replace("!", "");
    for (const [kind, value] of Object.entries(VALUES_BY_TYPE)) {
      const ownKind = kind === own || (own === "id" && (kind === "number" || kind === "string"));
      if (!ownKind) cases.push([`${field}: ${kind}`, (c) => c[operation]({ ...valid, [field]: value }), field]);
    }
    if (type.endsWith("!")) {
      const { [field]: _dropped, ...missing } = valid;
      cases.push([`${field}: null`, (c) => c[operation]({ ...valid, [field]: null }), field]);
      cases.push([`${field}: undefined`, (c) => c[operation]({ ...valid, [field]: undefined }), field]);
      cases.push([`${field}: missing`, (c) => c[operation](missing), field]);
    }
  }
  return cases;
}

/** Values of the right type that are still wrong. */
function valueCases() {
  const create = (field, value) => (c) => c.createDeploymentStatus({ ...WHERE, state: "success", [field]: value });
  const get = (field, value) => (c) => c.getDeploymentStatus({ ...WHERE, status_id: 1, [field]: value });
  const list = (field, value) => (c) => c.listDeploymentStatuses({ ...WHERE, [field]: value });
  const show = (value) => JSON.stringify(value) ?? String(value);
  return [
    ...["SUCCESS", "succeeded", "", " success", "success\n", "active", "inactive; DROP TABLE"]
      .map((state) => [`state ${show(state)}`, create("state", state), "state"]),
    [`description of 141 code points (+ "a")`, create("description", `${DESCRIPTION_140}a`), "description"],
    [`description of 141 code points (+ a combining mark)`, create("description", `${DESCRIPTION_140}\u0301`), "description"],
    ...["target_url", "log_url", "environment_url"].flatMap((field) =>
      URLS.map((url) => [`${field} ${show(url)}`, create(field, url), field])),
    ...NAMES.flatMap((name) => [
      [`owner ${show(name)}`, create("owner", name), "owner"],
      [`repo ${show(name)}`, get("repo", name), "repo"],
    ]),
    ...IDS.flatMap((id) => [
      [`deployment_id ${id}`, list("deployment_id", id), "deployment_id"],
      [`status_id ${id}`, get("status_id", id), "status_id"],
    ]),
    ...[0, 101, -1, 1.5, NaN].map((n) => [`per_page ${n}`, list("per_page", n), "per_page"]),
    ...[0, -1, 1.5, 2 ** 32].map((n) => [`page ${n}`, list("page", n), "page"]),
    [`an unknown parameter "stat"`, create("stat", "success"), "stat"],
    [`"statusId" for "status_id"`, (c) => c.getDeploymentStatus({ ...WHERE, statusId: 1 }), "statusId"],
  ];
}

/** Params and call options that are not objects, or hold what the call does not take. */
function shapeCases() {
  const calls = ["createDeploymentStatus", "listDeploymentStatuses", "getDeploymentStatus", "paginate"];
  const params = [null, undefined, 42, "octo-org/hello-world", [], () => WHERE, true, Symbol("params")];
  return [
    // A function first is a list method for paginate: one it does not know is refused as "method".
    ...calls.flatMap((call) => params.map((p) => [`${call}(${String(p)})`, (c) => c[call](p), call === "paginate" && typeof p === "function" ? "method" : "params"])),
    ...["createDeploymentStatus", "listDeploymentStatuses", "getDeploymentStatus"].flatMap((call) => {
      const args = OPERATIONS[call].valid;
      return [
        [`${call}(params, 42)`, (c) => c[call](args, 42), "options"],
        [`${call}(params, { signal: "abort" })`, (c) => c[call](args, { signal: "abort" }), "signal"],
        [`${call}(params, { signal: { aborted: true } })`, (c) => c[call](args, { signal: { aborted: true } }), "signal"],
        [`${call}(params, { timeout: 5 })`, (c) => c[call](args, { timeout: 5 }), "timeout"],
      ];
    }),
    ["paginate maxPages 0", (c) => c.paginate(WHERE, { maxPages: 0 }), "maxPages"],
    ["paginate maxPages 1.5", (c) => c.paginate(WHERE, { maxPages: 1.5 }), "maxPages"],
    ["paginate onPage not a function", (c) => c.paginate(WHERE, { onPage: "log" }), "onPage"],
    ["paginate with status_id (not a listing parameter)", (c) => c.paginate({ ...WHERE, status_id: 1 }), "status_id"],
    ["iterate owner 42 (throws at once)", (c) => c.iterate({ ...WHERE, owner: 42 }), "owner"],
    ["iterate per_page 0 (throws at once)", (c) => c.iterate({ ...WHERE, per_page: 0 }), "per_page"],
    ["watch without onChange", (c) => c.watch(WHERE, {}), "onChange"],
    ["watch intervalMs 0", (c) => c.watch(WHERE, { onChange() {}, intervalMs: 0 }), "intervalMs"],
    ["watch intervalMs 999 (one poll a second at most)", (c) => c.watch(WHERE, { onChange() {}, intervalMs: 999 }), "intervalMs"],
    ["watch repo 'a/b'", (c) => c.watch({ ...WHERE, repo: "a/b" }, { onChange() {} }), "repo"],
  ];
}

/** `new Client(options)` with bad options; `mock` is the baseUrl of the options that are fine. */
function clientCases(Client, mock) {
  const client = (options) => () => new Client({ baseUrl: mock, ...options });
  const bad = {
    baseUrl: ["api.github.com", "api.github.com/api/v3", "https://api.github.com?per_page=100",
      "https://api.github.com/#x", "ftp://api.github.com", "javascript:alert(1)", "https://user:pass@api.github.com",
      "/api/v3", "", "https://", "http://exa mple.com", 42],
    auth: ["ghp_abc\ndef", "ghp_abc\r\nX-Evil: 1", "Bearer ghp_abc", "ghp_é", 42, {}],
    apiVersion: ["latest", "2026-3-10", 20260310],
    userAgent: ["bot\r\nX-Evil: 1", "", 42],
    timeoutMs: [0, -1, 1.5, 2 ** 31, "500"],
    retries: [11, -1, 1.5, "2"],
    maxRateLimitWaitMs: [-1, 2 ** 31, "60000"],
    cache: [{ maxEntries: 0 }, { maxEntries: 10_001 }, {}, "yes", 1],
  };
  return [
    ...Object.entries(bad).flatMap(([field, values]) =>
      values.map((value) => [`${field} ${JSON.stringify(value)}`, client({ [field]: value }), field])),
    [`an unknown option "token"`, client({ token: TOKEN }), "token"],
    ["options 42", () => new Client(42), "options"],
    [`options "${mock}"`, () => new Client(mock), "options"],
  ];
}

/** Proxies whose traps throw: the call must still reject with a ValidationError, never hang. */
function hostileCases(Client) {
  const throwing = () => new Proxy({ ...WHERE, status_id: 1, state: "success" }, {
    ownKeys() { throw new Error("ownKeys trap"); },
  });
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  return [
    ["getDeploymentStatus(a Proxy whose ownKeys throws)", (c) => c.getDeploymentStatus(throwing()), "params"],
    ["createDeploymentStatus(a Proxy whose ownKeys throws)", (c) => c.createDeploymentStatus(throwing()), "params"],
    ["listDeploymentStatuses(a revoked Proxy)", (c) => c.listDeploymentStatuses(revoked()), "params"],
    ["getDeploymentStatus(params, a revoked Proxy)", (c) => c.getDeploymentStatus({ ...WHERE, status_id: 1 }, revoked()), "options"],
    ["paginate(a revoked Proxy)", (c) => c.paginate(revoked()), "params"],
    ["new Client(a revoked Proxy)", () => new Client(revoked()), "options"],
  ];
}

/** `cache` options that are wrong inside: the error names `cache`. */
function cacheCases(Client, mock) {
  return [{ maxEntries: "64" }, { maxEntries: 1.5 }, { max: 5 }].map((cache) =>
    [`cache ${JSON.stringify(cache)}`, () => new Client({ baseUrl: mock, cache }), "cache"]);
}

const HOSTILE = "hostile objects (throwing Proxy traps) reject with ValidationError instead of hanging";
const CACHE = "client option cache: a bad maxEntries or key is reported as field \"cache\"";


/** Runs `cases` with a client of the mock; every one must be refused with its field, nothing sent. */
async function refuseAll(Client, mock, cases, { settleWithinMs = 2000 } = {}) {
  const control = mockControl(mock);
  const client = new Client({ baseUrl: mock, auth: TOKEN, retries: 0 });
  await control.clearRequests();
  const wrong = [];
  for (const [label, call, field] of cases) {
    let error;
    let timer;
    try {
      const hang = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not settle within ${settleWithinMs} ms`)), settleWithinMs);
      });
      await Promise.race([Promise.resolve().then(() => call(client)), hang]);
    } catch (caught) {
      error = caught;
    } finally {
      clearTimeout(timer);
    }
    if (!error) wrong.push(`${label}: resolved`);
    else if (!(error instanceof Error) || error.name !== "ValidationError") wrong.push(`${label}: ${error?.name}: ${error?.message}`);
    else if (error.field !== field) wrong.push(`${label}: field ${JSON.stringify(error.field)}, expected ${JSON.stringify(field)}`);
  }
  const sent = await apiRequests(control);
  if (sent.length > 0) wrong.push(`${sent.length} requests reached the mock: ${sent.map((r) => `${r.method} ${r.path}`).join(", ")}`);
  if (wrong.length > 0) fail(`${wrong.length} of ${cases.length} bad inputs were not refused as promised:\n${wrong.join("\n")}`);
  return cases.length;
}

/** { [scenario]: async () => what was checked } for `context` = { Client, mock, runtime }. */
export function badInputs({ Client, mock }) {
  const refuse = (cases, options) => async () =>
    `${await refuseAll(Client, mock, cases, options)} bad inputs refused with their field; nothing sent`;
  const scenarios = Object.fromEntries(Object.keys(OPERATIONS).map((operation) => [
    `${operation}: every field with every wrong JS type, null, undefined and missing`,
    refuse(typeCases(operation)),
  ]));
  return {
    ...scenarios,
    "values: unknown states, 141 characters, bad URLs, owner/repo with / .. %2F ? # unicode, bad ids and page sizes":
      refuse(valueCases()),
    "params and call options that are not objects or hold what the call does not take (paginate, iterate, watch too)":
      refuse(shapeCases()),
    "client options: baseUrl without a scheme or with a query, a token with a newline, and every other option":
      refuse(clientCases(Client, mock)),
    "description: 140 code points with emoji and combining marks are sent, 141 are refused": async () => {
      eq([...DESCRIPTION_140].length, 140, "code points in the 140 description");
      const control = mockControl(mock);
      await control.reset();
      await control.clearRequests();
      const client = new Client({ baseUrl: mock, auth: TOKEN });
      const created = await client.createDeploymentStatus({ ...WHERE, state: "success", description: DESCRIPTION_140 });
      eq(created.status, 201, "140 code points: created");
      eq(created.data.description, DESCRIPTION_140, "140 code points: stored as sent");
      const sent = (await apiRequests(control)).filter((r) => r.method === "POST");
      eq(sent.map((r) => JSON.parse(r.body).description), [DESCRIPTION_140], "140 code points: the body sent");
      const refused = await refuseAll(Client, mock, valueCases().filter(([label]) => label.startsWith("description")));
      return `140 code points created as sent; ${refused} of 141 refused, nothing sent`;
    },
    [CACHE]: refuse(cacheCases(Client, mock)),
    [HOSTILE]: refuse(hostileCases(Client), { settleWithinMs: 500 }),
  };
}
