// Property test of the npm package's JS API (fast-check, node:test): 10,000 random calls, zero traps.
//
// Each run builds a Client from random options, calls one of createDeploymentStatus,
// listDeploymentStatuses, getDeploymentStatus, paginate or iterate with random params and call
// options, and, for the calls that reach the network, makes the mock GitHub answer at random
// through its fault injection (status, body, headers, content type, delay, reset, truncation).
// Property: every call settles, by resolving or by rejecting with a real Error named
// ValidationError, HttpError, NetworkError, TimeoutError, AbortError or DecodeError (or the very
// error a caller's own callback or hostile object threw): never a wasm trap (`RuntimeError:
// unreachable`) or any other error; the token never shows in an error; nothing is thrown
// asynchronously. After the run, the same long-lived Client and a new Client still work.
//
//   node --test tests/property/                       # 10,000 runs, about 40 s on 2 cores
//   PROPERTY_RUNS=1000 PROPERTY_SEED=42 node --test tests/property/
//
// Most random inputs are rejected client-side (cheap); about 40 % of the runs are
// network-bound, sequential, with waits kept tiny: timeoutMs 20-150, retries 0 (rarely 1),
// maxRateLimitWaitMs 0-30, createCheckWindowMs 0-50, and delays of at most 80 ms.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { Client } from "github-deployment-status";
import { startMock } from "../js/mock-process.js";
import { mockControl, TOKEN } from "../js/check.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const ALLOWED = new Set(["ValidationError", "HttpError", "NetworkError", "TimeoutError", "AbortError", "DecodeError"]);
/** A call that has not settled after this long never will: the property fails. */
const WATCHDOG_MS = 15_000;
/** The mock is reset (rate-limit windows, statuses, faults) after this many network-bound runs. */
const RESET_EVERY = 300;
const OWNER = "octo-org";
const REPO = "hello-world";

// ---------------------------------------------------------------------------------------------
// Values a careless or hostile caller can pass.

/** Thrown by the test's own callbacks and hostile objects; a call may reject with it. */
class SentinelError extends Error {
  constructor(what) {
    super(`sentinel: ${what}`);
    this.name = "SentinelError";
  }
}

/** A placeholder for a hostile object, made real only when the call runs (printing one is safe). */
class Hostile {
  constructor(kind) {
    this.kind = kind;
  }
  toString() {
    return `Hostile(${this.kind})`;
  }
}

function makeHostile(kind) {
  const boom = () => {
    throw new SentinelError(kind);
  };
  switch (kind) {
    case "throwing-getter":
      return Object.defineProperty({ owner: OWNER, repo: REPO }, "deployment_id", { enumerable: true, get: boom });
    case "proxy-get":
      return new Proxy({ owner: OWNER, repo: REPO, deployment_id: 42 }, { get: boom });
    case "proxy-ownKeys":
      return new Proxy({ owner: OWNER }, { ownKeys: boom });
    case "proxy-getPrototypeOf":
      return new Proxy({ owner: OWNER, repo: REPO, deployment_id: 42 }, { getPrototypeOf: boom });
    case "array-proxy-get":
      return new Proxy([OWNER, REPO], { get: boom });
    case "revoked-proxy": {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }
    case "to-primitive":
      return { [Symbol.toPrimitive]: boom, valueOf: boom, toString: boom };
    case "throwing-function":
      return boom;
    default:
      throw new Error(`unknown hostile kind ${kind}`);
  }
}

/** Objects whose traps or getters throw when the library reads them (see also hostile-child.js). */
const HOSTILE_KINDS = ["throwing-getter", "proxy-get", "proxy-ownKeys", "revoked-proxy", "proxy-getPrototypeOf",
  "array-proxy-get", "to-primitive", "throwing-function"];

/** Replaces placeholders by real hostile objects, in plain objects and arrays (3 levels deep). */
function materialize(value, depth = 0) {
  if (value instanceof Hostile) return makeHostile(value.kind);
  if (depth > 3 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return Array.from(value, (v) => materialize(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  for (const key of Reflect.ownKeys(value)) out[key] = materialize(value[key], depth + 1);
  return out;
}

function containsHostile(value, depth = 0) {
  if (value instanceof Hostile) return true;
  if (depth > 3 || value === null || typeof value !== "object") return false;
  if (Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value) && Object.getPrototypeOf(value) !== null) return false;
  return Reflect.ownKeys(value).some((key) => containsHostile(value[key], depth + 1));
}

const HUGE_ASCII = "x".repeat(1 << 20);
const HUGE_UNICODE = "é🚀\u0000\u202e".repeat(1 << 16);

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

/** Strings with unicode, control characters, lone surrogates, path tricks and header injection. */
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 160 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, controlChar, fc.constantFrom("a", "/", "%", "\\", ".", "\r\n")), maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom("", " ", ".", "..", "a/b", "a%2Fb", "../../etc/passwd", "octo-org\r\nX-Injected: 1",
      "\u0000", "\uFEFFocto-org", "🚀".repeat(141), "é".repeat(140), "e\u0301".repeat(80), "a".repeat(101),
      "https://example.com/ok", "http://x", "javascript:alert(1)", "https://ex ample.com", "https://例え.jp/パス",
      "//evil.example", "HTTPS://EXAMPLE.COM", "https://user:pw@example.com/", "in_progress", "SUCCESS", "success\u0000"),
  },
  { weight: 1, arbitrary: fc.constantFrom(HUGE_ASCII, HUGE_UNICODE) },
);

