// The demo page: wires the connection panel, the timeline, the statuses table and the create
// form to the client. The token is read from its field at each request and kept nowhere else.

import { Client } from "../pkg/index.browser.js";
import { codePoints, el, pageOf, parseLinkHeader } from './util.js';
import {
  clearBanner, clearFieldErrors, renderCreated, renderErrorBanner, renderRateLimit,
  renderMessageRow, renderStatuses, showFieldError,
} from './render.js';
import { STATE_STYLE, Timeline, stateSwatch } from './timeline.js';

const PER_PAGE = 30;
const ALL_PER_PAGE = 100;
const WATCH_INTERVAL_MS = 2000;
const MAX_DESCRIPTION = 140;

const $ = (id) => document.getElementById(id);
const ui = {
  boot: $('boot'), banner: $('banner'), message: $('message'),
  baseUrl: $('base-url'), token: $('token'), owner: $('owner'), repo: $('repo'), deploymentId: $('deployment-id'),
  load: $('load'), loadAll: $('load-all'), watch: $('watch'), stop: $('stop'),
  job: $('job'), progress: $('progress'), progressLabel: $('progress-label'), jobStatus: $('job-status'),
  timeline: $('timeline'), timelineSummary: $('timeline-summary'), legend: $('legend'),
  statuses: $('statuses'), caption: $('statuses-caption'), tableWrap: document.querySelector('.table-wrap'),
  prev: $('prev-page'), next: $('next-page'), pageInfo: $('page-info'), rateLimit: $('rate-limit'),
  form: $('create-form'), state: $('state'), description: $('description'), count: $('description-count'),
  logUrl: $('log-url'), environment: $('environment'), environmentUrl: $('environment-url'),
  autoInactive: $('auto-inactive'), create: $('create'), created: $('created'),
};

const timeline = new Timeline(ui.timeline, ui.timelineSummary);

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
const sameTarget = (a, b) => Boolean(a && b) && a.owner === b.owner && a.repo === b.repo && a.deployment_id === b.deployment_id;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;

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

// ---- what is shown: one deployment's statuses in the timeline and the table --------------

/**
 * view: { target, statuses: Map(id -> status), mode, page }
 * mode 'page' is one page of 30 (the pager works); 'all' every status; 'partial' the pages a
 * stopped "Load all" got; 'watch' the newest 100 polled live (or every status, when "Load
 * all" came first).
 */
let view = null;

function showView(highlight = new Set()) {
  const statuses = [...view.statuses.values()];
  const target = describeTarget(view.target);
  ui.caption.textContent = {
    page: `Statuses of ${target}, newest first`,
    all: `All ${statuses.length} statuses of ${target}, newest first`,
    partial: `The newest ${statuses.length} statuses of ${target} (loading stopped before the last page)`,
    watch: view.complete
      ? `All ${statuses.length} statuses of ${target}, newest first, updated live`
      : `The newest ${statuses.length} statuses of ${target}, updated live`,
  }[view.mode];
  const emptyText = 'This deployment has no statuses yet.';
  renderStatuses(ui.statuses, statuses, highlight, emptyText);
  ui.tableWrap.classList.toggle('is-long', statuses.length > PER_PAGE);
  timeline.update(statuses, { highlight, emptyText });
  ui.timeline.dataset.target = `${view.target.owner}/${view.target.repo}/${view.target.deployment_id}`;
  if (view.mode !== 'page') {
    ui.prev.disabled = true;
    ui.next.disabled = true;
    ui.pageInfo.textContent = { all: `all ${statuses.length} statuses`, partial: `${statuses.length} statuses (partial)`, watch: 'live' }[view.mode];
  }
}

function setView(target, statuses, mode, extra = {}) {
  view = { target, statuses: new Map(statuses.map((s) => [s.id, s])), mode, ...extra };
}

/** Adds statuses to the view; returns the ids it did not have. */
function mergeIntoView(statuses) {
  const added = new Set();
  for (const status of statuses) {
    if (!view.statuses.has(status.id)) added.add(status.id);
    view.statuses.set(status.id, status);
  }
  return added;
}

function clearView(target, text) {
  view = null;
  ui.caption.textContent = `Statuses of ${describeTarget(target)}`;
  renderMessageRow(ui.statuses, text);
  timeline.clear(text);
  delete ui.timeline.dataset.target;
  renderPager(1, undefined);
}

// ---- jobs: "Load all" and "Watch" run until done or stopped; one at a time -----------------

let job = null; // { kind: 'all' | 'watch', controller, button }

