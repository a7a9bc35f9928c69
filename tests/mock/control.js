// The mock's control API under /_mock/ (not GitHub). JSON in and out; errors are
// { "message": "..." } with 400/404/405/422.
//
//   POST   reset        { seed?, api_versions? }: back to a seed (default: the server's)
//   POST   repos        { owner, repo, private? }: a repository (its default branch "main")
//   POST   refs         { owner, repo, ref, sha?, behind?, conflict?, contexts?, default? }:
//                      a branch or tag for POST /deployments to check; see refControl
//   POST   deployments  { owner, repo, environment?, id? }: a deployment of the default branch
//   POST   statuses     { owner, repo, deployment_id, count, state?, environment? }: bulk statuses
//   GET/POST/DELETE faults  the fault queue (see faults.js)
//   GET/DELETE requests     the API request log, oldest first
//   GET    stats        counters: requests, rate_limited, not_modified, created (statuses),
//                      deployments_created, deployments_deleted

import { HttpFailure, jsonResponse, parseJsonObject } from './http.js';
import { API_VERSIONS } from './github.js';
import { STATES } from './model.js';
import { SEEDS } from './seeds.js';
import { controlCorsHeaders } from './cors.js';

const MAX_BULK = 10_000_000;
const OCTOCAT = 1;

function requireString(body, key) {
  if (typeof body[key] !== 'string' || body[key] === '') throw new HttpFailure(400, `${key} must be a non-empty string`);
  return body[key];
}

function optional(body, key, test, message) {
  if (body[key] !== undefined && !test(body[key])) throw new HttpFailure(400, message);
  return body[key];
}

const isId = (v) => Number.isSafeInteger(v) && v >= 1;

/** The states a commit status context can have (GitHub's commit statuses). */
const CONTEXT_STATES = ['error', 'failure', 'pending', 'success'];

/**
 * POST /_mock/refs: creates or changes a ref of a repository (created if new), for the
 * checks POST /deployments makes. `sha`: its commit (default: a made-up one, kept once
 * set); `behind`: the default branch has commits it lacks, so a create with auto_merge
 * (GitHub's default) merges them and answers 202 instead of deploying; `conflict`: that
 * merge conflicts, so such a create answers 409; `contexts` ({ "ci/build": "success", ... },
 * states error, failure, pending, success): its commit's status contexts, replacing the
 * ones it had (every one must be a success for a create without required_contexts);
 * `default: true` makes it the default branch. Answers the ref as the mock now holds it.
 */
function refControl(state, body) {
  const owner = requireString(body, 'owner');
  const repo = requireString(body, 'repo');
  const ref = requireString(body, 'ref');
  const flag = (key) => optional(body, key, (v) => typeof v === 'boolean', `${key} must be a boolean`);
  const sha = optional(body, 'sha', (v) => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v), 'sha must be 40 lower-case hex digits');
  const contexts = optional(body, 'contexts',
    (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => CONTEXT_STATES.includes(x)),
    `contexts must be an object of context: state (${CONTEXT_STATES.join(', ')})`);
  const isDefault = optional(body, 'default', (v) => v === true, 'default must be true (make another ref the default instead)');
  const repoObj = state.findRepo(owner, repo) ?? state.addRepo(owner, repo, false).repo;
  const before = repoObj.refs.has(ref);
  const rec = state.setRef(repoObj, ref, { sha, behind: flag('behind'), conflict: flag('conflict'), contexts, isDefault });
  return jsonResponse(before ? 200 : 201, {
    owner: repoObj.owner,
    repo: repoObj.name,
    ref,
    sha: rec.sha,
    behind: rec.behind,
    conflict: rec.conflict,
    contexts: Object.fromEntries(state.commit(repoObj, rec.sha).contexts),
    default_branch: repoObj.defaultBranch,
  });
}

/** mock: { state, faults, log, stats, reset(seed), nowSec() } */
export function handleControl(mock, method, name, reqHeaders, rawBody) {
  const preflight = method === 'OPTIONS';
  const cors = controlCorsHeaders(reqHeaders, preflight);
  if (preflight) return { status: 204, headers: cors, body: null };
  try {
    const resp = route(mock, method, name, rawBody);
    return { ...resp, headers: { ...resp.headers, ...cors } };
  } catch (err) {
    if (!(err instanceof HttpFailure)) throw err;
    return jsonResponse(err.status, { message: err.message }, cors);
  }
}

