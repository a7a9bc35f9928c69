// The GitHub REST API itself: request checks (User-Agent, API version, credentials, rate
// limit), routing to the operations, the three deployment-status operations (the deployment
// and environment ones are in deployments.js), and conditional requests.
//
// `handle(ctx)` returns a response object; the server adds CORS and the request id, and
// applies faults. ctx: { method, segments (decoded, after any /api/v3 prefix), rawPath
// (as requested, after the prefix, without query), query (URLSearchParams), base (origin +
// prefix), origin, headers, body (Buffer), nowSec }.

import { jsonResponse, sha256hex } from './http.js';
import { STATES, TOKENS, USERS, renderStatus } from './model.js';
import { apiPreflight } from './cors.js';
import {
  DOC as DEPLOYMENT_DOC, createDeployment, deleteDeployment, getAllEnvironments, getDeployment, listDeployments,
} from './deployments.js';
import { LIMIT_ANONYMOUS, LIMIT_AUTHENTICATED, rateLimitHeaders } from './ratelimit.js';
import { ghError, invalidRequest, notFound, pageHeaders, pageParams, parseBody } from './replies.js';
import { operationOf } from './routes.js';

export const API_VERSIONS = ['2022-11-28', '2026-03-10'];
const DEFAULT_VERSION = '2022-11-28';
const VARY = 'Accept, Authorization, Cookie, X-GitHub-OTP,Accept-Encoding, Accept, X-Requested-With';
const DOCS = 'https://docs.github.com/rest/deployments/statuses';
const DOC = {
  ...DEPLOYMENT_DOC,
  listDeploymentStatuses: `${DOCS}#list-deployment-statuses`,
  createDeploymentStatus: `${DOCS}#create-a-deployment-status`,
  getDeploymentStatus: `${DOCS}#get-a-deployment-status`,
};
/** Operations that change something: they need a token. */
const WRITES = new Set(['createDeployment', 'deleteDeployment', 'createDeploymentStatus']);
const MAX_DESCRIPTION = 140;
const STRING_FIELDS = ['target_url', 'log_url', 'description', 'environment', 'environment_url'];

const NO_USER_AGENT = 'Request forbidden by administrative rules. Please make sure your request has a ' +
  'User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). ' +
  'Check https://developer.github.com for other possible causes.';

/** Who is asking: { kind: "none" | "user" | "invalid", userId?, key, limit }. */
export function identify(headers) {
  const auth = headers.authorization;
  if (auth === undefined) return { kind: 'none', key: 'anonymous', limit: LIMIT_ANONYMOUS };
  const match = /^(bearer|token)\s+(\S+)\s*$/i.exec(auth);
  const userId = match ? TOKENS.get(match[2]) : undefined;
  if (userId === undefined) return { kind: 'invalid', key: 'anonymous', limit: LIMIT_ANONYMOUS };
  return { kind: 'user', userId, key: USERS.get(userId).login, limit: LIMIT_AUTHENTICATED };
}

