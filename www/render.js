// Turns API results and errors into DOM nodes. Everything from the network goes in as text.

import { el, localDateAndTime, localDateTime, pageOf, pageSummary, parseLinkHeader, resetTime, safeHref } from './util.js';

const STATES = new Set(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']);

/** A coloured badge for a deployment state (the text says the state; colour only repeats it). */
export function stateBadge(state) {
  const known = STATES.has(state) ? state : 'unknown';
  return el('span', { class: `badge badge-${known.replace('_', '-')}`, text: String(state) });
}

/** A muted dash for a missing value. */
export const dash = () => el('span', { class: 'muted', text: '—' });

/** An external link, only for http(s) URLs; `label` is visible, `context` is for screen readers. */
export function externalLink(url, label, context) {
  const href = safeHref(url);
  if (!href) return null;
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', title: href, class: 'ext' },
    label, el('span', { class: 'visually-hidden', text: ` ${context} (opens in a new tab)` }));
}

/** Who created a status: the user's login, else the app's name, else null. */
export function creatorName(status) {
  if (status.creator?.login) return status.creator.login;
  if (status.performed_via_github_app?.name) return `${status.performed_via_github_app.name} (app)`;
  return null;
}

/** A <time> in local time, date over time; the title keeps GitHub's UTC timestamp. */
export function createdCell(iso) {
  const [day, time] = localDateAndTime(iso);
  return el('time', { datetime: iso, title: iso }, el('span', { text: day }), ' ', el('span', { text: time }));
}

function statusRow(status, highlight) {
  const logUrl = status.log_url || status.target_url;
  const links = [
    externalLink(logUrl, 'Log', `of status ${status.id}`),
    externalLink(status.environment_url, 'Environment', `of status ${status.id}`),
  ].filter(Boolean);
  const creator = creatorName(status);
  const dataset = { statusId: String(status.id), state: String(status.state), environment: status.environment ?? '' };
  return el('tr', { dataset, class: highlight.has(status.id) ? 'is-new' : null },
    el('td', { class: 'num', 'data-label': 'ID' }, String(status.id)),
    el('td', { class: 'state', 'data-label': 'State' }, stateBadge(status.state)),
    el('td', { class: 'desc', 'data-label': 'Description' }, status.description ? String(status.description) : dash()),
    el('td', { class: 'env', 'data-label': 'Environment' }, status.environment ? String(status.environment) : dash()),
    el('td', { class: 'creator', 'data-label': 'Creator' }, creator ?? dash()),
    el('td', { class: 'when', 'data-label': 'Created' }, createdCell(status.created_at)),
    el('td', { class: 'links', 'data-label': 'Links' }, links.length ? links : dash()),
  );
}

/** Fills the table body, newest first (by created_at, then id); ids in `highlight` are marked new. */
export function renderStatuses(tbody, statuses, highlight = new Set(), emptyText = 'This page has no statuses.') {
  const sorted = [...statuses].sort((a, b) =>
    (Date.parse(b.created_at) - Date.parse(a.created_at)) || (b.id - a.id));
  if (sorted.length === 0) renderMessageRow(tbody, emptyText);
  else tbody.replaceChildren(...sorted.map((status) => statusRow(status, highlight)));
}

/** Replaces the table body with one full-width row of text. */
export function renderMessageRow(tbody, text) {
  tbody.replaceChildren(el('tr', { class: 'empty-row' }, el('td', { colspan: 7, text })));
}

/**
 * Sets a pager (`{ prev, next, info }` elements) from a response's Link header; returns the last
 * page, or null when not known. Focus stays in the pager when the pressed button turns disabled.
 */
export function renderPager({ prev, next, info }, page, linkHeader) {
  const links = parseLinkHeader(linkHeader);
  const prevPage = pageOf(links.prev);
  const nextPage = pageOf(links.next);
  const last = pageOf(links.last) ?? (nextPage === null ? page : null);
  const hadFocus = document.activeElement;
  prev.disabled = prevPage === null;
  next.disabled = nextPage === null;
  prev.dataset.page = prevPage ?? '';
  next.dataset.page = nextPage ?? '';
  info.textContent = pageSummary({ page, last });
  if (hadFocus?.disabled && (hadFocus === prev || hadFocus === next)) (hadFocus === next ? prev : next).focus();
  return last;
}

/** "Rate limit: 58 / 60 remaining · resets 14:05:09 (in 59 minutes)". */
export function renderRateLimit(node, rateLimit) {
  if (!rateLimit) {
    node.replaceChildren('Rate limit: not reported by the server');
    node.classList.remove('low');
    return;
  }
  const { limit, remaining, reset, resource } = rateLimit;
  node.replaceChildren(
    'Rate limit',
    resource ? ` (${resource})` : '',
    ': ',
    el('strong', { text: `${remaining} / ${limit}` }),
    ' remaining · resets ',
    resetTime(reset),
  );
  node.classList.toggle('low', limit > 0 && remaining / limit < 0.1);
}