function route(mock, method, name, rawBody) {
  const allowed = {
    reset: ['POST'], repos: ['POST'], refs: ['POST'], deployments: ['POST'], statuses: ['POST'],
    faults: ['GET', 'POST', 'DELETE'], requests: ['GET', 'DELETE'], stats: ['GET'],
  }[name];
  if (!allowed) throw new HttpFailure(404, `no control endpoint /_mock/${name}`);
  if (!allowed.includes(method)) throw new HttpFailure(405, `use ${allowed.join(' or ')} for /_mock/${name}`);
  const body = method === 'POST' ? parseJsonObject(rawBody) : {};
  const { state } = mock;

  switch (`${method} ${name}`) {
    case 'POST reset': {
      const seed = optional(body, 'seed', (v) => SEEDS.includes(v), `seed must be one of ${SEEDS.join(', ')}`);
      const versions = optional(body, 'api_versions',
        (v) => Array.isArray(v) && v.length > 0 && v.every((x) => API_VERSIONS.includes(x)),
        `api_versions must be a non-empty list of ${API_VERSIONS.join(', ')}`);
      return jsonResponse(200, { ok: true, seed: mock.reset(seed, versions) });
    }
    case 'POST repos': {
      const owner = requireString(body, 'owner');
      const repo = requireString(body, 'repo');
      const isPrivate = optional(body, 'private', (v) => typeof v === 'boolean', 'private must be a boolean') ?? false;
      const { created } = state.addRepo(owner, repo, isPrivate);
      return jsonResponse(created ? 201 : 200, { owner, repo, private: isPrivate, created });
    }
    case 'POST refs':
      return refControl(state, body);
    case 'POST deployments': {
      const owner = requireString(body, 'owner');
      const repo = requireString(body, 'repo');
      const environment = optional(body, 'environment', (v) => typeof v === 'string' && v !== '',
        'environment must be a non-empty string') ?? 'production';
      const id = optional(body, 'id', isId, 'id must be a positive integer');
      const dep = state.addDeployment(owner, repo, { id, environment, createdAt: mock.nowSec() });
      return jsonResponse(201, { id: dep.id, owner: dep.repo.owner, repo: dep.repo.name, environment });
    }
    case 'POST statuses': {
      const owner = requireString(body, 'owner');
      const repo = requireString(body, 'repo');
      if (!isId(body.deployment_id)) throw new HttpFailure(400, 'deployment_id must be a positive integer');
      const count = body.count;
      if (!Number.isSafeInteger(count) || count < 0 || count > MAX_BULK) {
        throw new HttpFailure(400, `count must be an integer 0..${MAX_BULK}`);
      }
      const st = optional(body, 'state', (v) => STATES.includes(v), `state must be one of ${STATES.join(', ')}`);
      const environment = optional(body, 'environment', (v) => typeof v === 'string' && v !== '',
        'environment must be a non-empty string');
      const repoObj = state.findRepo(owner, repo) ?? state.addRepo(owner, repo, false).repo;
      let dep = state.deployments.get(body.deployment_id);
      if (dep && dep.repo !== repoObj) throw new HttpFailure(422, `deployment ${body.deployment_id} belongs to another repository`);
      dep ??= state.addDeployment(owner, repo, { id: body.deployment_id, environment: environment ?? 'production', createdAt: mock.nowSec() });
      const { firstId, lastId } = state.addBulk(dep, count, { state: st, environment, creator: OCTOCAT, now: mock.nowSec() });
      return jsonResponse(201, { deployment_id: dep.id, count, first_id: firstId, last_id: lastId, total: dep.total });
    }
    case 'POST faults':
      return jsonResponse(201, { id: mock.faults.add(body) });
    case 'GET faults':
      return jsonResponse(200, mock.faults.list());
    case 'DELETE faults':
      mock.faults.clear();
      return jsonResponse(200, { ok: true });
    case 'GET requests':
      return jsonResponse(200, mock.log);
    case 'DELETE requests':
      mock.log.length = 0;
      return jsonResponse(200, { ok: true });
    case 'GET stats':
      return jsonResponse(200, { ...mock.stats });
    default:
      throw new HttpFailure(404, `no control endpoint /_mock/${name}`);
  }
}