/** Anything at all a JS caller could pass where a value is expected. */
const junk = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(undefined, null, NaN, Infinity, -Infinity, -0, 0, 1, 42, 2 ** 53, 2 ** 53 - 1, 2 ** 53 + 2,
      -1, 1.5, 1e-300, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 2 ** 31, 2 ** 32, true, false, "", "42",
      "null", [], {}, [42], Symbol("junk"), 10n, -(2n ** 64n), new Date(0), /re/, new Map([["owner", OWNER]]),
      new Uint8Array(4), Promise.resolve(42), new Number(42), new String("octo-org")),
  },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.double() },
  { weight: 3, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 2, maxKeys: 4, withBigInt: true, withBoxedValues: true, withMap: true, withSet: true,
      withNullPrototype: true, withTypedArray: true, withSparseArray: true, withDate: true, withObjectString: true,
    }),
  },
  { weight: 1, arbitrary: fc.func(fc.anything({ maxDepth: 1 })) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_KINDS).map((kind) => new Hostile(kind)) },
);

const junkKey = fc.oneof(
  fc.constantFrom("owner", "repo", "deployment_id", "status_id", "state", "per_page", "page", "description", "log_url",
    "target_url", "environment", "environment_url", "auto_inactive", "__proto__", "constructor", "toString", "",
    "Owner", "deploymentId", "statusId", "perPage", "signal", "maxPages", "onPage", "auth", "baseUrl"),
  fc.string({ unit: "binary", maxLength: 12 }),
);

// ---------------------------------------------------------------------------------------------
// Params: well-formed (valid or merely surprising), then randomly broken.

const STATES = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];
const validName = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,38}$/).filter((s) => s !== "." && s !== "..");
const httpUrl = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constant("https://example.com/logs/1"));
const safeId = fc.oneof(fc.constantFrom(1, 42, 43, 2 ** 53 - 1), fc.integer({ min: 1, max: 2 ** 53 - 1 }));

const where = (deploymentIds) =>
  fc.record({
    owner: fc.oneof({ weight: 8, arbitrary: fc.constant(OWNER) }, { weight: 1, arbitrary: validName }, { weight: 1, arbitrary: fc.constant("octo-ORG") }),
    repo: fc.oneof({ weight: 8, arbitrary: fc.constant(REPO) }, { weight: 1, arbitrary: validName }, { weight: 1, arbitrary: fc.constant("secret-repo") }),
    deployment_id: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...deploymentIds) }, { weight: 1, arbitrary: safeId }),
  });

const wellFormed = {
  create: fc.tuple(
    where([43, 42]),
    fc.record(
      {
        state: fc.constantFrom(...STATES),
        target_url: httpUrl,
        log_url: httpUrl,
        description: fc.oneof(fc.string({ unit: "grapheme", maxLength: 140 }), fc.string({ unit: "binary", maxLength: 140 })),
        environment: fc.oneof(fc.constantFrom("production", "staging"), fc.string({ unit: "binary", maxLength: 30 })),
        environment_url: httpUrl,
        auto_inactive: fc.boolean(),
      },
      { requiredKeys: ["state"] },
    ),
  ).map(([w, rest]) => ({ ...w, ...rest })),
  list: fc.tuple(
    where([42, 43]),
    fc.record({ per_page: fc.integer({ min: 1, max: 100 }), page: fc.integer({ min: 1, max: 4 }) }, { requiredKeys: [] }),
  ).map(([w, rest]) => ({ ...w, ...rest })),
  get: fc.tuple(where([42]), fc.oneof(fc.integer({ min: 1, max: 6 }), safeId)).map(([w, status_id]) => ({ ...w, status_id })),
  all: fc.tuple(where([42, 43]), fc.record({ per_page: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: [] }))
    .map(([w, rest]) => ({ ...w, ...rest })),
};

/** A mutation of a params object: set a key to junk, delete a key, or replace the whole. */
const mutation = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("set"), key: junkKey, value: junk }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("delete"), key: junkKey }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("replace"), value: junk }) },
);