/** One entry of GitHub's `errors` array as a sentence. */
function describeFieldError(entry) {
  if (typeof entry === 'string') return entry;
  if (!entry || typeof entry !== 'object') return String(entry);
  const where = [entry.resource, entry.field].filter(Boolean).join('.');
  const what = entry.message || entry.code || 'invalid';
  const code = entry.message && entry.code ? ` (${entry.code})` : '';
  // A failed deployment check lists each commit status context with its state.
  const contexts = Array.isArray(entry.contexts)
    ? ` — ${entry.contexts.map((c) => `${c?.context}: ${c?.state}`).join(', ')}` : '';
  return `${where ? `${where}: ` : ''}${what}${code}${contexts}`;
}

const HINTS = {
  401: 'Check the token: GitHub rejected it, or this request needs one (creating a deployment or a status always does).',
  403: 'The token may lack the repo_deployment scope, or a rate limit was hit.',
  404: 'GitHub answers 404 both for something that does not exist and for a private repository the token cannot see.',
  409: 'GitHub did not create the deployment: the default branch could not be merged into the ref, or commit status checks did not pass.',
  422: 'GitHub refused the input.',
};

const OTHER_HINTS = {
  NetworkError: 'No response arrived: the server may be unreachable, or the browser blocked the request (CORS).',
  TimeoutError: 'The server took too long to answer.',
  DecodeError: 'The server answered, but not with what GitHub\'s API describes.',
  ValidationError: 'The input was refused before anything was sent.',
};

/** Shows an error in the banner (HttpError in full, anything else as name and message). */
export function renderErrorBanner(banner, error, onDismiss) {
  const parts = [];
  const name = error?.name || 'Error';
  const message = error?.message || String(error);
  if (name === 'HttpError') {
    parts.push(el('p', { class: 'banner-title' }, el('strong', { text: `HTTP ${error.status}` }), ' — ', message, el('span', { class: 'error-name', text: ` (${name})` })));
    const errors = Array.isArray(error.errors) ? error.errors : [];
    if (errors.length) {
      parts.push(el('ul', { class: 'banner-errors' }, errors.map((entry) => el('li', { text: describeFieldError(entry) }))));
    }
    const rl = error.rateLimit;
    if ((error.status === 403 || error.status === 429) && rl && rl.remaining === 0) {
      parts.push(el('p', {}, 'Rate limit exhausted (', `${rl.used ?? rl.limit} / ${rl.limit} used`, '); it resets at ', el('strong', { text: resetTime(rl.reset) }), '.'));
    } else if (HINTS[error.status]) {
      parts.push(el('p', { class: 'banner-hint', text: HINTS[error.status] }));
    }
    const docs = safeHref(error.documentationUrl);
    if (docs) {
      parts.push(el('p', {}, el('a', { href: docs, target: '_blank', rel: 'noopener noreferrer' },
        'GitHub documentation', el('span', { class: 'visually-hidden', text: ' (opens in a new tab)' }))));
    }
  } else {
    parts.push(el('p', { class: 'banner-title' }, el('strong', { text: name }), ': ', message));
    if (OTHER_HINTS[name]) parts.push(el('p', { class: 'banner-hint', text: OTHER_HINTS[name] }));
  }
  const dismiss = el('button', { type: 'button', class: 'btn btn-small banner-close', text: 'Dismiss' });
  dismiss.addEventListener('click', onDismiss);
  banner.replaceChildren(el('div', { class: 'banner-body' }, parts), dismiss);
  Object.assign(banner.dataset, { errorName: name, status: name === 'HttpError' ? String(error.status) : '' });
  banner.hidden = false;
}

export function clearBanner(banner) {
  banner.replaceChildren();
  delete banner.dataset.errorName;
  delete banner.dataset.status;
  banner.hidden = true;
}

/** Marks `input` invalid and puts `message` under it, linked with aria-describedby. */
export function showFieldError(input, message) {
  const errorId = `${input.id}-error`;
  if (!input.hasAttribute('data-describedby')) {
    input.dataset.describedby = input.getAttribute('aria-describedby') ?? '';
  }
  document.getElementById(errorId)?.remove();
  const note = el('p', { id: errorId, class: 'field-error', text: message });
  (input.closest('.field') ?? input.parentElement).append(note);
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', [errorId, input.dataset.describedby].filter(Boolean).join(' '));
}

/** Removes every field error under `root`. */
export function clearFieldErrors(root = document) {
  for (const note of root.querySelectorAll('.field-error')) note.remove();
  for (const input of root.querySelectorAll('[aria-invalid="true"]')) {
    input.removeAttribute('aria-invalid');
    const original = input.dataset.describedby;
    if (original) input.setAttribute('aria-describedby', original);
    else input.removeAttribute('aria-describedby');
    delete input.dataset.describedby;
  }
}

/** The status just created, as a small summary card. */
export function renderCreated(node, status) {
  const rows = [
    ['ID', String(status.id)],
    ['State', stateBadge(status.state)],
    ['Description', status.description ? String(status.description) : dash()],
    ['Environment', status.environment ? String(status.environment) : dash()],
    ['Creator', creatorName(status) ?? dash()],
    ['Created', el('time', { datetime: status.created_at, text: localDateTime(status.created_at) })],
  ];
  node.replaceChildren(
    el('h3', { text: 'Last created status' }),
    el('dl', {}, rows.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', {}, value)])),
  );
  node.hidden = false;
}
