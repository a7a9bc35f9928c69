// The repository level: open a repository (its environments, refreshed live), list one
// environment's deployments a page at a time, go to a deployment by id, create a deployment.

import { el, keepingFocus, pageSummary, plural } from './util.js';
import { renderMessageRow, renderPager } from './render.js';
import { deploymentRows, renderEnvironments } from './dashboard.js';
import { resetFeedback, say, sayIfQuiet, showError, showRateLimit } from './feedback.js';
import { repoFields, session } from './connection.js';
import { closeDeployment, openDeployment } from './deployment.js';
import { Overview } from './overview.js';

const PER_PAGE = 10;
const REFRESH_MS = 3000;

const $ = (id) => document.getElementById(id);
const ui = {
  openRepo: $('open-repo'), fields: [$('base-url'), $('token'), $('owner'), $('repo')],
  deploymentId: $('deployment-id'), goDeployment: $('go-deployment'),
  environmentsTitle: $('environments-title'), environments: $('environments'), refreshInfo: $('refresh-info'),
  deploymentsTitle: $('deployments-title'), deployments: $('deployments'), caption: $('deployments-caption'),
  tableWrap: $('deployments-wrap'),
  pager: { prev: $('deployments-prev'), next: $('deployments-next'), info: $('deployments-page-info') },
  form: $('deploy-form'), ref: $('deploy-ref'), environment: $('deploy-environment'),
  description: $('deploy-description'), task: $('deploy-task'), autoMerge: $('deploy-auto-merge'),
  skipChecks: $('deploy-skip-checks'), transient: $('deploy-transient'), production: $('deploy-production'),
  deploy: $('deploy'), result: $('deploy-result'),
};

const slug = (r) => `${r.owner}/${r.repo}`;

let repo = null; // { owner, repo } shown
let overviewList = []; // the last overview
let listed = null; // { name, page, deployments: Map(id -> deployment), top } of the environment listed
let selectedId = null; // the deployment opened from here
let listing = null; // AbortController of the deployments page in flight

// ---- environments -----------------------------------------------------------------------

function showEnvironments() {
  keepingFocus(ui.environments, () => ui.environments.replaceChildren(...renderEnvironments(overviewList, listed?.name)));
}

const overview = new Overview({
  session,
  indicator: ui.refreshInfo,
  intervalMs: REFRESH_MS,
  onData(list, { changed }) {
    if (!changed) return;
    overviewList = list;
    showEnvironments();
    // The listed environment got a deployment or a status: its first page is out of date.
    const entry = list.find((e) => e.environment.name === listed?.name);
    if (entry && listed.page === 1 && !listing && topOf(entry) !== listed.top) listEnvironment(listed.name, 1);
  },
  onError(error, { first }) {
    if (!first) return; // the indicator says so; the next refresh tries again
    ui.environments.replaceChildren(el('li', { class: 'environments-empty', text: 'Could not load the environments: see the error above.' }));
    showError(error);
  },
});

/** What the first row of an environment's list shows: its latest deployment and status. */
const topOf = ({ deployment, status }) => `${deployment?.id}:${status?.id}`;

/** Opens the repository named in the fields: its environments, refreshed from now on. */
export async function openRepo() {
  resetFeedback();
  const next = repoFields();
  repo = next;
  overviewList = [];
  listed = null;
  selectedId = null;
  listing?.abort();
  closeDeployment();
  ui.environmentsTitle.textContent = `Environments of ${slug(next)}`;
  ui.environments.replaceChildren(el('li', { class: 'environments-empty', text: 'Loading…' }));
  clearDeployments('Choose an environment above.');
  const opened = await overview.open(next);
  if (repo !== next) return false;
  if (!opened) {
    repo = null;
    return false;
  }
  sayIfQuiet(`Opened ${slug(next)}: ${plural(overviewList.length, 'environment')}.`);
  return true;
}

/** The repository shown, after opening the one in the fields if they name another; null if that failed. */
async function currentRepo() {
  const fields = repoFields();
  if (repo && fields.owner === repo.owner && fields.repo === repo.repo) return repo;
  return (await openRepo()) ? repo : null;
}