function startJob(kind, button) {
  const previous = job;
  stopJob('replaced');
  if (previous) releaseButton(previous);
  const controller = new AbortController();
  job = { kind, controller, button };
  ui.job.dataset.job = kind;
  ui.job.hidden = false;
  ui.stop.disabled = false;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  // The pressed button is now disabled: keep keyboard focus on something that matters.
  if (document.activeElement === button || document.activeElement === document.body) ui.stop.focus();
  return job;
}

function releaseButton(ended) {
  ended.button.removeAttribute('aria-busy');
  if (job?.button !== ended.button) ended.button.disabled = false;
}

function endJob(ended) {
  if (job !== ended) {
    releaseButton(ended); // another job replaced it and already took over the panel
    return;
  }
  const hadFocus = document.activeElement === ui.stop;
  job = null;
  releaseButton(ended);
  ui.job.dataset.job = 'idle';
  ui.stop.disabled = true;
  if (hadFocus || document.activeElement === document.body) ended.button.focus();
}

/** Aborts whatever job runs ('user': the Stop button; else another action replaced it). */
function stopJob(reason = 'replaced') {
  if (!job || job.controller.signal.aborted) return;
  job.stopReason = reason;
  job.controller.abort();
}

ui.stop.addEventListener('click', () => stopJob('user'));

/** Updates the job panel; `value` (0-100, or null for indeterminate) only when given. */
function setProgress({ value, label, status }) {
  if (value === null) ui.progress.removeAttribute('value');
  else if (Number.isFinite(value)) ui.progress.value = value;
  if (label !== undefined) ui.progressLabel.textContent = label;
  if (status !== undefined) ui.jobStatus.textContent = status;
}

async function loadAll() {
  resetFeedback();
  const target = currentTarget();
  const current = startJob('all', ui.loadAll);
  const { signal } = current.controller;
  ui.progress.hidden = false;
  ui.progress.dataset.page = '0';
  ui.progress.dataset.totalPages = '';
  setProgress({ value: 0, label: 'Loading all pages', status: `Starting… (${ALL_PER_PAGE} per page)` });
  ui.tableWrap.setAttribute('aria-busy', 'true');
  let pages = 0;
  let items = 0;
  try {
    const all = await withClient((client) => client.paginate({ ...target, per_page: ALL_PER_PAGE }, {
      signal,
      onPage: ({ page, totalPages, items: soFar, data }) => {
        pages = page;
        items = soFar;
        ui.progress.dataset.page = String(page);
        ui.progress.dataset.totalPages = totalPages === null ? '' : String(totalPages);
        const value = totalPages ? Math.min(100, (page / totalPages) * 100) : null;
        setProgress({
          value,
          status: `Page ${page}${totalPages ? ` of ${totalPages}` : ''} · ${plural(soFar, 'status')}`,
        });
        // Draw as pages arrive: the first page replaces what was shown, later pages add to it.
        if (page === 1) setView(target, data, 'all');
        else mergeIntoView(data);
        showView();
      },
    }));
    // The pages as they came may overlap if statuses were created meanwhile: the result is the truth.
    setView(target, all, 'all');
    showView();
    setProgress({ value: 100, label: 'All pages loaded', status: `${plural(all.length, 'status')} in ${plural(pages, 'page')}` });
    say(`Loaded all ${all.length} statuses of ${describeTarget(target)} (${plural(pages, 'page')}, up to ${ALL_PER_PAGE} per page).`);
  } catch (error) {
    if (signal.aborted) {
      setProgress({ label: 'Stopped', status: `after ${plural(pages, 'page')} (${plural(items, 'status')})` });
      if (view && sameTarget(view.target, target) && view.mode === 'all') {
        view.mode = 'partial';
        showView();
      }
      if (current.stopReason === 'user') say(`Stopped loading: ${plural(items, 'status')} of ${describeTarget(target)} shown.`);
    } else {
      setProgress({ label: 'Failed', status: 'see the error above' });
      if (error?.name !== 'ValidationError' && !sameTarget(view?.target, target)) clearView(target, 'Could not load these statuses: see the error above.');
      showError(error);
    }
  } finally {
    ui.tableWrap.removeAttribute('aria-busy');
    endJob(current);
  }
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

async function watch() {
  resetFeedback();
  const target = currentTarget();
  const current = startJob('watch', ui.watch);
  const { signal } = current.controller;
  ui.progress.hidden = true;
  setProgress({ value: null, label: 'Watching', status: `Watching ${describeTarget(target)}: first poll…` });
  ui.job.dataset.changes = '0';
  let changes = 0;
  try {
    await withClient((client) => client.watch(target, {
      intervalMs: WATCH_INTERVAL_MS,
      signal,
      onChange: (res) => {
        changes += 1;
        ui.job.dataset.changes = String(changes);
        renderRateLimit(ui.rateLimit, res.rateLimit);
        const at = timeFormat.format(new Date());
        if (changes === 1) {
          // Keep everything "Load all" fetched for this deployment; else show the newest 100.
          if (view && sameTarget(view.target, target) && view.mode === 'all') {
            view.mode = 'watch';
            view.complete = true;
            mergeIntoView(res.data);
          } else {
            setView(target, res.data, 'watch');
          }
          showView();
          ui.jobStatus.textContent = `Watching ${describeTarget(target)} every ${WATCH_INTERVAL_MS / 1000} s · ${plural(view.statuses.size, 'status')} · since ${at}`;
          say(`Watching ${describeTarget(target)}: new statuses appear as they are created.`);
          return;
        }
        const added = mergeIntoView(res.data);
        showView(added);
        ui.jobStatus.textContent = `Watching ${describeTarget(target)} · last change ${at} · ${plural(view.statuses.size, 'status')}`;
        if (added.size) {
          const newest = [...added].map((id) => view.statuses.get(id)).sort((a, b) => b.id - a.id);
          say(`${plural(added.size, 'new status')} on ${describeTarget(target)}: ${newest.map((s) => `${s.id} (${s.state})`).join(', ')}.`);
        }
      },
    }));
    ui.jobStatus.textContent = `Stopped watching ${describeTarget(target)} at ${timeFormat.format(new Date())}.`;
    if (current.stopReason === 'user') say(`Stopped watching ${describeTarget(target)}.`);
  } catch (error) {
    if (signal.aborted) {
      ui.jobStatus.textContent = `Stopped watching ${describeTarget(target)}.`;
    } else {
      ui.jobStatus.textContent = 'Watch ended with an error.';
      if (error?.name !== 'ValidationError' && !sameTarget(view?.target, target)) clearView(target, 'Could not load these statuses: see the error above.');
      showError(error);
    }
  } finally {
    endJob(current);
  }
}

ui.loadAll.addEventListener('click', loadAll);
ui.watch.addEventListener('click', watch);

// ---- one page at a time -------------------------------------------------------------------

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
  if (hadFocus?.disabled && (hadFocus === ui.prev || hadFocus === ui.next)) (hadFocus === ui.next ? ui.prev : ui.next).focus();
  return last;
}

