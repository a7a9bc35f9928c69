// The demo page: wires the connection panel, the statuses table and the create form to the client.
// The token is read from its field at each request and kept nowhere else.

import { Client } from "../pkg/index.browser.js";
import { codePoints, pageOf, parseLinkHeader } from './util.js';
import {
  clearBanner, clearFieldErrors, renderCreated, renderErrorBanner, renderRateLimit,
  renderMessageRow, renderStatuses, showFieldError,
} from './render.js';

const PER_PAGE = 30;
const MAX_DESCRIPTION = 140;

const $ = (id) => document.getElementById(id);
const ui = {
  boot: $('boot'), banner: $('banner'), message: $('message'),
  baseUrl: $('base-url'), token: $('token'), owner: $('owner'), repo: $('repo'), deploymentId: $('deployment-id'),
  load: $('load'), statuses: $('statuses'), caption: $('statuses-caption'), tableWrap: document.querySelector('.table-wrap'),
  prev: $('prev-page'), next: $('next-page'), pageInfo: $('page-info'), rateLimit: $('rate-limit'),
  form: $('create-form'), state: $('state'), description: $('description'), count: $('description-count'),
  logUrl: $('log-url'), environment: $('environment'), environmentUrl: $('environment-url'),
  autoInactive: $('auto-inactive'), create: $('create'), created: $('created'),
};

// ---- connection -------------------------------------------------------------------------

const PRESETS = {
  mock: () => location.origin,
  github: () => 'https://api.github.com',
  ghes: () => 'https://HOST/api/v3',
};

function markPreset() {
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.setAttribute('aria-pressed', String(PRESETS[button.dataset.preset]() === ui.baseUrl.value.trim()));
  }
}

for (const button of document.querySelectorAll('[data-preset]')) {
  button.addEventListener('click', () => {
    ui.baseUrl.value = PRESETS[button.dataset.preset]();
    markPreset();
    if (button.dataset.preset === 'ghes') {
      // Leave the placeholder host selected, ready to be typed over.
      ui.baseUrl.focus();
      const start = ui.baseUrl.value.indexOf('HOST');
      ui.baseUrl.setSelectionRange(start, start + 'HOST'.length);
    }
  });
}
ui.baseUrl.addEventListener('input', markPreset);

/** A client for the current connection fields; throws ValidationError for a bad base URL or token. */
function makeClient() {
  const token = ui.token.value.trim();
  return new Client({ baseUrl: ui.baseUrl.value.trim(), ...(token ? { auth: token } : {}) });
}

/** A digits-only id as a number; anything else is passed as typed, for the client to refuse. */
function parseId(raw) {
  const text = raw.trim();
  const number = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(number) ? number : text;
}

function currentTarget() {
  return { owner: ui.owner.value.trim(), repo: ui.repo.value.trim(), deployment_id: parseId(ui.deploymentId.value) };
}

const describeTarget = (t) => `${t.owner}/${t.repo} deployment ${t.deployment_id}`;

// ---- messages and errors ----------------------------------------------------------------

function resetFeedback() {
  clearBanner(ui.banner);
  clearFieldErrors();
  ui.message.textContent = '';
}

function say(text) {
  ui.message.textContent = text;
}

/** Shows an error: next to its field for a ValidationError that names one, else in the banner. */
function showError(error) {
  if (error?.name === 'ValidationError' && error.field) {
    const input = document.querySelector(`[name="${CSS.escape(error.field)}"]`);
    if (input) {
      showFieldError(input, error.message);
      input.focus();
      return;
    }
  }
  if (error?.name === 'HttpError' && error.rateLimit) renderRateLimit(ui.rateLimit, error.rateLimit);
  renderErrorBanner(ui.banner, error, () => {
    clearBanner(ui.banner);
    ui.load.focus();
  });
  ui.banner.focus();
}

/** Runs `call(client)` with a fresh client and frees the client afterwards. */
async function withClient(call) {
  const client = makeClient();
  try {
    return await call(client);
  } finally {
    client.free();
  }
}

// ---- statuses table and paging ----------------------------------------------------------

let view = null; // { target, page } of what the table shows
let loading = null; // AbortController of the list request in flight

function renderPager(page, linkHeader) {
  const links = parseLinkHeader(linkHeader);
  const prev = pageOf(links.prev);
  const next = pageOf(links.next);
  const last = pageOf(links.last) ?? (next === null ? page : null);
  const hadFocus = document.activeElement;
  ui.prev.disabled = prev === null;
  ui.next.disabled = next === null;
  ui.prev.dataset.page = prev ?? '';
  ui.next.dataset.page = next ?? '';
  ui.pageInfo.textContent = last === null ? `page ${page}` : `page ${page} of ${last}`;
  // Keep keyboard focus in the pager when the pressed button turns disabled.
  if (hadFocus?.disabled) (hadFocus === ui.next ? ui.prev : ui.next).focus();
  return last;
}