// ---- one environment's deployments ---------------------------------------------------------

function clearDeployments(text) {
  ui.deploymentsTitle.textContent = 'Deployments';
  ui.caption.textContent = 'No environment chosen yet';
  renderMessageRow(ui.deployments, text);
  renderPager(ui.pager, 1, undefined);
}

/** Each deployment's latest status (the newest one, `per_page: 1`): id -> { status } or { error }. */
async function latestStatuses(target, deployments, signal) {
  const answers = await Promise.allSettled(deployments.map((d) => session.use((client) =>
    client.listDeploymentStatuses({ ...target, deployment_id: d.id, per_page: 1 }, { signal }))));
  signal.throwIfAborted();
  return new Map(deployments.map((d, i) => [d.id, answers[i].status === 'fulfilled'
    ? { status: answers[i].value.data[0] ?? null } : { error: answers[i].reason }]));
}

/**
 * Lists page `page` of environment `name`'s deployments, newest first, each with its latest state.
 * A numbered page rather than client.iterate: iterate only walks forward, while the Link header of
 * a numbered page names the previous, next and last pages, so "previous" is one request for fresh
 * data and the pager can say "page 2 of 4". Resolves to a summary, or null.
 */
async function listEnvironment(name, page, { highlightId = null } = {}) {
  listing?.abort();
  const controller = new AbortController();
  listing = controller;
  const target = repo;
  if (listed?.name !== name) {
    listed = { name, page, deployments: new Map(), top: null };
    ui.deploymentsTitle.textContent = `Deployments to ${name}`;
    showEnvironments();
  }
  ui.tableWrap.setAttribute('aria-busy', 'true');
  try {
    const res = await session.use((client) => client.listDeployments(
      { ...target, environment: name, per_page: PER_PAGE, page }, { signal: controller.signal }));
    const latest = await latestStatuses(target, res.data, controller.signal);
    listed = { name, page, deployments: new Map(res.data.map((d) => [d.id, d])), top: null };
    if (page === 1) listed.top = topOf({ deployment: res.data[0], status: latest.get(res.data[0]?.id)?.status });
    ui.caption.textContent = `Deployments of ${slug(target)} to ${name}, newest first`;
    keepingFocus(ui.deployments, () => {
      if (res.data.length === 0) renderMessageRow(ui.deployments, 'No deployments to this environment.');
      else ui.deployments.replaceChildren(...deploymentRows(res.data, latest, { selectedId, highlightId }));
    });
    const last = renderPager(ui.pager, page, res.headers.link);
    showRateLimit(res.rateLimit);
    return { count: res.data.length, page, last };
  } catch (error) {
    if (controller.signal.aborted) return null;
    renderMessageRow(ui.deployments, 'Could not load these deployments: see the error above.');
    showError(error);
    return null;
  } finally {
    if (listing === controller) {
      listing = null;
      ui.tableWrap.removeAttribute('aria-busy');
    }
  }
}

async function chooseEnvironment(name) {
  resetFeedback();
  const pending = listEnvironment(name, 1);
  ui.deploymentsTitle.focus(); // named for the environment by now
  const result = await pending;
  if (result) say(`${plural(result.count, 'deployment')} to ${name} (${pageSummary(result)}).`);
}

async function goToPage(button) {
  const page = Number(button.dataset.page);
  if (!listed || !page) return;
  resetFeedback();
  const result = await listEnvironment(listed.name, page);
  if (result) say(`Deployments to ${listed.name}: ${pageSummary(result)}.`);
}

/** Opens a deployment of the repository shown and marks its row. */
function showDeployment(id, deployment = null) {
  selectedId = id;
  for (const button of ui.deployments.querySelectorAll('[data-focus-key^="deployment:"]')) {
    button.setAttribute('aria-pressed', String(button.dataset.focusKey === `deployment:${id}`));
  }
  return openDeployment(repo, id, { deployment, focus: true });
}

// ---- go to a deployment by id ---------------------------------------------------------------

