#!/usr/bin/env node
// A mock of api.github.com for the deployment, environment and deployment-status operations, with a control
// API for tests (/_mock/...) and static file serving for the demo and browser tests.
//
//   node tests/mock/server.js [--port N] [--host 127.0.0.1] [--seed demo|test] [--static DIR]...
//
// Prints exactly one line, "LISTENING http://127.0.0.1:<port>", once it accepts
// connections; exits on SIGTERM/SIGINT. `startMock()` runs the same server in-process.
// Nothing here ever prints a request's headers or tokens.

import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Faults, answersWithoutProcessing, applyFault } from './faults.js';
import { API_VERSIONS, GitHubApi } from './github.js';
import { HttpFailure, jsonResponse, nowSeconds, readBody, requestId, writeResponse } from './http.js';
import { apiCorsHeaders } from './cors.js';
import { avatarSvg } from './model.js';
import { RateLimiter } from './ratelimit.js';
import { SEEDS, applySeed } from './seeds.js';
import { State } from './state.js';
import { serveStatic, staticRoots } from './static.js';
import { handleControl } from './control.js';
import { operationOf } from './routes.js';

const LOG_LIMIT = 10_000;
const HOST_HEADER = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Everything the mock remembers; reset() puts it back to a seed. */
class Mock {
  constructor({ seed, roots }) {
    this.defaultSeed = seed;
    this.roots = roots;
    this.faults = new Faults();
    this.limiter = new RateLimiter();
    this.api = new GitHubApi(this);
    this.pending = new Set();
    this.reset(seed);
  }

  nowSec() {
    return nowSeconds();
  }

  /**
   * Restores a seed (default: the one the server started with); returns its name. `apiVersions`
   * are the X-GitHub-Api-Version values the server knows (default: github.com's), e.g. only
   * 2022-11-28 for an older GitHub Enterprise Server.
   */
  reset(seed = this.defaultSeed, apiVersions = API_VERSIONS) {
    this.apiVersions = apiVersions;
    this.state = new State();
    applySeed(this.state, seed, this.nowSec());
    this.faults.clear();
    this.limiter.reset();
    this.log = [];
    this.stats = { requests: 0, rate_limited: 0, not_modified: 0, created: 0, deployments_created: 0, deployments_deleted: 0 };
    return seed;
  }

  record(entry) {
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    this.stats.requests += 1;
  }

  /** Waits `ms`; resolves false early if the client goes away or the server shuts down. */
  sleep(ms, res) {
    return new Promise((resolve) => {
      let timer;
      const done = (completed) => {
        clearTimeout(timer);
        this.pending.delete(cancel);
        res.off('close', cancel);
        resolve(completed);
      };
      const cancel = () => done(false);
      timer = setTimeout(() => done(true), ms);
      this.pending.add(cancel);
      res.on('close', cancel);
    });
  }

  cancelWaits() {
    for (const cancel of [...this.pending]) cancel();
  }
}

const badRequest = () => jsonResponse(400, { message: 'Bad Request' });

function decodeSegments(rawPath) {
  const segments = rawPath.split('/').slice(1).map((s) => decodeURIComponent(s));
  return segments.length === 1 && segments[0] === '' ? [] : segments;
}