function mutate(params, mutations) {
  let out = params;
  for (const m of mutations) {
    if (m.op === "replace") {
      out = m.value;
    } else if (out !== null && typeof out === "object" && !Array.isArray(out) && !(out instanceof Hostile)) {
      // (Arrays are left alone: an array with an own `constructor` cannot even be printed.)
      out = { ...out };
      if (m.op === "set") out[m.key] = m.value;
      else delete out[m.key];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Client options: safe ones (loopback, tiny waits), or broken ones.

/** Client options whose calls only reach loopback and wait at most a few hundred ms. */
function safeOptions(mock) {
  return fc.record(
    {
      baseUrl: fc.oneof(
        { weight: 12, arbitrary: fc.constant(mock) },
        { weight: 2, arbitrary: fc.constantFrom(`${mock}/`, `${mock}/api/v3`, mock.replace("127.0.0.1", "localhost")) },
        { weight: 1, arbitrary: fc.constant("http://127.0.0.1:1") },
      ),
      auth: fc.oneof({ weight: 12, arbitrary: fc.constant(TOKEN) }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant("ghp_wrong") }),
      timeoutMs: fc.integer({ min: 20, max: 150 }),
      retries: fc.oneof({ weight: 19, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) }),
      maxRateLimitWaitMs: fc.integer({ min: 0, max: 30 }),
      createCheckWindowMs: fc.integer({ min: 0, max: 50 }),
      cache: fc.oneof(fc.constant(undefined), fc.boolean(), fc.record({ maxEntries: fc.integer({ min: 1, max: 3 }) })),
      apiVersion: fc.constantFrom(undefined, "2026-03-10", "2022-11-28", null, "2021-01-01"),
      userAgent: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 30 }) }),
    },
    { requiredKeys: ["baseUrl", "timeoutMs", "retries", "maxRateLimitWaitMs", "createCheckWindowMs"] },
  ).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}

const OPTION_KEYS = ["auth", "baseUrl", "apiVersion", "userAgent", "timeoutMs", "retries", "maxRateLimitWaitMs",
  "createCheckWindowMs", "maxBodyBytes", "cache"];
const optionJunk = fc.oneof(
  junk,
  fc.constantFrom("ftp://127.0.0.1", "http://user:pw@127.0.0.1", "http://127.0.0.1?x=1", "http://127.0.0.1#f", "127.0.0.1",
    "/relative", "http://", "https://[::1", "ghp_token with space", "ghp\r\nx", "2026-3-10", "2026-13-40", 0, 2147483648, 11,
    { maxEntries: 0 }, { maxEntries: 10001 }, { maxEntries: 2.5 }, { other: 1 }),
);
const optionMutation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("set"), key: fc.constantFrom(...OPTION_KEYS), value: optionJunk }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("set"), key: junkKey, value: junk }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("replace"), value: junk }) },
);

/** Whether calls made with a Client built from `options` stay on loopback and wait little. */
function safe(options) {
  if (options === null || typeof options !== "object" || options instanceof Hostile) return false;
  let baseUrl, timeoutMs, retries, maxRateLimitWaitMs, createCheckWindowMs, host;
  try {
    ({ baseUrl, timeoutMs, retries, maxRateLimitWaitMs, createCheckWindowMs } = options);
    host = new URL(baseUrl).hostname;
  } catch {
    return false;
  }
  return typeof baseUrl === "string" && (host === "127.0.0.1" || host === "localhost") &&
    Number.isInteger(timeoutMs) && timeoutMs <= 1000 && (retries === 0 || retries === 1) &&
    Number.isInteger(maxRateLimitWaitMs) && maxRateLimitWaitMs <= 100 &&
    Number.isInteger(createCheckWindowMs) && createCheckWindowMs <= 100;
}

// ---------------------------------------------------------------------------------------------
// Call options.

/** Signals, made when the call runs. */
const signalSpec = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ signal: "fresh" }) },
  { weight: 2, arbitrary: fc.constant({ signal: "aborted" }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 30 }).map((ms) => ({ signal: "timeout", ms })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 30 }).map((ms) => ({ signal: "later", ms })) },
);

function makeSignal(spec) {
  switch (spec.signal) {
    case "aborted":
      return AbortSignal.abort();
    case "timeout":
      return AbortSignal.timeout(spec.ms);
    case "later": {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), spec.ms).unref?.();
      return controller.signal;
    }
    default:
      return new AbortController().signal;
  }
}

const callOptions = (op) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(null, {}) },
    { weight: 3, arbitrary: signalSpec.map((spec) => ({ kind: "signal", spec })) },
    ...(op === "paginate"
      ? [{
        weight: 3,
        arbitrary: fc.record(
          {
            maxPages: fc.oneof(fc.integer({ min: 1, max: 3 }), junk),
            onPage: fc.constantFrom("count", "throws", "junk"),
            signal: fc.option(signalSpec, { nil: undefined }),
          },
          { requiredKeys: [] },
        ).map((o) => ({ kind: "paginate", ...o })),
      }]
      : []),
    { weight: 1, arbitrary: junk.map((value) => ({ kind: "junk", value })) },
    { weight: 1, arbitrary: fc.record({ key: junkKey, value: junk }).map(({ key, value }) => ({ kind: "junk", value: { [key]: value } })) },
    { weight: 1, arbitrary: junk.map((value) => ({ kind: "junk", value: { signal: value } })) },
  );

