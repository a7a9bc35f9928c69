// Users, tokens and the JSON shapes GitHub answers with (deployment, deployment-status,
// environment, simple-user).

import { isoSeconds } from './http.js';

export const STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];

export const USERS = new Map([
  [1, { login: 'octocat', id: 1 }],
  [2, { login: 'hubot', id: 2 }],
]);

/** token -> user id. The only credentials the mock accepts. */
export const TOKENS = new Map([
  ['ghp_mock_valid_token', 1],
  ['ghp_mock_second_token', 2],
]);

/** GitHub's legacy global node id: base64("0<len>:<Type><id>"). */
export function legacyNodeId(type, id) {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

/**
 * The full simple-user object. API urls use the request's base (origin + prefix);
 * html_url and avatar_url use the origin, as GitHub Enterprise Server does.
 */
export function renderUser(userId, base, origin) {
  const user = USERS.get(userId);
  if (!user) return null;
  const u = `${base}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: legacyNodeId('User', user.id),
    avatar_url: `${origin}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${origin}/${user.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

export function repoPath(repo) {
  return `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}`;
}

/** A stored status record -> the deployment-status object (exactly the schema's fields). */
export function renderStatus(rec, deployment, base, origin) {
  const repositoryUrl = `${base}${repoPath(deployment.repo)}`;
  const deploymentUrl = `${repositoryUrl}/deployments/${deployment.id}`;
  const time = isoSeconds(rec.createdAt);
  return {
    url: `${deploymentUrl}/statuses/${rec.id}`,
    id: rec.id,
    node_id: legacyNodeId('DeploymentStatus', rec.id),
    state: rec.state,
    creator: renderUser(rec.creator, base, origin),
    description: rec.description,
    environment: rec.environment,
    target_url: rec.targetUrl,
    created_at: time,
    updated_at: time,
    deployment_url: deploymentUrl,
    repository_url: repositoryUrl,
    environment_url: rec.environmentUrl,
    log_url: rec.logUrl,
    performed_via_github_app: null,
  };
}

/** A deployment -> the deployment object (exactly the schema's fields, in the example's order). */
export function renderDeployment(dep, base, origin) {
  const repositoryUrl = `${base}${repoPath(dep.repo)}`;
  const url = `${repositoryUrl}/deployments/${dep.id}`;
  return {
    url,
    id: dep.id,
    node_id: legacyNodeId('Deployment', dep.id),
    sha: dep.sha,
    ref: dep.ref,
    task: dep.task,
    payload: dep.payload,
    original_environment: dep.environment,
    environment: dep.currentEnvironment,
    description: dep.description,
    creator: renderUser(dep.creator, base, origin),
    created_at: isoSeconds(dep.createdAt),
    updated_at: isoSeconds(dep.updatedAt),
    statuses_url: `${url}/statuses`,
    repository_url: repositoryUrl,
    transient_environment: dep.transient,
    production_environment: dep.production,
    performed_via_github_app: null,
  };
}

function renderRule(rule, base, origin) {
  const head = { id: rule.id, node_id: legacyNodeId('Gate', rule.id) };
  if (rule.type === 'wait_timer') return { ...head, type: rule.type, wait_timer: rule.waitTimer };
  if (rule.type === 'required_reviewers') {
    return {
      ...head,
      prevent_self_review: false,
      type: rule.type,
      reviewers: rule.reviewers.map((userId) => ({ type: 'User', reviewer: renderUser(userId, base, origin) })),
    };
  }
  return { ...head, type: rule.type };
}

/** An environment -> the environment object; html_url is the environment's activity log. */
export function renderEnvironment(env, repo, base, origin) {
  const name = encodeURIComponent(env.name);
  return {
    id: env.id,
    node_id: legacyNodeId('Environment', env.id),
    name: env.name,
    url: `${base}${repoPath(repo)}/environments/${name}`,
    html_url: `${origin}/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}/deployments/activity_log?environments_filter=${name}`,
    created_at: isoSeconds(env.createdAt),
    updated_at: isoSeconds(env.updatedAt),
    protection_rules: env.protectionRules.map((rule) => renderRule(rule, base, origin)),
    deployment_branch_policy: env.branchPolicy,
  };
}

/** A small generated SVG avatar, so pages showing creators need no network. */
export function avatarSvg(userId) {
  const user = USERS.get(userId);
  const letter = user ? user.login[0].toUpperCase() : '?';
  const hue = (userId * 137) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="8" fill="hsl(${hue},55%,45%)"/>` +
    `<text x="32" y="42" font-family="sans-serif" font-size="30" fill="#fff" text-anchor="middle">${letter}</text></svg>`;
}
