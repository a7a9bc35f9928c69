// Small HTTP helpers shared by the mock's modules.
//
// A handler produces a plain response object { status, headers, body } (headers with
// lower-case names, body a string, Buffer or null) so faults can rewrite it before it is
// written; `writeResponse` is the only place that touches the ServerResponse.

import { createHash, randomBytes } from 'node:crypto';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const JSON_TYPE = 'application/json; charset=utf-8';

/** An error whose `status` and `body` become the answer (used by the control API). */
export class HttpFailure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function jsonResponse(status, data, headers = {}) {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(data) };
}

export function emptyResponse(status, headers = {}) {
  return { status, headers, body: null };
}

/** Reads the whole request body; rejects with HttpFailure(413) past `limit` bytes. */
export function readBody(req, limit = MAX_BODY_BYTES) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpFailure(413, 'Request body too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

/**
 * Writes a response object. `omitLength` sends the body without Content-Length
 * (chunked), used by the truncate fault; HEAD requests get the headers only.
 */
export function writeResponse(res, resp, { head = false, omitLength = false } = {}) {
  if (res.destroyed || res.headersSent) return;
  const body = resp.body == null ? null : Buffer.isBuffer(resp.body) ? resp.body : Buffer.from(resp.body);
  for (const [name, value] of Object.entries(resp.headers ?? {})) {
    if (value != null) res.setHeader(name, value);
  }
  if (body && !omitLength) res.setHeader('content-length', body.length);
  else if (!body && resp.status !== 204 && resp.status !== 304) res.setHeader('content-length', 0);
  res.writeHead(resp.status);
  res.end(head || !body ? undefined : body);
}

/** A GitHub-like request id, e.g. "C0DE:1A2B3C:4D5E6F:7A8B9C:66A1B2C3". */
export function requestId() {
  const hex = (n) => randomBytes(n).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(3)}:${hex(3)}:${hex(3)}:${Math.floor(Date.now() / 1000).toString(16).toUpperCase()}`;
}

export function sha256hex(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** Epoch seconds -> "2012-07-20T01:19:13Z". */
export function isoSeconds(epochSeconds) {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/** Parses a JSON control-API body; an empty body is {}. */
export function parseJsonObject(buffer) {
  const text = buffer.toString('utf8').trim();
  if (text === '') return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpFailure(400, 'body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpFailure(400, 'body must be a JSON object');
  }
  return value;
}
