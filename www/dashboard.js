// Renders the repository level: a card per environment, one environment's deployments, one
// deployment's details. Everything from the network goes in as text.

import { createdCell, creatorName, dash, externalLink, stateBadge } from './render.js';
import { el } from './util.js';

const shortSha = (sha) => String(sha ?? '').slice(0, 7);
const text = (value) => (value ? String(value) : dash());

/** A deployment's latest state as a badge ("no status" when it has none yet). */
function latestBadge(status) {
  return status ? stateBadge(status.state) : el('span', { class: 'badge badge-none', text: 'no status' });
}

/** "main 1a2b3c4": the ref, then the short SHA (in full in its title). */
function refAndSha(deployment) {
  return el('span', { class: 'ref-sha' },
    el('span', { class: 'ref-name', text: String(deployment.ref) }), ' ',
    el('code', { title: String(deployment.sha), text: shortSha(deployment.sha) }));
}

function environmentCard({ environment, deployment, status }, selected) {
  const name = String(environment.name);
  const open = el('button', {
    type: 'button', class: 'env-open', 'aria-pressed': String(name === selected),
    dataset: { environment: name, focusKey: `environment:${name}` },
  }, name);
  const dataset = { environment: name, state: status ? String(status.state) : '', deploymentId: deployment ? String(deployment.id) : '' };
  if (!deployment) {
    return el('li', { class: 'env-card', dataset },
      el('div', { class: 'env-head' }, el('h3', {}, open)),
      el('p', { class: 'env-none muted', text: 'No deployments yet.' }));
  }
  const creator = creatorName(deployment);
  return el('li', { class: `env-card${name === selected ? ' is-selected' : ''}`, dataset },
    el('div', { class: 'env-head' }, el('h3', {}, open), latestBadge(status)),
    el('p', { class: 'env-desc' }, status?.description ? String(status.description) : el('span', { class: 'muted', text: status ? 'No description.' : 'No status yet.' })),
    el('p', { class: 'env-deployment' },
      el('span', { class: 'env-id', text: `#${deployment.id}` }), ' ', refAndSha(deployment),
      creator ? ` · ${creator}` : '', ' · ', createdCell(deployment.created_at)),
    status?.environment_url ? el('p', { class: 'env-url' }, externalLink(status.environment_url, String(status.environment_url), `of ${name}`)) : null);
}

/** The overview as cards, in GitHub's order; `selected` is the environment listed below. */
export function renderEnvironments(list, selected) {
  if (list.length === 0) return [el('li', { class: 'environments-empty', text: 'This repository has no environments yet.' })];
  return list.map((entry) => environmentCard(entry, selected));
}

/** One row per deployment, newest first as GitHub lists them; `latest` maps an id to { status } or { error }. */
export function deploymentRows(deployments, latest, { selectedId, highlightId }) {
  return deployments.map((deployment) => {
    const { status, error } = latest.get(deployment.id) ?? {};
    const id = String(deployment.id);
    const open = el('button', {
      type: 'button', class: 'link-button', 'aria-pressed': String(deployment.id === selectedId),
      'aria-label': `Deployment ${id}`, dataset: { focusKey: `deployment:${id}` },
    }, `#${id}`);
    const state = error ? el('span', { class: 'muted', text: `unknown (${error.name})` }) : latestBadge(status);
    return el('tr', {
      class: deployment.id === highlightId ? 'is-new' : null,
      dataset: { deploymentId: id, state: status ? String(status.state) : '', ref: String(deployment.ref) },
    },
    el('td', { class: 'num', 'data-label': 'Deployment' }, open),
    el('td', { class: 'state', 'data-label': 'Latest state' }, state),
    el('td', { class: 'ref', 'data-label': 'Ref' }, refAndSha(deployment)),
    el('td', { class: 'desc', 'data-label': 'Description' }, text(deployment.description)),
    el('td', { class: 'creator', 'data-label': 'Creator' }, creatorName(deployment) ?? dash()),
    el('td', { class: 'when', 'data-label': 'Created' }, createdCell(deployment.created_at)));
  });
}

/** A deployment's facts as a definition list. */
export function deploymentDetails(deployment) {
  const flags = [deployment.production_environment && 'production', deployment.transient_environment && 'transient'].filter(Boolean);
  const environment = deployment.original_environment && deployment.original_environment !== deployment.environment
    ? `${deployment.environment} (first ${deployment.original_environment})` : deployment.environment;
  const rows = [
    ['Environment', text(environment)],
    ['Ref', text(deployment.ref)],
    ['Commit', el('code', { class: 'sha', text: String(deployment.sha) })],
    ['Task', text(deployment.task)],
    ['Description', text(deployment.description)],
    ['Creator', creatorName(deployment) ?? dash()],
    ['Created', createdCell(deployment.created_at)],
    ['Environment kind', flags.length ? flags.join(', ') : dash()],
  ];
  return el('dl', { class: 'facts', dataset: { deploymentId: String(deployment.id) } },
    rows.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', {}, value)]));
}