/** A digits-only id as a number; anything else is passed as typed, for the client to refuse. */
function parseId(raw) {
  const text = raw.trim();
  const number = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(number) ? number : text;
}

async function goToDeployment() {
  resetFeedback();
  if (!(await currentRepo())) return;
  const id = parseId(ui.deploymentId.value);
  if (await showDeployment(id)) say(`Deployment ${id} of ${slug(repo)}.`);
}

// ---- create a deployment -------------------------------------------------------------------

/** The create params from the form: text fields only when filled in, the options always. */
function deployParams(target) {
  const params = { ...target, ref: ui.ref.value.trim() };
  for (const [name, value] of [['environment', ui.environment.value.trim()], ['description', ui.description.value], ['task', ui.task.value.trim()]]) {
    if (value !== '') params[name] = value;
  }
  params.auto_merge = ui.autoMerge.checked;
  if (ui.skipChecks.checked) params.required_contexts = [];
  params.transient_environment = ui.transient.checked;
  params.production_environment = ui.production.checked;
  return params;
}

let deploying = false;

async function createDeployment(event) {
  event.preventDefault();
  if (deploying) return;
  deploying = true;
  ui.form.setAttribute('aria-busy', 'true');
  ui.deploy.textContent = 'Creating…';
  ui.result.hidden = true;
  resetFeedback();
  try {
    const target = await currentRepo();
    if (!target) return;
    const params = deployParams(target);
    const res = await session.use((client) => client.createDeployment(params));
    showRateLimit(res.rateLimit);
    if (res.status === 202) {
      // Shown by the form, where the reader is: nothing else on the page changed.
      ui.result.textContent = `GitHub merged the default branch into ${params.ref} instead of deploying (202): “${res.data.message}” No deployment was created; create it again to deploy the merged commit.`;
      ui.result.hidden = false;
      return;
    }
    const created = res.data;
    overview.refresh();
    await listEnvironment(created.environment, 1, { highlightId: created.id });
    await showDeployment(created.id, created);
    say(`Created deployment ${created.id} of ${created.ref} to ${created.environment}. Statuses posted below go to it.`);
  } catch (error) {
    showError(error, ui.form);
  } finally {
    deploying = false;
    ui.form.removeAttribute('aria-busy');
    ui.deploy.textContent = 'Create deployment';
  }
}

// ---- wiring -----------------------------------------------------------------------------

const onEnter = (input, action) => input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.isComposing) {
    event.preventDefault();
    action();
  }
});

/** Wires the repository card, the environments, the deployments list and the create form. */
export function initRepository() {
  ui.openRepo.addEventListener('click', openRepo);
  for (const input of ui.fields) onEnter(input, openRepo);
  ui.goDeployment.addEventListener('click', goToDeployment);
  onEnter(ui.deploymentId, goToDeployment);
  ui.environments.addEventListener('click', (event) => {
    const button = event.target.closest('button.env-open');
    if (button) chooseEnvironment(button.dataset.environment);
  });
  ui.deployments.addEventListener('click', (event) => {
    const row = event.target.closest('button')?.closest('tr[data-deployment-id]');
    if (!row) return;
    resetFeedback();
    const id = Number(row.dataset.deploymentId);
    showDeployment(id, listed.deployments.get(id));
  });
  ui.pager.prev.addEventListener('click', () => goToPage(ui.pager.prev));
  ui.pager.next.addEventListener('click', () => goToPage(ui.pager.next));
  // Production follows the environment's name (GitHub's default) until it is set by hand.
  let productionSet = false;
  ui.production.addEventListener('change', () => { productionSet = true; });
  ui.environment.addEventListener('input', () => {
    if (!productionSet) ui.production.checked = (ui.environment.value.trim() || 'production') === 'production';
  });
  ui.form.addEventListener('submit', createDeployment);
  // A status posted here changes what the overview and the list show: refresh both now.
  document.addEventListener('statuscreated', () => overview.refresh());
  for (const button of [ui.openRepo, ui.goDeployment, ui.deploy]) button.disabled = false;
}