function makeCallOptions(spec) {
  if (spec === undefined || spec === null || spec.kind === undefined) return spec;
  if (spec.kind === "signal") return { signal: makeSignal(spec.spec) };
  if (spec.kind === "junk") return materialize(spec.value);
  const out = {};
  if (spec.maxPages !== undefined) out.maxPages = materialize(spec.maxPages);
  if (spec.onPage === "count") out.onPage = (p) => assert.equal(typeof p.page, "number");
  if (spec.onPage === "throws") out.onPage = () => { throw new SentinelError("onPage"); };
  if (spec.onPage === "junk") out.onPage = "not a function";
  if (spec.signal) out.signal = makeSignal(spec.signal);
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the mock answers: GitHub's answer, or a random one.

const EXAMPLE_STATUS = {
  url: "https://api.github.com/repos/octocat/example/deployments/42/statuses/1",
  id: 1,
  node_id: "MDE2OkRlcGxveW1lbnRTdGF0dXMx",
  state: "success",
  creator: null,
  description: "Deployment finished successfully.",
  environment: "production",
  target_url: "https://example.com/deployment/42/output",
  created_at: "2012-07-20T01:19:13Z",
  updated_at: "2012-07-20T01:19:13Z",
  deployment_url: "https://api.github.com/repos/octocat/example/deployments/42",
  repository_url: "https://api.github.com/repos/octocat/example",
  environment_url: "https://test-branch.lab.acme.com",
  log_url: "https://example.com/deployment/42/output",
};
const STATUS_KEYS = Object.keys(EXAMPLE_STATUS);
const HUGE_LIST_BODY = JSON.stringify(Array.from({ length: 1500 }, (_, i) => ({ ...EXAMPLE_STATUS, id: i + 1 })));
const HUGE_TEXT_BODY = "<html>".padEnd(3 << 20, "x");
const DEEP_BODY = "[".repeat(100_000) + "]".repeat(100_000);

/** A status as GitHub sends it, possibly with a field removed, retyped or added. */
const statusValue = fc.tuple(
  fc.array(
    fc.oneof(
      fc.record({ op: fc.constant("set"), key: fc.oneof(fc.constantFrom(...STATUS_KEYS, "performed_via_github_app"), junkKey), value: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({ op: fc.constant("delete"), key: fc.constantFrom(...STATUS_KEYS) }),
    ),
    { maxLength: 2 },
  ),
  fc.integer({ min: 1, max: 2 ** 53 - 1 }),
).map(([mutations, id]) => mutate({ ...EXAMPLE_STATUS, id }, mutations));

const jsonText = fc.oneof(
  { weight: 4, arbitrary: statusValue.map((s) => JSON.stringify(s)) },
  { weight: 4, arbitrary: fc.array(statusValue, { maxLength: 3 }).map((l) => JSON.stringify(l)) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.record({
      message: fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("Not Found", "Validation Failed",
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")),
      documentation_url: fc.option(fc.oneof(fc.webUrl(), fc.jsonValue({ maxDepth: 1 }))),
      errors: fc.option(fc.oneof(fc.array(fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.record({ resource: fc.string(), code: fc.string(), field: fc.string() }))), fc.jsonValue({ maxDepth: 1 }))),
    }, { requiredKeys: [] }).map((e) => JSON.stringify(e)),
  },
  // JSON that JSON.parse takes but that is unusual: escapes, duplicate keys, huge numbers.
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      JSON.stringify(EXAMPLE_STATUS).replace('"id":', '"\\u0069d":'),
      JSON.stringify(EXAMPLE_STATUS).replace("}", ',"id":2}'),
      JSON.stringify(EXAMPLE_STATUS).replace('"success"', '"succ\\u0065ss"'),
      JSON.stringify(EXAMPLE_STATUS).replace('"production"', "null"),
      JSON.stringify(EXAMPLE_STATUS).replace('"id":1', '"id":99999999999999999999'),
      JSON.stringify(EXAMPLE_STATUS).replace('"id":1', '"id":9007199254740993'),
      JSON.stringify(EXAMPLE_STATUS).replace('"Deployment', '"\\ud800Deployment'),
      JSON.stringify([EXAMPLE_STATUS]).replace("}", ',"x":1e400}'),
      `[${JSON.stringify(EXAMPLE_STATUS)},]`,
      `\uFEFF${JSON.stringify(EXAMPLE_STATUS)}`,
    ),
  },
);

const body = fc.oneof(
  { weight: 8, arbitrary: jsonText },
  { weight: 3, arbitrary: fc.tuple(jsonText, fc.double({ min: 0, max: 1, noNaN: true })).map(([t, f]) => t.slice(0, Math.floor(t.length * f))) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom("{", "}", "[", "]", '"', ",", ":")), maxLength: 50 }) },
  { weight: 1, arbitrary: fc.constantFrom("", "null", "{}", "[]", "[{}]", "true", "0", '"text"', " ") },
  { weight: 1, arbitrary: fc.constantFrom(HUGE_LIST_BODY, HUGE_TEXT_BODY, DEEP_BODY, "{\"a\":".repeat(50_000)) },
);

const headerValueChar = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  { weight: 1, arbitrary: fc.constant(0x09) },
).map((c) => String.fromCharCode(c));
const headerText = fc.string({ unit: headerValueChar, maxLength: 60 });

const numberText = (nowSec) =>
  fc.oneof(
    fc.nat().map(String),
    fc.constantFrom("0", "-1", "1e3", "", " 7 ", "+5", "18446744073709551616", "99999999999999999999999", "NaN", "0x10", "1.5"),
    fc.integer({ min: -5, max: 5 }).map((d) => String(nowSec + d)),
    headerText,
  );