/** Loads one page of `target`'s statuses; resolves to a summary, or null on failure. */
async function loadStatuses(target, page, highlightId = null) {
  stopJob();
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  ui.tableWrap.setAttribute('aria-busy', 'true');
  try {
    const res = await withClient((client) =>
      client.listDeploymentStatuses({ ...target, per_page: PER_PAGE, page }, { signal: controller.signal }));
    setView(target, res.data, 'page', { page });
    const last = renderPager(page, res.headers.link);
    showView(new Set(highlightId === null ? [] : [highlightId]));
    renderRateLimit(ui.rateLimit, res.rateLimit);
    return { count: res.data.length, page, last };
  } catch (error) {
    if (controller.signal.aborted) return null; // replaced by a newer load
    // A new target that failed after a request was made: do not leave another deployment's rows up.
    if (error?.name !== 'ValidationError' && !sameTarget(view?.target, target)) clearView(target, 'Could not load these statuses: see the error above.');
    showError(error);
    return null;
  } finally {
    if (loading === controller) {
      loading = null;
      ui.tableWrap.removeAttribute('aria-busy');
    }
  }
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
  if (!view || view.mode !== 'page' || !page) return;
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
    if (view && sameTarget(view.target, target) && view.mode !== 'page') {
      // Every status (or a live watch) is shown: add it in place.
      mergeIntoView([status]);
      showView(new Set([status.id]));
    } else {
      const result = await loadStatuses(target, 1, status.id);
      if (result) say(`${done} Reloaded the list (${pageSummary(result)}).`);
    }
  } catch (error) {
    showError(error);
  } finally {
    creating = false;
    ui.form.removeAttribute('aria-busy');
    ui.create.textContent = 'Create status';
  }
});

// ---- start ------------------------------------------------------------------------------

ui.legend.replaceChildren(...Object.keys(STATE_STYLE).map((state) =>
  el('li', { dataset: { state } }, stateSwatch(state), state)));
timeline.clear('Load a deployment to draw its statuses.');
ui.baseUrl.value = PRESETS.mock();
markPreset();
updateCount();
for (const button of [ui.load, ui.loadAll, ui.watch, ui.create]) button.disabled = false;
ui.boot.hidden = true;
document.documentElement.dataset.ready = 'true';
