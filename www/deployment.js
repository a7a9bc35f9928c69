// One deployment: its details, its statuses in the timeline and the table (a page at a time,
// "Load all", or "Watch"), and the form that posts a status to it.

import { codePoints, el, pageSummary, plural } from './util.js';
import { renderCreated, renderMessageRow, renderPager, renderStatuses } from './render.js';
import { deploymentDetails } from './dashboard.js';
import { resetFeedback, say, showError, showRateLimit } from './feedback.js';
import { session } from './connection.js';
import { STATE_STYLE, Timeline, stateSwatch } from './timeline.js';

const PER_PAGE = 30;
const ALL_PER_PAGE = 100;
const WATCH_INTERVAL_MS = 2000;
const MAX_DESCRIPTION = 140;

const $ = (id) => document.getElementById(id);
const ui = {
  title: $('deployment-title'), details: $('deployment-details'),
  load: $('load'), loadAll: $('load-all'), watch: $('watch'), stop: $('stop'),
  job: $('job'), progress: $('progress'), progressLabel: $('progress-label'), jobStatus: $('job-status'),
  timeline: $('timeline'), timelineSummary: $('timeline-summary'), legend: $('legend'),
  statuses: $('statuses'), caption: $('statuses-caption'), tableWrap: $('statuses-wrap'),
  pager: { prev: $('prev-page'), next: $('next-page'), info: $('page-info') },
  form: $('create-form'), createTarget: $('create-target'), state: $('state'), description: $('description'),
  count: $('description-count'), logUrl: $('log-url'), environment: $('environment'),
  environmentUrl: $('environment-url'), autoInactive: $('auto-inactive'), create: $('create'), created: $('created'),
};

const timeline = new Timeline(ui.timeline, ui.timelineSummary);

const describeTarget = (t) => `${t.owner}/${t.repo} deployment ${t.deployment_id}`;
const sameTarget = (a, b) => Boolean(a && b) && a.owner === b.owner && a.repo === b.repo && a.deployment_id === b.deployment_id;

/** The deployment shown: { owner, repo, deployment_id }, or null. */
let selected = null;

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
    ui.pager.prev.disabled = true;
    ui.pager.next.disabled = true;
    ui.pager.info.textContent = { all: `all ${statuses.length} statuses`, partial: `${statuses.length} statuses (partial)`, watch: 'live' }[view.mode];
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
  renderPager(ui.pager, 1, undefined);
}

// ---- jobs: "Load all" and "Watch" run until done or stopped; one at a time -----------------

let job = null; // { kind: 'all' | 'watch', controller, button }