/** `Link` values: GitHub's, pointing back, elsewhere, or nonsense. */
function linkValue(mock) {
  const page = (n, per) => `${mock}/repos/${OWNER}/${REPO}/deployments/42/statuses?per_page=${per}&page=${n}`;
  const entry = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2 }), fc.constantFrom("next", "last", "prev", "first", "next last"))
      .map(([n, per, rel]) => `<${page(n, per)}>; rel="${rel}"`),
    fc.constantFrom(
      `<${mock}/repos/${OWNER}/${REPO}/deployments/42/statuses>; rel="next"`,
      `<${mock}/repos/nobody/nothing/deployments/9/statuses?page=2>; rel="next"`,
      `<${mock}/api/v3/repos/${OWNER}/${REPO}/deployments/42/statuses?page=2>; rel="next"`,
      `<https://api.github.com/repos/${OWNER}/${REPO}/deployments/42/statuses?page=2>; rel="next"`,
      `<http://127.0.0.1:1/x?page=2>; rel="next"`,
      `<${mock}.evil.example/x?page=2>; rel="next"`,
      `<${mock}@evil.example/x?page=2>; rel="next"`,
      `<>; rel="next"`,
      `<${mock}/x?page=99999999999>; rel="last"`,
    ),
    headerText,
  );
  return fc.array(entry, { minLength: 1, maxLength: 3 }).map((entries) => entries.join(", "));
}

const HEADER_NAMES = ["link", "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
  "x-ratelimit-used", "x-ratelimit-resource", "etag", "x-poll-interval", "content-type", "content-encoding", "x-random"];

function headers(mock, nowSec) {
  const value = (name) => {
    if (name === "link") return linkValue(mock);
    if (name === "retry-after") return fc.oneof({ weight: 3, arbitrary: fc.constantFrom("0", "1", "30", "-1", "abc", "", " 0 ", "99999999999999999999999", "1.5", "Wed, 21 Oct 2015 07:28:00 GMT") }, { weight: 1, arbitrary: fc.nat().map(String) });
    if (name.startsWith("x-ratelimit-") && name !== "x-ratelimit-resource") return numberText(nowSec);
    if (name === "etag") return fc.oneof(fc.constantFrom('"abc"', 'W/"abc"', ""), headerText);
    if (name === "content-encoding") return fc.constantFrom("identity", "gzip", "br", "deflate", "bogus");
    return headerText;
  };
  return fc.array(fc.constantFrom(...HEADER_NAMES).chain((name) => fc.tuple(fc.constant(name), fc.oneof({ weight: 9, arbitrary: value(name) }, { weight: 1, arbitrary: fc.constant(null) }))), { maxLength: 5 })
    .map((pairs) => Object.fromEntries(pairs));
}

const STATUS_CODES = [200, 201, 202, 204, 206, 301, 302, 304, 400, 401, 403, 404, 409, 410, 422, 429, 451, 500, 502, 503, 504];