function etagMatches(ifNoneMatch, etag) {
  if (!ifNoneMatch) return false;
  const strip = (t) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

/** Parses and validates a create body: returns { input } or { error: response }. */
export function validateCreate(buffer) {
  const doc = DOC.createDeploymentStatus;
  const { input, error } = parseBody(buffer, doc);
  if (error) return { error };
  for (const key of STRING_FIELDS) {
    if (key in input && typeof input[key] !== 'string') return { error: invalidRequest(doc, key, input[key], 'a string') };
  }
  if ('auto_inactive' in input && typeof input.auto_inactive !== 'boolean') {
    return { error: invalidRequest(doc, 'auto_inactive', input.auto_inactive, 'a boolean') };
  }
  const errors = [];
  if (!STATES.includes(input.state)) {
    errors.push({ resource: 'DeploymentStatus', code: 'custom', field: 'state', message: 'state is not included in the list' });
  }
  if (typeof input.description === 'string' && [...input.description].length > MAX_DESCRIPTION) {
    errors.push({ resource: 'DeploymentStatus', code: 'custom', field: 'description',
      message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)` });
  }
  if (errors.length > 0) return { error: ghError(422, 'Validation Failed', doc, { errors }) };
  return { input };
}

export class GitHubApi {
  /** mock: { state, limiter, stats } */
  constructor(mock) {
    this.mock = mock;
  }

  /** The usual API headers, rate-limit numbers peeked (not counted). */
  baseHeaders(ctx) {
    const who = identify(ctx.headers);
    const version = ctx.headers['x-github-api-version'];
    return {
      server: 'GitHub.com',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': this.mock.apiVersions.includes(version) ? version : DEFAULT_VERSION,
      vary: VARY,
      ...rateLimitHeaders(this.mock.limiter.peek(who.key, who.limit, ctx.nowSec)),
    };
  }

  handle(ctx) {
    if (ctx.method === 'OPTIONS') return apiPreflight(ctx.headers);
    const headers = ctx.headers;
    const withBase = (resp) => ({ ...resp, headers: { ...this.baseHeaders(ctx), ...resp.headers } });

    if (!headers['user-agent']) {
      return withBase({ status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: NO_USER_AGENT });
    }
    const version = headers['x-github-api-version'];
    const known = this.mock.apiVersions;
    if (version !== undefined && !known.includes(version)) {
      return withBase(ghError(400,
        `Unsupported 'X-GitHub-Api-Version' header '${version}'. The supported versions are: ${known.join(', ')}.`,
        'https://docs.github.com/rest/about-the-rest-api/api-versions'));
    }

    const who = identify(headers);
    const { limiter, stats } = this.mock;
    if (limiter.exhausted(who.key, who.limit, ctx.nowSec)) {
      const message = who.kind === 'user'
        ? `API rate limit exceeded for user ID ${who.userId}.`
        : 'API rate limit exceeded for 127.0.0.1. (But here\'s the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)';
      return withBase(ghError(403, message, 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-rate-limits'));
    }

    let resp = who.kind === 'invalid'
      ? ghError(401, 'Bad credentials', 'https://docs.github.com/rest')
      : this.route(ctx, who);

    const isGet = ctx.method === 'GET' || ctx.method === 'HEAD';
    if (isGet && resp.status === 200) {
      const etag = `W/"${sha256hex(String(resp.body) + (who.kind === 'user' ? who.key : 'anonymous'))}"`;
      const cacheControl = who.kind === 'user' ? 'private, max-age=60, s-maxage=60' : 'public, max-age=60, s-maxage=60';
      resp.headers = { ...resp.headers, etag, 'cache-control': cacheControl };
      if (etagMatches(headers['if-none-match'], etag)) {
        stats.not_modified += 1;
        const { 'content-type': _ignored, link: _link, ...rest } = resp.headers;
        return withBase({ status: 304, headers: rest, body: null });
      }
    }
    limiter.take(who.key, who.limit, ctx.nowSec);
    stats.rate_limited += 1;
    return withBase(resp);
  }

  route(ctx, who) {
    const s = ctx.segments;
    if (s.length === 0) return ctx.method === 'GET' || ctx.method === 'HEAD' ? this.root(ctx) : notFound();
    const op = operationOf(ctx.method, s);
    if (!op) return notFound();
    const doc = DOC[op];
    if (WRITES.has(op) && who.kind !== 'user') return ghError(401, 'Requires authentication', doc);
    const { mock } = this;
    const repo = mock.state.findRepo(s[1], s[2]);
    if (!repo || (repo.private && who.kind !== 'user')) return notFound(doc);
    if (op === 'listDeployments') return listDeployments(ctx, repo);
    if (op === 'createDeployment') return createDeployment(mock, ctx, repo, who);
    if (op === 'getAllEnvironments') return getAllEnvironments(ctx, repo);

    const deploymentId = /^\d+$/.test(s[4]) ? Number(s[4]) : NaN;
    const dep = Number.isSafeInteger(deploymentId) ? mock.state.findDeployment(repo, deploymentId) : undefined;
    if (!dep) return notFound(doc);
    if (op === 'getDeployment') return getDeployment(ctx, dep);
    if (op === 'deleteDeployment') return deleteDeployment(mock, repo, dep);
    if (op === 'listDeploymentStatuses') return this.list(ctx, dep);
    if (op === 'createDeploymentStatus') return this.create(ctx, dep, who);
    const statusId = /^\d+$/.test(s[6]) ? Number(s[6]) : NaN;
    const rec = Number.isSafeInteger(statusId) ? dep.findStatus(statusId) : undefined;
    if (!rec) return notFound(doc);
    return jsonResponse(200, renderStatus(rec, dep, ctx.base, ctx.origin));
  }

  list(ctx, dep) {
    const paging = pageParams(ctx.query);
    const skip = (paging.page - 1) * paging.perPage;
    const records = skip < dep.total ? dep.newestFirst(skip, paging.perPage) : [];
    const body = JSON.stringify(records.map((rec) => renderStatus(rec, dep, ctx.base, ctx.origin)));
    return { status: 200, headers: pageHeaders(ctx, paging, dep.total), body };
  }

  create(ctx, dep, who) {
    const { input, error } = validateCreate(ctx.body);
    if (error) return error;
    const { status } = this.mock.state.createStatus(dep, input, {
      creator: who.userId,
      createdAt: ctx.nowSec,
      autoInactive: input.auto_inactive ?? true,
    });
    this.mock.stats.created += 1;
    const rendered = renderStatus(status, dep, ctx.base, ctx.origin);
    return jsonResponse(201, rendered, { location: rendered.url });
  }

  root(ctx) {
    const b = ctx.base;
    return jsonResponse(200, {
      current_user_url: `${b}/user`,
      rate_limit_url: `${b}/rate_limit`,
      repository_url: `${b}/repos/{owner}/{repo}`,
      deployment_statuses_url: `${b}/repos/{owner}/{repo}/deployments/{deployment_id}/statuses{/status_id}`,
      user_url: `${b}/users/{user}`,
    });
  }
}
