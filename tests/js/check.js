// Assertions and the mock's control API for the scenarios; no runtime-specific imports.

export const TOKEN = "ghp_mock_valid_token";

export function fail(message) {
  throw new Error(message);
}

export function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  const clip = (text) => (text && text.length > 300 ? `${text.slice(0, 300)}…` : text);
  if (a !== e) fail(`${what}: expected ${clip(e)}, got ${clip(a)}`);
}

export function ok(condition, what) {
  if (!condition) fail(what);
}

/** Runs `call`, expects it to reject, and returns the error. */
export async function rejects(call, name, what) {
  let error;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  if (!error) fail(`${what}: expected ${name}, but it resolved`);
  ok(error instanceof Error, `${what}: rejects with a real Error`);
  eq(error.name, name, `${what}: error.name`);
  // Every error has a status: the HTTP status of the answer, or 0 when none came (or none was sent).
  const answered = name === "HttpError" || name === "DecodeError";
  ok(Number.isInteger(error.status) && (answered ? error.status >= 200 : error.status === 0), `${what}: error.status ${error.status}`);
  return error;
}

/** The mock's control API (`/_mock/...`). */
export function mockControl(mock) {
  const call = async (method, path, body) => {
    const init = { method };
    if (body !== undefined) {
      init.headers = { "content-type": "application/json" };
      init.body = JSON.stringify(body);
    }
    const response = await fetch(`${mock}/_mock/${path}`, init);
    const text = await response.text();
    if (!response.ok) fail(`mock control ${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    reset: (apiVersions) => call("POST", "reset", { seed: "test", ...(apiVersions ? { api_versions: apiVersions } : {}) }),
    fault: (spec) => call("POST", "faults", spec),
    requests: () => call("GET", "requests"),
    clearRequests: () => call("DELETE", "requests"),
    stats: () => call("GET", "stats"),
    bulkStatuses: (spec) => call("POST", "statuses", spec),
    refs: (spec) => call("POST", "refs", spec),
  };
}

/** API requests the mock saw (control calls and preflights left out). */
export async function apiRequests(control) {
  return (await control.requests()).filter((r) => r.method !== "OPTIONS");
}


/**
 * Asserts that a create whose POST met `fault` made exactly one item. In Chromium a reset after
 * GitHub acted may make two: Chromium itself resends a request whose reused connection closed
 * before any byte of the answer (net::HttpNetworkTransaction), which a page cannot stop; the
 * client posts again only after a read shows nothing was created, so every POST precedes any GET.
 */
export function createdOnce({ runtime, fault, made, log, label }) {
  if (runtime === "browser" && fault.reset === "after") {
    const firstGet = log.findIndex((r) => r.method === "GET");
    const lastPost = log.map((r) => r.method).lastIndexOf("POST");
    ok(made >= 1 && made <= 2, `${label}: ${made} created`);
    ok(firstGet === -1 || lastPost < firstGet, `${label}: no POST from the client after its check`);
  } else {
    eq(made, 1, `${label}: exactly one created`);
  }
}