function fault(mock, nowSec) {
  return fc.record(
    {
      status: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(200, 201) },
        { weight: 5, arbitrary: fc.constantFrom(...STATUS_CODES) },
        { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
      ),
      body,
      content_type: fc.constantFrom("application/json; charset=utf-8", "application/json", "application/vnd.github+json",
        "text/html", "text/plain; charset=iso-8859-1", "application/json; charset=utf-16", "application/octet-stream", ""),
      headers: headers(mock, nowSec),
      reset: fc.constantFrom("before", "after"),
      delay_ms: fc.integer({ min: 1, max: 80 }),
      truncate: fc.boolean(),
      apply: fc.boolean(),
      times: fc.constantFrom(1, 2),
    },
    { requiredKeys: [] },
  ).chain((f) =>
    // Resets and delays are the slow ones: keep them rare.
    fc.tuple(fc.constant(f), fc.integer({ min: 0, max: 99 })).map(([spec, dice]) => {
      const out = { ...spec };
      if (out.reset && dice >= 12) delete out.reset;
      if (out.delay_ms && dice % 10 >= 2) delete out.delay_ms;
      if (out.truncate && dice % 4 !== 0) delete out.truncate;
      return out;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// One random run.

const OPS = ["create", "list", "get", "paginate", "iterate"];

function caseArbitrary(mock) {
  const nowSec = Math.floor(Date.now() / 1000);
  const forOp = (op) => {
    const params = op === "create" ? wellFormed.create : op === "list" ? wellFormed.list : op === "get" ? wellFormed.get : wellFormed.all;
    // Network-bound: well-formed params and a safe client; the mock answers at random.
    const network = fc.record({
      kind: fc.constant("network"),
      op: fc.constant(op),
      client: fc.oneof({ weight: 2, arbitrary: fc.constant("shared") }, { weight: 3, arbitrary: safeOptions(mock) }),
      params,
      call: callOptions(op),
      fault: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: fault(mock, nowSec) }),
      iterate: fc.constantFrom("loop", "loop", "loop", "concurrent", "return-early"),
    });
    // Mostly client-side: broken params, options or call options (if they happen to be valid,
    // the call goes to the mock, which answers normally).
    const local = fc.record({
      kind: fc.constant("local"),
      op: fc.constant(op),
      client: fc.oneof(
        { weight: 3, arbitrary: fc.constant("shared") },
        { weight: 2, arbitrary: fc.tuple(safeOptions(mock), fc.array(optionMutation, { minLength: 1, maxLength: 2 })).map(([o, m]) => ({ mutated: mutate(o, m) })) },
      ),
      params: fc.tuple(params, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([p, m]) => mutate(p, m)),
      call: callOptions(op),
      fault: fc.constant(null),
      iterate: fc.constantFrom("loop", "concurrent", "return-early"),
    });
    return fc.oneof({ weight: 3, arbitrary: local }, { weight: 2, arbitrary: network });
  };
  return fc.constantFrom(...OPS).chain(forOp);
}

const stats = {
  runs: 0,
  network: 0,
  local: 0,
  faults: 0,
  clientRejected: 0,
  unsafeOptionsSkipped: 0,
  outcomes: new Map(),
  asyncErrors: [],
};

function count(outcome) {
  stats.outcomes.set(outcome, (stats.outcomes.get(outcome) ?? 0) + 1);
}

/** Describes an error for a failure message. */
function describe(error) {
  if (!(error instanceof Error)) return `non-Error ${typeof error}: ${String(error).slice(0, 200)}`;
  return `${error.name}: ${String(error.message).slice(0, 300)}\n${String(error.stack).split("\n").slice(0, 6).join("\n")}`;
}

/** Awaits `promise`, failing if it does not settle within WATCHDOG_MS. */
async function settled(promise, what) {
  let timer;
  const watchdog = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${WATCHDOG_MS} ms: ${what}`)), WATCHDOG_MS);
  });
  try {
    return await Promise.race([promise, watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `call` (sync or async) and returns { value } or { error }, never throwing. */
async function outcomeOf(call, what) {
  try {
    return { value: await settled(Promise.resolve().then(call), what) };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("did not settle")) throw error;
    return { error };
  }
}

function checkError(error, hostile, what) {
  const trap = error instanceof Error && (error.name === "RuntimeError" || /unreachable|wasm|memory access out of bounds/i.test(String(error.message)));
  assert.ok(!trap, `wasm trap: ${describe(error)} in ${what}`);
  assert.ok(error instanceof Error, `rejected with a non-Error: ${describe(error)} in ${what}`);
  const ok = ALLOWED.has(error.name) || (hostile && (error.name === "SentinelError" || error.name === "TypeError"));
  assert.ok(ok, `rejected with ${describe(error)} in ${what}`);
  if (error.name === "HttpError") {
    assert.ok(Number.isInteger(error.status) && (error.status < 200 || error.status >= 300), `HttpError with status ${error.status} in ${what}`);
    assert.equal(error.response?.status, error.status, "HttpError.response.status");
    assert.ok(Array.isArray(error.errors), "HttpError.errors is an array");
    assert.equal(error.request?.headers?.authorization ?? "Bearer [REDACTED]", "Bearer [REDACTED]", "authorization redacted");
  }
  if (["NetworkError", "TimeoutError", "AbortError"].includes(error.name)) assert.equal(error.status, 0, `${error.name}.status`);
  if (error.name === "DecodeError") assert.ok(Number.isInteger(error.status), "DecodeError.status");
  if (error.name === "ValidationError") assert.equal(typeof error.field, "string", "ValidationError.field");
  for (const text of [error.message, JSON.stringify(error.request ?? null), String(error.cause ?? "")]) {
    assert.ok(!String(text).includes(TOKEN), `the token shows in ${error.name}`);
  }
  count(error.name === "SentinelError" || error.name === "TypeError" ? `${error.name} (from the caller's own object)` : error.name);
}

/** What the spec guarantees of a status that reached the caller (the schema check's promise). */
function checkStatus(status, what) {
  assert.ok(status && typeof status === "object" && !Array.isArray(status), `a status is ${typeof status} in ${what}`);
  assert.ok(Number.isInteger(status.id) && status.id >= 0, `status.id is ${JSON.stringify(status.id)} in ${what}`);
  assert.ok(STATES.includes(status.state), `status.state is ${JSON.stringify(status.state)} in ${what}`);
  for (const key of ["url", "node_id", "description", "target_url", "created_at", "updated_at", "deployment_url", "repository_url"]) {
    assert.equal(typeof status[key], "string", `status.${key} in ${what}`);
  }
  assert.ok(status.creator === null || (typeof status.creator === "object" && typeof status.creator.login === "string"), `status.creator in ${what}`);
}

function checkValue(op, value, what) {
  if (op === "paginate" || op === "iterate") {
    assert.ok(Array.isArray(value), `${op} resolved with ${typeof value} in ${what}`);
    for (const item of value.flat()) checkStatus(item, what);
  } else {
    assert.ok(value && typeof value === "object", `resolved with ${typeof value} in ${what}`);
    assert.ok((value.status >= 200 && value.status < 300) || value.status === 304, `resolved with status ${value.status} in ${what}`);
    assert.equal(typeof value.headers, "object");
    assert.ok(value.rateLimit === null || typeof value.rateLimit.remaining === "number", "rateLimit");
    if (op === "list") {
      assert.ok(Array.isArray(value.data), "list data is an array");
      value.data.forEach((item) => checkStatus(item, what));
    } else {
      checkStatus(value.data, what);
    }
  }
  count("resolved");
}

async function callOnce(client, op, params, callOptions, iterateMode, what) {
  switch (op) {
    case "create":
      return client.createDeploymentStatus(params, callOptions);
    case "list":
      return client.listDeploymentStatuses(params, callOptions);
    case "get":
      return client.getDeploymentStatus(params, callOptions);
    case "paginate":
      return client.paginate(params, callOptions);
    case "iterate": {
      const iterator = client.iterate(params, callOptions);
      const pages = [];
      if (iterateMode === "concurrent") {
        // A second next() while the first is in flight must reject (or resolve), not trap.
        const [a, b] = await Promise.allSettled([iterator.next(), iterator.next()]);
        for (const r of [a, b]) {
          if (r.status === "rejected") throw r.reason;
          if (!r.value.done) pages.push(r.value.value.data);
        }
        await iterator.return?.();
        return pages;
      }
      for await (const page of iterator) {
        assert.ok(Array.isArray(page.data), `iterate page data is an array in ${what}`);
        pages.push(page.data);
        if (iterateMode === "return-early" || pages.length >= 4) break;
      }
      return pages;
    }
    default:
      throw new Error(`unknown op ${op}`);
  }
}

// ---------------------------------------------------------------------------------------------

let mock;
let control;
let shared;
let networkSinceReset = 0;
const onUncaught = (error) => stats.asyncErrors.push(describe(error));
const clearFaults = async () => (await fetch(`${mock.url}/_mock/faults`, { method: "DELETE" })).text();

before(async () => {
  mock = await startMock();
  control = mockControl(mock.url);
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
});

after(async () => {
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
  await mock?.stop();
});

test(`JS API: ${RUNS} random calls settle with a typed error or a result, never a trap`, { timeout: 600_000 }, async () => {
  await control.reset();
  shared = new Client({ baseUrl: mock.url, auth: TOKEN, timeoutMs: 150, retries: 0, maxRateLimitWaitMs: 20, createCheckWindowMs: 20 });
  const started = performance.now();

  const property = fc.asyncProperty(caseArbitrary(mock.url), async (c) => {
    try {
      await run(c);
    } catch (error) {
      // Printed here too: fast-check cannot print every counterexample (e.g. odd arrays).
      if (!reported) console.error(`property: first failure (${c.kind} ${c.op}): ${describe(error)}`);
      reported = true;
      throw error;
    }
  });
  let reported = false;

  async function run(c) {
    const asyncErrorsBefore = stats.asyncErrors.length;
    stats.runs += 1;
    stats[c.kind] += 1;
    const what = `${c.kind} ${c.op}`;
    const hostile = containsHostile(c.params) || containsHostile(c.client) || containsHostile(c.call?.value) ||
      c.call?.onPage === "throws" || containsHostile(c.call?.maxPages);

    // The client.
    let client = shared;
    if (c.client !== "shared") {
      const options = materialize("mutated" in c.client ? c.client.mutated : c.client);
      const built = await outcomeOf(() => new Client(options), `new Client in ${what}`);
      if (built.error) {
        checkError(built.error, hostile, `new Client in ${what}`);
        stats.clientRejected += 1;
        return;
      }
      if (safe(options)) client = built.value;
      else stats.unsafeOptionsSkipped += 1;
      if (client !== built.value) built.value.free();
    }

    // The mock's answer.
    if (c.fault) {
      stats.faults += 1;
      await control.fault(c.fault);
    }
    if (c.kind === "network") networkSinceReset += 1;

    const params = materialize(c.params);
    const options = makeCallOptions(c.call);
    const result = await outcomeOf(() => callOnce(client, c.op, params, options, c.iterate, what), what);
    if (result.error) checkError(result.error, hostile, what);
    else checkValue(c.op, result.value, what);

    if (client !== shared) client.free();
    if (c.fault) await clearFaults();
    if (networkSinceReset >= RESET_EVERY) {
      networkSinceReset = 0;
      await control.reset();
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(stats.asyncErrors.slice(asyncErrorsBefore), [], `errors thrown asynchronously (uncaught) in ${what}`);
  }

  await fc.assert(property, { numRuns: RUNS, seed: SEED, verbose: 1, includeErrorInReport: true });
  const seconds = (performance.now() - started) / 1000;

  // After all that, the long-lived client and a new one still work.
  await control.reset();
  const where = { owner: OWNER, repo: REPO, deployment_id: 42 };
  const again = await shared.listDeploymentStatuses(where);
  assert.ok([200, 304].includes(again.status) && Array.isArray(again.data) && again.data.length === 3, "the same Client still lists");
  const fresh = new Client({ baseUrl: mock.url, auth: TOKEN });
  const one = await fresh.getDeploymentStatus({ ...where, status_id: again.data[0].id });
  assert.equal(one.data.id, again.data[0].id, "a new Client still gets");
  const made = await fresh.createDeploymentStatus({ ...where, state: "success", description: "after the property test" });
  assert.equal(made.status, 201, "a new Client still creates");
  const all = await fresh.paginate({ ...where, per_page: 1 });
  assert.equal(all.length, 4, "a new Client still paginates");
  await assert.rejects(fresh.getDeploymentStatus({ ...where, status_id: 0 }), { name: "ValidationError" });
  assert.deepEqual(stats.asyncErrors, [], "errors thrown asynchronously (uncaught)");

  const outcomes = [...stats.outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ");
  console.log(
    `property: ${stats.runs} runs in ${seconds.toFixed(1)} s (seed ${SEED ?? "random"}): ` +
      `${stats.local} client-side, ${stats.network} network-bound (${stats.faults} with an injected answer), ` +
      `${stats.clientRejected} refused by new Client, ${stats.unsafeOptionsSkipped} with unsafe options run on the shared client; ` +
      `outcomes: ${outcomes}; traps 0, unsettled 0; the same and a new Client still work`,
  );
});

// Caller objects whose Proxy traps or getters throw. Until b1cb13b, the JS exception of a throwing
// `ownKeys` trap or a revoked Proxy unwound through wasm: the call never settled, the exception
// surfaced as an uncaught exception, calls in the same tick stopped settling, and about 1,250
// synchronous ones broke the wasm instance for good (docs/fuzzing.md, "Findings"). Run in a child
// process so that a regression cannot break the instance the test above uses.
test("hostile caller objects (throwing Proxy traps and getters) settle and leave the wasm instance working", { timeout: 60_000 }, async () => {
  const child = fileURLToPath(new URL("./hostile-child.js", import.meta.url));
  const stdout = await new Promise((resolve, reject) => {
    execFile(process.execPath, [child, "2000"], { timeout: 50_000 }, (error, out) => (error ? reject(error) : resolve(out)));
  });
  const report = JSON.parse(stdout);
  const bad = report.calls.filter((c) => c.outcome === "unsettled" || c.uncaught.length > 0 ||
    !/^(resolved|(threw|rejected) (ValidationError|NetworkError|Error|TypeError))$/.test(c.outcome));
  const brief = bad.map((c) => `${c.entry} with a ${c.kind}: ${c.outcome}${c.uncaught.length ? `, uncaught ${c.uncaught[0]}` : ""}`);
  console.log(`hostile: ${report.calls.length - bad.length}/${report.calls.length} calls settled cleanly; ` +
    `after ${report.syncThrows} synchronous throws: ${report.worksAfterSyncThrows}` +
    (report.brokenAt ? ` (broken from throw ${report.brokenAt.throws}: ${report.brokenAt.error})` : ""));
  assert.deepEqual(brief, [], "calls that did not settle cleanly");
  assert.equal(report.worksAfterCalls, "yes", "the instance works after the hostile calls");
  assert.equal(report.brokenAt, null, "synchronous throws through wasm broke the instance");
  assert.equal(report.worksAfterSyncThrows, "yes", "the instance works after 2,000 synchronous throws");
  assert.deepEqual(report.concurrent, { normal: "rejected NetworkError", hostile: 0, after: "rejected NetworkError" },
    "hostile calls in the same tick as a normal one");
});

// A 2xx body whose key is written with a JSON escape (`"\u0073tate"`) is the same key for
// JSON.parse. Until e32a11d, schema::check compared raw bytes: such a duplicate was never checked and
// JSON.parse kept it (a status with `state: 5` resolved), and a spec-conforming body with an escaped
// key was a DecodeError (docs/fuzzing.md, "Findings").
test("a 2xx body cannot smuggle in a field the spec forbids through an escaped duplicate key", async () => {
  await control.reset();
  const client = new Client({ baseUrl: mock.url, auth: TOKEN, retries: 0, cache: false });
  const where = { owner: OWNER, repo: REPO, deployment_id: 42, status_id: 1 };
  const good = JSON.stringify((await client.getDeploymentStatus(where)).data);
  const smuggled = [];
  for (const [key, value] of [["\\u0073tate", 5], ["\\u0069d", "\"not a number\""], ["cr\\u0065ator", "\"nobody\""]]) {
    await control.fault({ path: "/statuses/1", status: 200, body: `${good.slice(0, -1)},"${key}":${value}}` });
    const outcome = await client.getDeploymentStatus(where).then((r) => `resolved with ${JSON.stringify(r.data[JSON.parse(`"${key}"`)])}`, (e) => e.name);
    if (outcome !== "DecodeError") smuggled.push(`"${key}":${value} -> ${outcome}`);
  }
  // And the same key escaped without a duplicate is valid JSON of the right shape: not a DecodeError.
  await control.fault({ path: "/statuses/1", status: 200, body: good.replace('"id":', '"\\u0069d":') });
  const escaped = await client.getDeploymentStatus(where).then(() => "resolved", (e) => `${e.name}: ${e.message}`);
  assert.deepEqual(smuggled, [], "bodies that got past the schema check");
  assert.equal(escaped, "resolved", "a spec-conforming body with an escaped key");
});