async function dispatch(mock, req, res) {
  const rawUrl = req.url ?? '';
  const host = req.headers.host;
  if (!rawUrl.startsWith('/') || (host !== undefined && !HOST_HEADER.test(host))) {
    return writeResponse(res, badRequest());
  }
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  let segments;
  try {
    segments = decodeSegments(rawPath);
  } catch {
    return writeResponse(res, badRequest());
  }
  const origin = `http://${host ?? `${req.socket.localAddress}:${req.socket.localPort}`}`;
  const head = req.method === 'HEAD';

  if (segments[0] === '_mock') {
    let rawBody;
    try {
      rawBody = await readBody(req);
    } catch (err) {
      if (err instanceof HttpFailure) writeResponse(res, jsonResponse(err.status, { message: err.message }));
      return undefined;
    }
    return writeResponse(res, handleControl(mock, req.method, segments.slice(1).join('/'), req.headers, rawBody));
  }
  if (mock.roots.has(segments[0])) {
    const resp = await serveStatic(req.method, mock.roots.get(segments[0]), segments.slice(1), rawPath);
    return writeResponse(res, resp, { head });
  }
  if (segments[0] === 'avatars' && segments[1] === 'u' && segments.length === 3) {
    return writeResponse(res, {
      status: 200,
      headers: { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=300', 'access-control-allow-origin': '*' },
      body: avatarSvg(Number(segments[2])),
    }, { head });
  }
  if (rawPath === '/' && (req.method === 'GET' || head) && mock.roots.has('www') &&
      (req.headers.accept ?? '').includes('text/html')) {
    return writeResponse(res, { status: 302, headers: { location: '/www/' }, body: null });
  }

  const prefix = rawPath === '/api/v3' || rawPath.startsWith('/api/v3/') ? '/api/v3' : '';
  const rawApiPath = rawPath.slice(prefix.length) || '/';
  return serveApi(mock, req, res, {
    rawApiPath,
    rawQuery,
    segments: prefix ? decodeSegments(rawApiPath) : segments,
    base: `${origin}${prefix}`,
    origin,
  });
}

async function serveApi(mock, req, res, where) {
  const method = req.method;
  const fault = mock.faults.take(method, where.rawApiPath + (where.rawQuery ? `?${where.rawQuery}` : ''),
    operationOf(method, where.segments));
  const entry = { method, path: req.url, headers: { ...req.headers }, body: null, origin_header: req.headers.origin ?? null };
  mock.record(entry);
  if (fault?.reset === 'before') {
    req.socket.destroy();
    return;
  }

  let body;
  try {
    body = await readBody(req);
  } catch (err) {
    if (err instanceof HttpFailure) writeResponse(res, jsonResponse(err.status, { message: err.message }));
    return;
  }
  entry.body = body.toString('utf8');
  if (fault?.delay_ms > 0 && !(await mock.sleep(fault.delay_ms, res))) return;

  const ctx = {
    method,
    segments: where.segments,
    rawPath: where.rawApiPath,
    query: new URLSearchParams(where.rawQuery),
    base: where.base,
    origin: where.origin,
    headers: req.headers,
    body,
    nowSec: mock.nowSec(),
  };
  const finish = (resp) => ({
    ...resp,
    headers: {
      ...resp.headers,
      ...(resp.noCors ? {} : apiCorsHeaders(req.headers)),
      'x-github-request-id': requestId(),
    },
  });

  let resp;
  let omitLength = false;
  if (fault && answersWithoutProcessing(fault)) {
    ({ resp, omitLength } = applyFault(fault, finish({ status: 200, headers: mock.api.baseHeaders(ctx), body: null })));
  } else {
    resp = finish(mock.api.handle(ctx));
    if (fault?.reset === 'after') {
      req.socket.destroy();
      return;
    }
    if (fault) ({ resp, omitLength } = applyFault(fault, resp));
  }
  writeResponse(res, resp, { head: method === 'HEAD', omitLength });
}

function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Starts the mock. Resolves to { url, port, close() }; close() cancels pending delays,
 * drops every connection and resolves once the server is closed.
 */
export async function startMock({ port = 0, host = '127.0.0.1', seed = 'test', staticRoots: dirs = [] } = {}) {
  if (!isLoopback(host)) throw new Error(`refusing to listen on ${host}: loopback addresses only`);
  if (!SEEDS.includes(seed)) throw new Error(`unknown seed "${seed}" (use ${SEEDS.join(' or ')})`);
  const mock = new Mock({ seed, roots: staticRoots(dirs) });
  const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    dispatch(mock, req, res).catch((err) => {
      process.stderr.write(`mock: internal error on ${req.method} request: ${err?.message ?? err}\n`);
      if (!res.headersSent) writeResponse(res, jsonResponse(500, { message: 'Server Error' }));
      else res.destroy();
    });
  });
  server.on('clientError', (err, socket) => {
    if (socket.writable && err.code !== 'ECONNRESET') {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    } else {
      socket.destroy();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host === 'localhost' ? '127.0.0.1' : host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  let closing;
  const close = () => {
    closing ??= new Promise((resolve) => {
      mock.cancelWaits();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { url, port: address.port, close };
}

function parseArgs(argv) {
  const opts = { port: 0, host: '127.0.0.1', seed: 'test', staticRoots: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      i += 1;
      return argv[i];
    };
    if (arg === '--port') {
      opts.port = Number(value());
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
    } else if (arg === '--host') opts.host = value();
    else if (arg === '--seed') opts.seed = value();
    else if (arg === '--static') opts.staticRoots.push(value());
    else throw new Error(`unknown argument ${arg}`);
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`mock: ${err.message}\nusage: node tests/mock/server.js [--port N] [--host 127.0.0.1] [--seed demo|test] [--static DIR]...\n`);
    process.exit(2);
  }
  let running;
  try {
    running = await startMock(opts);
  } catch (err) {
    process.stderr.write(`mock: ${err.message}\n`);
    process.exit(1);
  }
  process.on('uncaughtException', (err) => process.stderr.write(`mock: uncaught error: ${err?.message ?? err}\n`));
  const stop = () => running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`LISTENING ${running.url}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
