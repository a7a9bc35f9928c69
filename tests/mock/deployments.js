// The deployment and environment operations: list (filtered, newest first), get, create
// (the ref's checks first: auto-merge, commit status contexts), delete, and the list of a
// repository's environments. Each handler returns a response object; the caller has
// already checked access to the repository.

import { emptyResponse, jsonResponse } from './http.js';
import { renderDeployment, renderEnvironment } from './model.js';
import { ghError, invalidRequest, pagedList, parseBody } from './replies.js';

const DOCS = 'https://docs.github.com/rest/deployments';
export const DOC = {
  listDeployments: `${DOCS}/deployments#list-deployments`,
  createDeployment: `${DOCS}/deployments#create-a-deployment`,
  getDeployment: `${DOCS}/deployments#get-a-deployment`,
  deleteDeployment: `${DOCS}/deployments#delete-a-deployment`,
  getAllEnvironments: `${DOCS}/environments#list-environments`,
};

/** The list's filters, each an exact match when present and not empty, as GitHub does. */
const FILTERS = ['sha', 'ref', 'task', 'environment'];

const isString = (v) => typeof v === 'string';
const isBoolean = (v) => typeof v === 'boolean';
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The create body's fields: the type GitHub's message names, and its test. */
const FIELDS = {
  ref: ['a string', isString],
  task: ['a string', isString],
  auto_merge: ['a boolean', isBoolean],
  required_contexts: ['an array of strings', (v) => Array.isArray(v) && v.every(isString)],
  payload: ['an object or a string', (v) => isObject(v) || isString(v)],
  environment: ['a string', isString],
  description: ['a string or null', (v) => v === null || isString(v)],
  transient_environment: ['a boolean', isBoolean],
  production_environment: ['a boolean', isBoolean],
};

/** Parses and validates a create body: returns { input } or { error: response }. */
function validateDeployment(buffer) {
  const doc = DOC.createDeployment;
  const { input, error } = parseBody(buffer, doc);
  if (error) return { error };
  if (!('ref' in input)) return { error: ghError(422, 'Invalid request.\n\n"ref" wasn\'t supplied.', doc) };
  for (const [key, [type, test]] of Object.entries(FIELDS)) {
    if (key in input && !test(input[key])) return { error: invalidRequest(doc, key, input[key], type) };
  }
  if (input.environment === '') {
    return { error: ghError(422, 'Validation Failed', doc, {
      errors: [{ resource: 'Deployment', code: 'custom', field: 'environment', message: "environment can't be blank" }],
    }) };
  }
  return { input };
}

/**
 * The contexts that fail a create, or null: every context of the commit must be a success
 * (or each of `required`, a context never reported counting as pending); when one is not,
 * GitHub lists the commit's contexts with their states (and the missing required ones).
 */
function failedChecks(contexts, required) {
  const names = required ?? [...contexts.keys()];
  if (names.every((name) => contexts.get(name) === 'success')) return null;
  const listed = [...contexts].map(([context, state]) => ({ context, state }));
  for (const name of names) if (!contexts.has(name)) listed.push({ context: name, state: 'pending' });
  return listed;
}

/** GET /repos/{owner}/{repo}/deployments */
export function listDeployments(ctx, repo) {
  const wanted = FILTERS.filter((key) => ctx.query.get(key));
  const matches = (dep) => wanted.every((key) => {
    const value = key === 'environment' ? dep.currentEnvironment : dep[key];
    return value === ctx.query.get(key);
  });
  const deployments = repo.deployments.filter(matches).sort((a, b) => b.id - a.id);
  return pagedList(ctx, deployments, (page) => page.map((dep) => renderDeployment(dep, ctx.base, ctx.origin)), FILTERS);
}

/** GET /repos/{owner}/{repo}/deployments/{deployment_id} */
export function getDeployment(ctx, dep) {
  return jsonResponse(200, renderDeployment(dep, ctx.base, ctx.origin));
}

/** POST /repos/{owner}/{repo}/deployments */
export function createDeployment(mock, ctx, repo, who) {
  const doc = DOC.createDeployment;
  const { input, error } = validateDeployment(ctx.body);
  if (error) return error;
  const { state } = mock;
  const target = state.resolveRef(repo, input.ref);
  if (!target) return ghError(422, `No ref found for: ${input.ref}`, doc);
  if (target.ref?.behind && (input.auto_merge ?? true)) {
    if (target.ref.conflict) return ghError(409, `Conflict merging ${repo.defaultBranch} into ${input.ref}.`, doc);
    state.mergeDefaultBranch(repo, target.ref);
    return jsonResponse(202, { message: `Auto-merged ${repo.defaultBranch} into ${input.ref} on deployment.` });
  }
  const failed = failedChecks(state.commit(repo, target.sha).contexts, input.required_contexts);
  if (failed) {
    return ghError(409, `Conflict: Commit status checks failed for ${input.ref}.`, doc, {
      errors: [{ contexts: failed, resource: 'Deployment', field: 'required_contexts', code: 'invalid' }],
    });
  }
  const environment = input.environment ?? 'production';
  const dep = state.addDeployment(repo.owner, repo.name, {
    environment,
    createdAt: ctx.nowSec,
    ref: input.ref,
    sha: target.sha,
    task: input.task ?? 'deploy',
    payload: input.payload ?? {},
    description: 'description' in input ? input.description : '',
    creator: who.userId,
    transient: input.transient_environment ?? false,
    production: input.production_environment ?? environment === 'production',
  });
  mock.stats.deployments_created += 1;
  const rendered = renderDeployment(dep, ctx.base, ctx.origin);
  return jsonResponse(201, rendered, { location: rendered.url });
}

/**
 * DELETE /repos/{owner}/{repo}/deployments/{deployment_id}: GitHub deletes a deployment unless it is active (its latest status is a success) and
 * another deployment shares its environment.
 */
export function deleteDeployment(mock, repo, dep) {
  const env = dep.currentEnvironment;
  const shared = repo.deployments.some((other) => other !== dep && other.currentEnvironment === env);
  if (dep.active && shared) {
    return ghError(422, 'Validation Failed', DOC.deleteDeployment, {
      errors: ['We cannot delete an active deployment unless it is the only deployment in a given environment.'],
    });
  }
  mock.state.deleteDeployment(dep);
  mock.stats.deployments_deleted += 1;
  return emptyResponse(204);
}

/** GET /repos/{owner}/{repo}/environments: in name order, as GitHub lists them. */
export function getAllEnvironments(ctx, repo) {
  const environments = [...repo.environments.values()]
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  return pagedList(ctx, environments, (page) => ({
    total_count: environments.length,
    environments: page.map((env) => renderEnvironment(env, repo, ctx.base, ctx.origin)),
  }));
}