/** Loads one page of `target`'s statuses into the table; resolves to a summary, or null on failure. */
async function loadStatuses(target, page, highlightId = null) {
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  ui.tableWrap.setAttribute('aria-busy', 'true');
  try {
    const res = await withClient((client) =>
      client.listDeploymentStatuses({ ...target, per_page: PER_PAGE, page }, { signal: controller.signal }));
    view = { target, page };
    ui.caption.textContent = `Statuses of ${describeTarget(target)}, newest first`;
    renderStatuses(ui.statuses, res.data, highlightId);
    renderRateLimit(ui.rateLimit, res.rateLimit);
    const last = renderPager(page, res.headers.link);
    return { count: res.data.length, page, last };
  } catch (error) {
    if (controller.signal.aborted) return null; // replaced by a newer load
    // A new target that failed after a request was made: do not leave another deployment's rows up.
    if (error?.name !== 'ValidationError' && !sameTarget(view?.target, target)) clearTable(target);
    showError(error);
    return null;
  } finally {
    if (loading === controller) {
      loading = null;
      ui.tableWrap.removeAttribute('aria-busy');
    }
  }
}

const sameTarget = (a, b) => Boolean(a && b) && a.owner === b.owner && a.repo === b.repo && a.deployment_id === b.deployment_id;

function clearTable(target) {
  view = null;
  ui.caption.textContent = `Statuses of ${describeTarget(target)}`;
  renderMessageRow(ui.statuses, 'Could not load these statuses: see the error above.');
  renderPager(1, undefined);
}

const pageSummary = ({ page, last }) => (last === null ? `page ${page}` : `page ${page} of ${last}`);

async function loadFromFields() {
  resetFeedback();
  const target = currentTarget();
  const result = await loadStatuses(target, 1);
  if (result) say(`Loaded ${result.count} statuses of ${describeTarget(target)} (${pageSummary(result)}).`);
}

async function goToPage(button) {
  const page = Number(button.dataset.page);
  if (!view || !page) return;
  resetFeedback();
  const result = await loadStatuses(view.target, page);
  if (result) say(`Showing ${pageSummary(result)}: ${result.count} statuses.`);
}

ui.load.addEventListener('click', loadFromFields);
ui.prev.addEventListener('click', () => goToPage(ui.prev));
ui.next.addEventListener('click', () => goToPage(ui.next));
for (const input of [ui.baseUrl, ui.token, ui.owner, ui.repo, ui.deploymentId]) {
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      loadFromFields();
    }
  });
}

// ---- create form ------------------------------------------------------------------------

function updateCount() {
  const count = codePoints(ui.description.value);
  ui.count.textContent = `${count} / ${MAX_DESCRIPTION}`;
  ui.count.classList.toggle('over', count > MAX_DESCRIPTION);
}
ui.description.addEventListener('input', updateCount);

/** The create params from the form; optional fields only when filled in. */
function createParams() {
  const params = { ...currentTarget(), state: ui.state.value };
  if (ui.description.value !== '') params.description = ui.description.value;
  const optional = [['log_url', ui.logUrl], ['environment', ui.environment], ['environment_url', ui.environmentUrl]];
  for (const [name, input] of optional) {
    const value = input.value.trim();
    if (value !== '') params[name] = value;
  }
  if (ui.autoInactive.value !== '') params.auto_inactive = ui.autoInactive.value === 'true';
  return params;
}

let creating = false;

ui.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (creating) return;
  creating = true;
  ui.form.setAttribute('aria-busy', 'true');
  ui.create.textContent = 'Creating…';
  resetFeedback();
  try {
    const params = createParams();
    const res = await withClient((client) => client.createDeploymentStatus(params));
    const status = res.data;
    renderCreated(ui.created, status);
    renderRateLimit(ui.rateLimit, res.rateLimit);
    const done = `Created status ${status.id} (${status.state}) on ${describeTarget(params)}.`;
    say(done);
    const target = { owner: params.owner, repo: params.repo, deployment_id: params.deployment_id };
    const result = await loadStatuses(target, 1, status.id);
    if (result) say(`${done} Reloaded the list (${pageSummary(result)}).`);
  } catch (error) {
    showError(error);
  } finally {
    creating = false;
    ui.form.removeAttribute('aria-busy');
    ui.create.textContent = 'Create status';
  }
});

// ---- start ------------------------------------------------------------------------------

ui.baseUrl.value = PRESETS.mock();
markPreset();
updateCount();
ui.load.disabled = false;
ui.create.disabled = false;
ui.boot.hidden = true;
document.documentElement.dataset.ready = 'true';