function startJob(kind, button) {
  const previous = job;
  stopJob('replaced');
  loading?.abort(); // a page still loading would replace what the job shows
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
  if (job?.button !== ended.button) ended.button.disabled = selected === null;
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
  const target = selected;
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
    const all = await session.use((client) => client.paginate({ ...target, per_page: ALL_PER_PAGE }, {
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
  const target = selected;
  const current = startJob('watch', ui.watch);
  const { signal } = current.controller;
  ui.progress.hidden = true;
  setProgress({ value: null, label: 'Watching', status: `Watching ${describeTarget(target)}: first poll…` });
  ui.job.dataset.changes = '0';
  let changes = 0;
  try {
    await session.use((client) => client.watch(target, {
      intervalMs: WATCH_INTERVAL_MS,
      signal,
      onChange: (res) => {
        changes += 1;
        ui.job.dataset.changes = String(changes);
        showRateLimit(res.rateLimit);
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

/** Loads one page of `target`'s statuses; resolves to a summary, or null on failure. */
async function loadStatuses(target, page, highlightId = null) {
  stopJob();
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  ui.tableWrap.setAttribute('aria-busy', 'true');
  try {
    const res = await session.use((client) =>
      client.listDeploymentStatuses({ ...target, per_page: PER_PAGE, page }, { signal: controller.signal }));
    setView(target, res.data, 'page', { page });
    const last = renderPager(ui.pager, page, res.headers.link);
    showView(new Set(highlightId === null ? [] : [highlightId]));
    showRateLimit(res.rateLimit);
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

async function reload() {
  resetFeedback();
  const target = selected;
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

ui.load.addEventListener('click', reload);
ui.pager.prev.addEventListener('click', () => goToPage(ui.pager.prev));
ui.pager.next.addEventListener('click', () => goToPage(ui.pager.next));

// ---- which deployment is shown ------------------------------------------------------------

let opening = null; // AbortController of the getDeployment in flight

/** Heads the card with `target` (or nothing); the deployment is selected only when given. */
function setSelected(target, deployment) {
  selected = deployment ? target : null;
  const id = target?.deployment_id;
  ui.title.textContent = target ? `Deployment #${id}` : 'Deployment';
  ui.title.dataset.deploymentId = target ? String(id) : '';
  ui.details.replaceChildren(deployment ? deploymentDetails(deployment)
    : el('p', { class: 'muted', text: target ? 'This deployment could not be loaded: see the error above.' : 'Choose a deployment in the list, create one, or go to one by its id.' }));
  ui.createTarget.textContent = deployment
    ? `Posts to deployment ${id} (${deployment.environment}). Needs a token.`
    : 'Open a deployment first: statuses are posted to the deployment shown above.';
  ui.environment.placeholder = deployment ? String(deployment.environment) : 'production';
  for (const button of [ui.load, ui.loadAll, ui.watch, ui.create]) button.disabled = !deployment;
}

/**
 * Shows deployment `id` of `repo` ({ owner, repo }): its details (`deployment` when the caller
 * has it, else read with getDeployment) and the first page of its statuses; `focus` moves the
 * keyboard focus to its heading. Resolves true once shown.
 */
export async function openDeployment(repo, id, { deployment = null, focus = false } = {}) {
  closeDeployment();
  const target = { ...repo, deployment_id: id };
  const controller = new AbortController();
  opening = controller;
  let shown = deployment;
  try {
    shown ??= (await session.use((client) => client.getDeployment(target, { signal: controller.signal }))).data;
  } catch (error) {
    if (controller.signal.aborted) return false;
    if (error?.name !== 'ValidationError') {
      setSelected(target, null);
      clearView(target, 'Could not load this deployment: see the error above.');
    }
    showError(error);
    return false;
  } finally {
    if (opening === controller) opening = null;
  }
  setSelected(target, shown);
  if (focus) {
    ui.title.focus();
    ui.title.scrollIntoView({ block: 'start' });
  }
  return (await loadStatuses(target, 1)) !== null;
}

/** Shows no deployment: stops what runs for the one shown (another repository was opened). */
export function closeDeployment() {
  stopJob();
  loading?.abort();
  opening?.abort();
  setSelected(null, null);
  view = null;
  ui.caption.textContent = 'No deployment loaded yet';
  renderMessageRow(ui.statuses, 'Choose a deployment to see its statuses.');
  timeline.clear('Choose a deployment to draw its statuses.');
  delete ui.timeline.dataset.target;
  renderPager(ui.pager, 1, undefined);
  ui.created.hidden = true;
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
  const params = { ...selected, state: ui.state.value };
  if (ui.description.value !== '') params.description = ui.description.value;
  const optional = [['log_url', ui.logUrl], ['environment', ui.environment], ['environment_url', ui.environmentUrl]];
  for (const [name, input] of optional) {
    const value = input.value.trim();
    if (value !== '') params[name] = value;
  }
  if (ui.autoInactive.value !== '') params.auto_inactive = ui.autoInactive.value === 'true';
  return params;
}

/** Puts a status just created on screen: in place when every status (or a live watch) is shown. */
async function showCreatedStatus(status, done) {
  if (view && sameTarget(view.target, selected) && view.mode !== 'page') {
    mergeIntoView([status]);
    showView(new Set([status.id]));
    return;
  }
  const result = await loadStatuses(selected, 1, status.id);
  if (result) say(`${done} Reloaded the list (${pageSummary(result)}).`);
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
    const res = await session.use((client) => client.createDeploymentStatus(params));
    const status = res.data;
    renderCreated(ui.created, status);
    showRateLimit(res.rateLimit);
    const done = `Created status ${status.id} (${status.state}) on ${describeTarget(params)}.`;
    say(done);
    const target = { owner: params.owner, repo: params.repo, deployment_id: params.deployment_id };
    document.dispatchEvent(new CustomEvent('statuscreated', { detail: target }));
    // Another deployment opened meanwhile stays on screen.
    if (sameTarget(selected, target)) await showCreatedStatus(status, done);
  } catch (error) {
    showError(error, ui.form);
  } finally {
    creating = false;
    ui.form.removeAttribute('aria-busy');
    ui.create.textContent = 'Create status';
  }
});

/** Draws the legend and the empty views. */
export function initDeployment() {
  ui.legend.replaceChildren(...Object.keys(STATE_STYLE).map((state) =>
    el('li', { dataset: { state } }, stateSwatch(state), state)));
  closeDeployment();
  updateCount();
}
