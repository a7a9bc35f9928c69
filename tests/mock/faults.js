// Injected faults: a queue of one-shot (or n-shot) misbehaviours for API requests.
//
// A fault hits the first request that matches all it names: `method`; `path`, a part of the
// path and query (after any /api/v3 prefix); `operation`, the GitHub operation by octokit's
// name (createDeployment, listDeployments, getDeployment, deleteDeployment,
// getAllEnvironments, createDeploymentStatus, listDeploymentStatuses, getDeploymentStatus),
// which tells POST .../deployments from POST .../deployments/{id}/statuses where a path
// part cannot.
//
// Semantics of one fault, in the order they apply to the request that consumes it:
//   reset: "before"  destroy the socket as soon as the request arrives; nothing is processed
//   delay_ms         wait before answering (cancelled if the client goes away or on shutdown)
//   status           without apply: answer with it instead of processing the request;
//                    with apply: process the request normally, then answer with it instead
//   reset: "after"   process the request normally, then destroy the socket without answering
//   pad_bytes        append that many spaces to the body: the same JSON, that many bytes
//                    bigger (control bodies are capped at 10 MB; a huge answer is made here)
//   truncate         send the normal body cut in half, without Content-Length
//   headers          override (or, with null, remove) response headers; content_type sets
//                    Content-Type; body replaces the body sent with `status` (or, with
//                    no status, the normal answer's body)

import { HttpFailure, JSON_TYPE } from './http.js';
import { OPERATIONS } from './routes.js';

const KEYS = new Set(['method', 'path', 'operation', 'times', 'delay_ms', 'status', 'body', 'content_type',
  'headers', 'reset', 'apply', 'truncate', 'pad_bytes']);

/** The largest delay setTimeout honours (larger values would fire at once). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** The most padding one answer may carry (256 MiB). */
const MAX_PAD_BYTES = 2 ** 28;

export class Faults {
  constructor() {
    this.queue = [];
    this.nextId = 1;
  }

  clear() {
    this.queue = [];
  }

  list() {
    return this.queue.map(({ spec, id, remaining }) => ({ id, remaining, ...spec }));
  }

  /** Validates and queues a fault; returns its id. */
  add(spec) {
    for (const key of Object.keys(spec)) {
      if (!KEYS.has(key)) throw new HttpFailure(400, `unknown fault field "${key}"`);
    }
    const check = (ok, message) => { if (!ok) throw new HttpFailure(400, message); };
    const optional = (key, test) => spec[key] === undefined || test(spec[key]);
    check(optional('method', (v) => typeof v === 'string' && v !== ''), 'method must be a string');
    check(optional('path', (v) => typeof v === 'string'), 'path must be a string');
    check(optional('operation', (v) => OPERATIONS.includes(v)), `operation must be one of ${OPERATIONS.join(', ')}`);
    check(optional('times', (v) => Number.isInteger(v) && v >= 1), 'times must be an integer >= 1');
    check(optional('delay_ms', (v) => typeof v === 'number' && v >= 0), 'delay_ms must be a number >= 0');
    check(optional('status', (v) => Number.isInteger(v) && v >= 200 && v <= 599), 'status must be an integer 200..599');
    check(optional('body', (v) => typeof v === 'string'), 'body must be a string');
    check(optional('content_type', (v) => typeof v === 'string'), 'content_type must be a string');
    check(optional('headers', (v) => v !== null && typeof v === 'object' && !Array.isArray(v) &&
      Object.values(v).every((h) => h === null || typeof h === 'string' || typeof h === 'number')),
    'headers must be an object of strings');
    check(optional('reset', (v) => v === 'before' || v === 'after'), 'reset must be "before" or "after"');
    check(optional('apply', (v) => typeof v === 'boolean'), 'apply must be a boolean');
    check(optional('truncate', (v) => typeof v === 'boolean'), 'truncate must be a boolean');
    check(optional('pad_bytes', (v) => Number.isInteger(v) && v >= 0 && v <= MAX_PAD_BYTES),
      `pad_bytes must be an integer 0..${MAX_PAD_BYTES}`);
    const id = this.nextId++;
    const normalized = { ...spec };
    if (normalized.method) normalized.method = normalized.method.toUpperCase();
    this.queue.push({ id, spec: normalized, remaining: spec.times ?? 1 });
    return id;
  }

  /**
   * Consumes the first fault matching the request (path is the path and query after any
   * /api/v3 prefix; operation is the request's, or null). Preflights only match faults that
   * name the OPTIONS method.
   */
  take(method, path, operation) {
    const index = this.queue.findIndex(({ spec }) =>
      (spec.method ? spec.method === method : method !== 'OPTIONS') &&
      (spec.path === undefined || path.includes(spec.path)) &&
      (spec.operation === undefined || spec.operation === operation));
    if (index < 0) return null;
    const entry = this.queue[index];
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return { id: entry.id, ...entry.spec, delay_ms: Math.min(entry.spec.delay_ms ?? 0, MAX_DELAY_MS) };
  }
}

/** Whether the fault answers without the request being processed at all. */
export function answersWithoutProcessing(fault) {
  return fault.status !== undefined && !fault.apply && fault.reset !== 'after';
}

function defaultBody(status) {
  const gh = (message, documentationUrl) =>
    JSON.stringify({ message, documentation_url: documentationUrl, status: String(status) });
  switch (status) {
    case 401: return gh('Bad credentials', 'https://docs.github.com/rest');
    case 403:
    case 429: return gh('You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits');
    case 404: return gh('Not Found', 'https://docs.github.com/rest');
    case 422: return gh('Validation Failed', 'https://docs.github.com/rest');
    default: return JSON.stringify({ message: 'Server Error' });
  }
}

/**
 * Rewrites a response (the normal one, or a bare one carrying the usual API headers when
 * the request was not processed) as the fault says. Returns { resp, omitLength }.
 */
export function applyFault(fault, resp) {
  let out = { ...resp, headers: { ...resp.headers } };
  if (fault.status !== undefined) {
    out.status = fault.status;
    out.body = fault.body ?? defaultBody(fault.status);
    out.headers['content-type'] = JSON_TYPE;
    delete out.headers.etag;
    delete out.headers.location;
    delete out.headers.link;
  } else if (fault.body !== undefined) {
    out.body = fault.body;
    delete out.headers.etag;
  }
  if (fault.content_type !== undefined) out.headers['content-type'] = fault.content_type;
  for (const [name, value] of Object.entries(fault.headers ?? {})) {
    const lower = name.toLowerCase();
    if (value === null) delete out.headers[lower];
    else out.headers[lower] = String(value);
  }
  if (fault.pad_bytes) {
    out.body = Buffer.concat([Buffer.from(out.body ?? ''), Buffer.alloc(fault.pad_bytes, ' ')]);
    delete out.headers.etag;
  }
  let omitLength = false;
  if (fault.truncate && out.body != null) {
    const buf = Buffer.from(out.body);
    out.body = buf.subarray(0, Math.floor(buf.length / 2));
    omitLength = true;
  }
  return { resp: out, omitLength };
}
