// The demo dashboard (www/) in headless Chromium against the mock GitHub API, started the way
// `make demo` starts it. Every check compares what the page shows with what the API answers,
// and with what the demo seed (tests/mock/seeds.js) is known to hold.
//
//   node --test tests/e2e/          (from the repository root; needs pkg/ built by `make pkg`)
//
// Screenshots go to tests/artifacts/ (git-ignored).

import { launchChromium } from '../js/chromium.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock } from '../js/mock-process.js';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const TOKEN = 'ghp_mock_valid_token';
const REPO = '/repos/octo-org/webshop';
const REPO_PATH = `${REPO}/deployments`;
const TEST_TIMEOUT = 30_000;
/** The page's refresh interval (www/repository.js) and its page size for deployments. */
const REFRESH_MS = 3000;
const DEPLOYMENTS_PER_PAGE = 10;

/** Each environment of the demo seed in GitHub's (name) order: its latest deployment and that one's latest state. */
const SEED_ENVIRONMENTS = [
  { name: 'preview', deploymentId: '1007', state: 'in_progress', ref: 'feature/gift-cards' },
  { name: 'preview-pr-134', deploymentId: '1012', state: 'success', ref: 'feature/wishlist' },
  { name: 'production', deploymentId: '1010', state: 'failure', ref: 'v2.14.2' },
  { name: 'qa', deploymentId: '1013', state: 'in_progress', ref: 'main' },
  { name: 'staging', deploymentId: '1009', state: 'success', ref: 'v2.15.0' },
];
/** Deployments to production in the seed: 36 releases over six weeks, then 1001, 1005, 1008, 1010. */
const SEED_PRODUCTION_DEPLOYMENTS = 40;

let server; // { url, pid, stop }
let browser;

// ---- the mock, as `make demo` runs it ------------------------------------------------------

// ---- talking to the mock directly (Node's fetch sends no User-Agent unless told) ------------

/** A request to the mock as a user (its own rate limit, apart from the page's anonymous one). */
async function api(pathAndQuery, { method = 'GET', token = TOKEN, body } = {}) {
  const headers = { 'user-agent': 'demo-e2e-test', accept: 'application/vnd.github+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(pathAndQuery, server.url), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

/** Every status of a deployment, following Link rel="next" as GitHub's clients do. */
async function listAll(deploymentId) {
  const all = [];
  let next = `${REPO_PATH}/${deploymentId}/statuses?per_page=100`;
  for (let guard = 0; next && guard < 50; guard += 1) {
    const res = await api(next);
    assert.equal(res.status, 200);
    all.push(...res.json);
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  }
  return all;
}

async function createFromOutside(deploymentId, body) {
  const res = await api(`${REPO_PATH}/${deploymentId}/statuses`, { method: 'POST', body });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json;
}

async function control(method, name, body) {
  const res = await fetch(new URL(`/_mock/${name}`, server.url), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

const brief = (s) => ({ id: s.id, state: s.state, environment: s.environment ?? '' });
const byId = (a, b) => a.id - b.id;

// ---- the page ---------------------------------------------------------------------------

/** A fresh page on the demo; retries a load that fails (e.g. while pkg/ is being rebuilt). */
async function openDemo({ width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Unhandled rejections are not page errors to Playwright: report them as console errors.
  await page.addInitScript(() => addEventListener('unhandledrejection', (event) => {
    console.error(`unhandled rejection: ${event.reason?.name}: ${event.reason?.message ?? event.reason}`);
  }));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('unhandled rejection')) pageErrors.push(message.text());
  });
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      await page.goto(`${server.url}/www/`);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
      await waitForOverview(page);
      lastError = null;
      break;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  if (lastError) throw lastError;
  pageErrors.length = 0;
  return { page, context, pageErrors };
}

async function shownInTable(page) {
  return page.$$eval('#statuses tr[data-status-id]', (rows) => rows.map((tr) => ({
    id: Number(tr.dataset.statusId), state: tr.dataset.state, environment: tr.dataset.environment,
  })));
}

async function shownInTimeline(page) {
  return page.$$eval('#timeline .mark[data-status-id]', (marks) => marks.map((g) => {
    const box = g.getBoundingClientRect();
    return {
      id: Number(g.dataset.statusId), state: g.dataset.state, environment: g.dataset.environment,
      createdAt: g.dataset.createdAt, x: box.left + box.width / 2, y: box.top + box.height / 2,
    };
  }));
}

/** Goes to deployment `id` with the shortcut field; then, if given, presses `button` (Load all, Watch). */
async function goToDeployment(page, id, button = null) {
  await page.fill('#deployment-id', String(id));
  await page.click('#go-deployment');
  if (!button) return;
  await page.waitForSelector(`#timeline[data-target="octo-org/webshop/${id}"]`, { timeout: 10_000 });
  await page.click(button);
}

/** Waits for the environments of the repository opened (the page opens the one in its fields at once). */
async function waitForOverview(page) {
  await page.waitForSelector('#refresh-info[data-state="live"]', { timeout: 10_000 });
}

/** The environment cards as shown. */
async function shownEnvironments(page) {
  return page.$$eval('#environments .env-card', (cards) => cards.map((card) => ({
    name: card.dataset.environment,
    deploymentId: card.dataset.deploymentId,
    state: card.dataset.state,
    text: card.textContent,
    link: card.querySelector('.env-url a')?.href ?? null,
  })));
}

/** The deployment rows as shown. */
async function shownDeployments(page) {
  return page.$$eval('#deployments tr[data-deployment-id]', (rows) => rows.map((tr) => ({
    id: Number(tr.dataset.deploymentId), state: tr.dataset.state, ref: tr.dataset.ref,
  })));
}

/** What the API says about a page of an environment's deployments: ids, refs and latest states. */
async function expectedDeployments(environment, page) {
  const res = await api(`${REPO_PATH}?environment=${environment}&per_page=${DEPLOYMENTS_PER_PAGE}&page=${page}`);
  assert.equal(res.status, 200);
  return Promise.all(res.json.map(async (d) => ({
    id: d.id, ref: d.ref, state: (await api(`${REPO_PATH}/${d.id}/statuses?per_page=1`)).json[0]?.state ?? '',
  })));
}

async function chooseEnvironment(page, name) {
  await page.click(`#environments .env-open[data-environment="${name}"]`);
  await page.waitForFunction((n) => document.getElementById('deployments-caption').textContent.endsWith(`to ${n}, newest first`)
    && !document.getElementById('deployments-wrap').hasAttribute('aria-busy'), name, { timeout: 10_000 });
}

/** Counts the mock's logged API requests whose path starts with `prefix`, from log entry `from` on. */
async function requestsSince(prefix, from = 0) {
  return (await control('GET', 'requests')).slice(from).filter((r) => r.path.startsWith(prefix)).length;
}

/** Waits until the timeline shows deployment `id` with `count` marks. */
async function waitForTimeline(page, id, count, timeout = 10_000) {
  await page.waitForFunction(([dep, n]) => {
    const t = document.getElementById('timeline');
    return t.dataset.target === `octo-org/webshop/${dep}` && t.querySelectorAll('.mark').length === n;
  }, [id, count], { timeout });
}

before(async () => {
  assert.ok(existsSync(path.join(ROOT, 'pkg', 'index.browser.js')), 'pkg/ is not built: run `make pkg` first');
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startMock(['--seed', 'demo', '--static', 'www', '--static', 'pkg']);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stop();
});

describe('demo dashboard in Chromium', () => {
  test('repository: a card per environment with its latest deployment and state, as the seed has them', { timeout: TEST_TIMEOUT }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      assert.equal(await page.inputValue('#base-url'), server.url, 'the mock is the default base URL');
      assert.equal(await page.textContent('#environments-title'), 'Environments of octo-org/webshop');
      assert.equal(await page.textContent('#message'), 'Opened octo-org/webshop: 5 environments.');
      const cards = await shownEnvironments(page);
      assert.deepEqual(cards.map(({ name, deploymentId, state }) => ({ name, deploymentId, state })),
        SEED_ENVIRONMENTS.map(({ name, deploymentId, state }) => ({ name, deploymentId, state })));

      // Each card against the API: the environment's newest deployment and that one's newest status.
      const { json: { environments } } = await api(`${REPO}/environments`);
      assert.deepEqual(environments.map((e) => e.name), cards.map((c) => c.name), 'GitHub\'s order');
      for (const [i, card] of cards.entries()) {
        const [deployment] = (await api(`${REPO_PATH}?environment=${card.name}&per_page=1`)).json;
        const [status] = (await api(`${REPO_PATH}/${deployment.id}/statuses?per_page=1`)).json;
        assert.equal(card.deploymentId, String(deployment.id));
        assert.equal(card.state, status.state);
        for (const part of [`#${deployment.id}`, SEED_ENVIRONMENTS[i].ref, deployment.sha.slice(0, 7), deployment.creator.login, status.description]) {
          assert.ok(card.text.includes(part), `the ${card.name} card shows ${part}`);
        }
        assert.equal(card.link, status.environment_url ? new URL(status.environment_url).href : null);
      }
      assert.equal(await page.textContent('#environments .env-card[data-environment="production"] .badge'), 'failure');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('refresh: unchanged answers are 304s, a change made elsewhere shows, a hidden page or another repository stops it', { timeout: 45_000 }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      const info = page.locator('#refresh-info');
      const refreshes = async () => Number(await info.getAttribute('data-refreshes'));
      const waitForRefresh = (after) => page.waitForFunction((n) => Number(document.getElementById('refresh-info').dataset.refreshes) > n, after, { timeout: 3 * REFRESH_MS });

      // Unchanged: the client's ETags make the next refresh 304s.
      const notModified = (await control('GET', 'stats')).not_modified;
      await waitForRefresh(await refreshes());
      assert.ok((await control('GET', 'stats')).not_modified > notModified, 'the refresh was answered 304');
      assert.equal(await info.getAttribute('data-changed'), 'false');
      assert.match(await info.textContent(), /^Unchanged · checked /);

      // A status created elsewhere shows at the next refresh, without a reload.
      await page.evaluate(() => { window.sameDocument = true; });
      await createFromOutside(1013, { state: 'success', description: 'Nightly QA of main passed (e2e).', environment_url: 'https://qa.webshop.example.com' });
      const qa = page.locator('#environments .env-card[data-environment="qa"]');
      await page.waitForSelector('#environments .env-card[data-environment="qa"][data-state="success"]', { timeout: 3 * REFRESH_MS });
      assert.match(await qa.textContent(), /Nightly QA of main passed \(e2e\)\./);
      assert.equal(await info.getAttribute('data-changed'), 'true');
      assert.match(await info.textContent(), /^Updated /);
      assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page was not reloaded');

      // Hidden: the refreshing stops (no request) until the page is visible again.
      const setVisibility = (state) => page.evaluate((s) => {
        Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
      await setVisibility('hidden');
      assert.equal(await info.getAttribute('data-state'), 'paused');
      const hiddenAt = (await control('GET', 'requests')).length;
      const countWhileHidden = await refreshes();
      await new Promise((resolve) => setTimeout(resolve, 1.5 * REFRESH_MS));
      assert.equal(await requestsSince(REPO, hiddenAt), 0, 'no request while hidden');
      assert.equal(await refreshes(), countWhileHidden);
      await setVisibility('visible');
      await waitForRefresh(countWhileHidden);
      assert.equal(await info.getAttribute('data-state'), 'live');

      // Another repository: webshop is asked nothing more, hello-world is refreshed instead.
      await page.fill('#repo', 'hello-world');
      await page.press('#repo', 'Enter');
      await page.waitForFunction(() => document.getElementById('environments-title').textContent === 'Environments of octo-org/hello-world');
      await waitForOverview(page);
      const openedAt = (await control('GET', 'requests')).length;
      assert.deepEqual((await shownEnvironments(page)).map(({ name, deploymentId, state }) => ({ name, deploymentId, state })), [
        { name: 'production', deploymentId: '42', state: 'success' },
        { name: 'staging', deploymentId: '43', state: '' },
      ]);
      assert.match(await page.textContent('#environments .env-card[data-environment="staging"]'), /no status/);
      await waitForRefresh(await refreshes());
      await waitForRefresh(await refreshes());
      assert.equal(await requestsSince(`${REPO}/`, openedAt), 0, 'nothing more asked about webshop');
      assert.ok(await requestsSince('/repos/octo-org/hello-world/', openedAt) > 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('environment: its deployments newest first with their latest state, a page at a time, next and back', { timeout: TEST_TIMEOUT }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      const lastPage = Math.ceil(SEED_PRODUCTION_DEPLOYMENTS / DEPLOYMENTS_PER_PAGE);
      await page.fill('#token', TOKEN); // four pages (one request per deployment) outrun the anonymous rate limit
      await chooseEnvironment(page, 'production');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'deployments-title', 'focus moved to the list');
      assert.equal(await page.textContent('#deployments-title'), 'Deployments to production');
      assert.equal(await page.getAttribute('#environments .env-open[data-environment="production"]', 'aria-pressed'), 'true');
      const first = await expectedDeployments('production', 1);
      assert.deepEqual(await shownDeployments(page), first);
      assert.deepEqual(first.slice(0, 4).map((d) => [d.id, d.state]), [[1010, 'failure'], [1008, 'pending'], [1005, 'success'], [1001, 'inactive']]);
      assert.ok(first.every((d, i) => i === 0 || d.id < first[i - 1].id), 'newest first');
      assert.equal(await page.textContent('#deployments-page-info'), `page 1 of ${lastPage}`);
      assert.equal(await page.isDisabled('#deployments-prev'), true);

      // Next, with the keyboard: page 2 is the API's page 2; focus stays on the pager.
      await page.focus('#deployments-next');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('deployments-page-info').textContent.startsWith('page 2'));
      await page.waitForFunction(() => !document.getElementById('deployments-wrap').hasAttribute('aria-busy'));
      assert.deepEqual(await shownDeployments(page), await expectedDeployments('production', 2));
      assert.equal(await page.isEnabled('#deployments-prev'), true);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'deployments-next');
      assert.match(await page.textContent('#message'), /Deployments to production: page 2 of 4\./);

      // The last page, then back to the first.
      for (let p = 3; p <= lastPage; p += 1) {
        await page.click('#deployments-next');
        await page.waitForFunction(([n, last]) => document.getElementById('deployments-page-info').textContent === `page ${n} of ${last}`, [p, lastPage]);
      }
      await page.waitForFunction(() => !document.getElementById('deployments-wrap').hasAttribute('aria-busy'));
      assert.deepEqual(await shownDeployments(page), await expectedDeployments('production', lastPage));
      assert.equal(await page.isDisabled('#deployments-next'), true);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'deployments-prev', 'focus left the disabled Next');
      for (let p = lastPage - 1; p >= 1; p -= 1) {
        await page.click('#deployments-prev');
        await page.waitForFunction((n) => document.getElementById('deployments-page-info').textContent.startsWith(`page ${n} `), p);
      }
      await page.waitForFunction(() => !document.getElementById('deployments-wrap').hasAttribute('aria-busy'));
      assert.deepEqual(await shownDeployments(page), first);

      // The page's own requests: one numbered page of production's deployments per step, in order.
      const pages = (await control('GET', 'requests'))
        .filter((r) => /Chrome/.test(r.headers['user-agent']))
        .map((r) => new URL(r.path, server.url))
        .filter((u) => u.pathname === REPO_PATH && u.searchParams.get('per_page') === String(DEPLOYMENTS_PER_PAGE))
        .map((u) => `${u.searchParams.get('environment')}:${u.searchParams.get('page')}`);
      assert.deepEqual(pages, ['production:1', 'production:2', 'production:3', 'production:4', 'production:3', 'production:2', 'production:1']);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('a deployment from the list: its details, and its statuses in the table and the timeline (lanes, axis, tooltip)', { timeout: TEST_TIMEOUT }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      const expected = (await api(`${REPO_PATH}/1005/statuses?per_page=30`)).json;
      assert.ok(expected.length >= 5, 'deployment 1005 has a history');
      const environments = [...new Set(expected.map((s) => s.environment))].sort();
      assert.deepEqual(environments, ['production', 'staging'], 'deployment 1005 spans two environments');

      await chooseEnvironment(page, 'production');
      await page.click('#deployments tr[data-deployment-id="1005"] button');
      await waitForTimeline(page, 1005, expected.length);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'deployment-title', 'focus moved to the deployment');
      assert.equal(await page.textContent('#deployment-title'), 'Deployment #1005');
      assert.equal(await page.getAttribute('#deployments tr[data-deployment-id="1005"] button', 'aria-pressed'), 'true');
      const deployment = (await api(`${REPO_PATH}/1005`)).json;
      const details = await page.textContent('#deployment-details');
      for (const part of [deployment.ref, deployment.sha, deployment.task, deployment.description, deployment.creator.login, 'production']) {
        assert.ok(details.includes(part), `details show ${part}`);
      }
      assert.match(await page.textContent('#create-target'), /Posts to deployment 1005 \(production\)/);

      const want = expected.map(brief).sort(byId);
      assert.deepEqual((await shownInTable(page)).sort(byId), want);
      const marks = await shownInTimeline(page);
      assert.deepEqual(marks.map(({ id, state, environment }) => ({ id, state, environment })).sort(byId), want);
      for (const mark of marks) {
        assert.equal(mark.createdAt, expected.find((s) => s.id === mark.id).created_at);
      }

      // One lane per environment: marks of a lane share a height, lanes differ.
      assert.equal(await page.getAttribute('#timeline', 'data-lanes'), 'production,staging');
      const laneY = (env) => [...new Set(marks.filter((m) => m.environment === env).map((m) => Math.round(m.y)))];
      assert.equal(laneY('production').length, 1);
      assert.equal(laneY('staging').length, 1);
      assert.ok(laneY('production')[0] < laneY('staging')[0], 'production lane above staging');
      // Time runs left to right.
      const inTime = [...marks].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
      for (let i = 1; i < inTime.length; i += 1) assert.ok(inTime[i].x >= inTime[i - 1].x, 'x grows with time');
      assert.ok(inTime.at(-1).x - inTime[0].x > 300, 'marks spread across the chart');

      // The axis: readable ticks inside the data's time range, in order.
      const ticks = await page.$$eval('#timeline .tick-label', (labels) => labels.map((t) => ({ time: t.dataset.time, text: t.textContent })));
      assert.ok(ticks.length >= 3, `axis has ticks (${ticks.length})`);
      const first = Date.parse(inTime[0].createdAt);
      const last = Date.parse(inTime.at(-1).createdAt);
      for (const tick of ticks) {
        assert.match(tick.text, /\d{1,2}:\d{2}/, 'tick shows a time of day');
        const t = Date.parse(tick.time);
        assert.ok(t >= first - 3_600_000 && t <= last + 3_600_000, 'tick inside the data range');
      }

      // Hover: the tooltip tells description, creator, state, environment, time and links.
      const newest = [...expected].sort((a, b) => b.id - a.id)[0];
      await page.hover(`#timeline .mark[data-status-id="${newest.id}"]`);
      const tooltip = page.locator('#timeline-tooltip');
      await tooltip.waitFor({ state: 'visible' });
      assert.equal(await tooltip.getAttribute('data-status-id'), String(newest.id));
      const text = await tooltip.textContent();
      for (const part of [newest.description, newest.creator.login, newest.state, newest.environment]) {
        assert.ok(text.includes(part), `tooltip shows ${part}`);
      }
      assert.equal(await tooltip.locator('time').getAttribute('datetime'), newest.created_at);
      const href = async (name) => new URL(await tooltip.getByRole('link', { name }).getAttribute('href')).href;
      assert.equal(await href(/^Log/), new URL(newest.log_url).href);
      assert.equal(await href(/^Environment/), new URL(newest.environment_url).href);
      await page.mouse.move(2, 2);
      await tooltip.waitFor({ state: 'hidden' });

      // Keyboard: the chart is one tab stop; arrows walk through time and lanes; Escape hides.
      const oldest = inTime[0];
      await page.focus('#timeline .mark[tabindex="0"]');
      await page.keyboard.press('Home');
      await tooltip.waitFor({ state: 'visible' });
      assert.equal(await tooltip.getAttribute('data-status-id'), String(oldest.id));
      assert.equal(await page.evaluate(() => document.activeElement.dataset.statusId), String(oldest.id));
      await page.keyboard.press('ArrowRight');
      assert.equal(await tooltip.getAttribute('data-status-id'), String(inTime[1].id));
      assert.equal(await page.$$eval('#timeline .mark[tabindex="0"]', (m) => m.length), 1, 'one tab stop');
      await page.keyboard.press('ArrowUp');
      const upId = Number(await tooltip.getAttribute('data-status-id'));
      assert.equal(expected.find((s) => s.id === upId).environment, 'production', 'ArrowUp moves to the production lane');
      await page.keyboard.press('End');
      assert.equal(await tooltip.getAttribute('data-status-id'), String(inTime.at(-1).id));
      await page.keyboard.press('Escape');
      await tooltip.waitFor({ state: 'hidden' });
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('Load all: progress fed by onPage reaches 100 %, all 260 statuses in table and timeline', { timeout: TEST_TIMEOUT }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      const expected = await listAll(1000);
      assert.equal(expected.length, 260);
      await control('DELETE', 'requests');

      await page.evaluate(() => {
        const progress = document.getElementById('progress');
        window.progressSeen = [];
        new MutationObserver(() => {
          window.progressSeen.push({
            value: progress.value, max: progress.max,
            page: Number(progress.dataset.page), totalPages: progress.dataset.totalPages,
          });
        }).observe(progress, { attributes: true, attributeFilter: ['value'] });
      });
      await goToDeployment(page, 1000, '#load-all');
      await page.waitForFunction(() => /Loaded all \d+ statuses/.test(document.getElementById('message').textContent), null, { timeout: 15_000 });
      await waitForTimeline(page, 1000, 260);

      const progress = page.getByRole('progressbar', { name: /pages/ });
      assert.equal(await progress.evaluate((p) => p.value), 100);
      assert.equal(await progress.evaluate((p) => p.max), 100);
      // One step per page (100 statuses each: 3 pages), increasing, the last at 100 %.
      const seen = await page.evaluate(() => window.progressSeen);
      const perPage = seen.filter((s) => s.page > 0);
      const steps = [...new Map(perPage.map((s) => [s.page, s])).values()];
      assert.deepEqual(steps.map((s) => s.page), [1, 2, 3]);
      assert.deepEqual(steps.map((s) => s.totalPages), ['3', '3', '3']);
      assert.deepEqual(steps.map((s) => Math.round(s.value)), [33, 67, 100]);
      assert.equal(seen.at(-1).value, 100);

      const want = expected.map(brief).sort(byId);
      const rows = await shownInTable(page);
      assert.equal(rows.length, 260);
      assert.deepEqual(rows.sort(byId), want);
      const marks = await shownInTimeline(page);
      assert.equal(marks.length, 260);
      assert.deepEqual(marks.map(({ id, state, environment }) => ({ id, state, environment })).sort(byId), want);
      assert.equal(await page.textContent('#page-info'), 'all 260 statuses');
      assert.match(await page.textContent('#statuses-caption'), /All 260 statuses of octo-org\/webshop deployment 1000/);

      // The browser followed the Link header page by page.
      const log = await control('GET', 'requests');
      const gets = log.filter((r) => r.method === 'GET' && r.path.startsWith(`${REPO_PATH}/1000/statuses?per_page=100`));
      assert.deepEqual(gets.map((r) => new URL(r.path, server.url).searchParams.get('page') ?? '1').sort(), ['1', '2', '3']);
      assert.ok(gets.every((r) => /Chrome/.test(r.headers['user-agent'])), 'requests came from the browser');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('Stop aborts Load all midway: the pages so far stay, marked partial', { timeout: TEST_TIMEOUT }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      await control('POST', 'faults', { method: 'GET', path: '/deployments/1000/statuses?per_page=100&page=2', delay_ms: 20_000 });
      await goToDeployment(page, 1000, '#load-all');
      await page.waitForFunction(() => document.getElementById('progress').dataset.page === '1');
      assert.equal(Math.round(await page.evaluate(() => document.getElementById('progress').value)), 33);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'stop', 'focus moved to Stop');
      const started = Date.now();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('job').dataset.job === 'idle', null, { timeout: 5000 });
      assert.ok(Date.now() - started < 5000, 'Stop did not wait for the slow page');
      assert.match(await page.textContent('#message'), /Stopped loading: 100 statuses/);
      assert.equal(await page.textContent('#progress-label'), 'Stopped');
      assert.equal(Math.round(await page.evaluate(() => document.getElementById('progress').value)), 33);
      const newest100 = (await api(`${REPO_PATH}/1000/statuses?per_page=100`)).json.map(brief).sort(byId);
      assert.deepEqual((await shownInTable(page)).sort(byId), newest100);
      assert.equal(await page.locator('#timeline .mark').count(), 100);
      assert.match(await page.textContent('#statuses-caption'), /loading stopped/);
      assert.equal(await page.isEnabled('#load-all'), true);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'load-all', 'focus back on Load all');
      assert.deepEqual(pageErrors, []);
    } finally {
      await control('DELETE', 'faults');
      await context.close();
    }
  });

  test('create a status: it appears on the timeline and in the table', { timeout: TEST_TIMEOUT }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      const before = (await api(`${REPO_PATH}/1007/statuses`)).json;
      await page.fill('#token', TOKEN);
      await goToDeployment(page, 1007);
      await waitForTimeline(page, 1007, before.length);

      await page.selectOption('#state', 'success');
      await page.fill('#description', 'Preview for PR #131 is live (e2e).');
      await page.fill('#environment', 'preview');
      await page.fill('#environment-url', 'https://pr-131.preview.webshop.example.com');
      await page.fill('#log-url', 'https://ci.example.com/octo-org/webshop/actions/runs/5001007');
      await page.click('#create');
      await page.waitForFunction(() => /Created status \d+/.test(document.getElementById('message').textContent), null, { timeout: 10_000 });
      const id = Number(/Created status (\d+)/.exec(await page.textContent('#message'))[1]);

      const created = await api(`${REPO_PATH}/1007/statuses/${id}`);
      assert.equal(created.status, 200);
      assert.equal(created.json.state, 'success');
      assert.equal(created.json.description, 'Preview for PR #131 is live (e2e).');
      assert.equal(created.json.creator.login, 'octocat');

      await waitForTimeline(page, 1007, before.length + 1);
      const mark = page.locator(`#timeline .mark[data-status-id="${id}"]`);
      assert.equal(await mark.getAttribute('data-state'), 'success');
      assert.equal(await mark.getAttribute('data-environment'), 'preview');
      assert.match(await mark.getAttribute('class'), /is-new/);
      assert.equal(await page.getAttribute(`#statuses tr[data-status-id="${id}"]`, 'data-state'), 'success');
      const after = (await api(`${REPO_PATH}/1007/statuses`)).json;
      assert.deepEqual((await shownInTimeline(page)).map(({ id: i, state, environment }) => ({ id: i, state, environment })).sort(byId),
        after.map(brief).sort(byId));
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('create a deployment: it opens, shows first in its environment\'s list and in the overview, and takes statuses', { timeout: 45_000 }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      await page.fill('#token', TOKEN);
      await chooseEnvironment(page, 'staging');
      await control('DELETE', 'requests');

      await page.fill('#deploy-ref', 'main');
      await page.fill('#deploy-environment', 'staging');
      await page.fill('#deploy-description', 'Deploy main to staging (e2e)');
      await page.fill('#deploy-task', 'deploy:migrations');
      assert.equal(await page.isChecked('#deploy-production'), false, 'production follows the environment\'s name');
      await page.check('#deploy-transient');
      await page.click('#deploy');
      await page.waitForFunction(() => /Created deployment \d+/.test(document.getElementById('message').textContent), null, { timeout: 10_000 });
      const id = Number(/Created deployment (\d+)/.exec(await page.textContent('#message'))[1]);

      // What was sent, and what GitHub holds.
      const posts = (await control('GET', 'requests')).filter((r) => r.method === 'POST');
      assert.equal(posts.length, 1, 'exactly one POST');
      assert.deepEqual(JSON.parse(posts[0].body), {
        ref: 'main', environment: 'staging', description: 'Deploy main to staging (e2e)', task: 'deploy:migrations',
        auto_merge: true, transient_environment: true, production_environment: false,
      });
      const created = (await api(`${REPO_PATH}/${id}`)).json;
      assert.equal(created.ref, 'main');
      assert.equal(created.environment, 'staging');
      assert.equal(created.creator.login, 'octocat');

      // The page went to it: its heading has focus; it leads its environment's list, marked new.
      await page.waitForSelector(`#deployment-title[data-deployment-id="${id}"]`);
      await page.waitForSelector(`#timeline[data-target="octo-org/webshop/${id}"]`);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'deployment-title');
      assert.match(await page.textContent('#deployment-details'), /Deploy main to staging \(e2e\)/);
      assert.match(await page.textContent('#statuses'), /no statuses yet/);
      assert.equal(await page.textContent('#deployments-title'), 'Deployments to staging');
      const rows = await shownDeployments(page);
      assert.deepEqual(rows[0], { id, state: '', ref: 'main' });
      assert.deepEqual(rows, await expectedDeployments('staging', 1));
      assert.match(await page.getAttribute(`#deployments tr[data-deployment-id="${id}"]`, 'class'), /is-new/);
      assert.equal(await page.getAttribute(`#deployments tr[data-deployment-id="${id}"] button`, 'aria-pressed'), 'true');
      // ... and the overview's staging card after its refresh.
      await page.waitForSelector(`#environments .env-card[data-environment="staging"][data-deployment-id="${id}"]`, { timeout: 3 * REFRESH_MS });
      assert.equal(await page.getAttribute('#environments .env-card[data-environment="staging"]', 'data-state'), '');

      // The status form posts to the new deployment; the list and the overview follow.
      assert.match(await page.textContent('#create-target'), new RegExp(`Posts to deployment ${id} \\(staging\\)`));
      await page.selectOption('#state', 'in_progress');
      await page.fill('#description', 'Migrating the staging database (e2e).');
      await page.click('#create');
      await page.waitForFunction(() => /Created status \d+/.test(document.getElementById('message').textContent), null, { timeout: 10_000 });
      await waitForTimeline(page, id, 1);
      assert.equal((await api(`${REPO_PATH}/${id}/statuses`)).json[0].state, 'in_progress');
      await page.waitForSelector(`#environments .env-card[data-environment="staging"][data-state="in_progress"]`, { timeout: 3 * REFRESH_MS });
      await page.waitForSelector(`#deployments tr[data-deployment-id="${id}"][data-state="in_progress"]`, { timeout: 3 * REFRESH_MS });
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('create a deployment: 202 auto-merge, 409 failed checks and conflict, 422 unknown ref with GitHub\'s words; an empty ref is not sent', { timeout: TEST_TIMEOUT }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      await page.fill('#token', TOKEN);
      const banner = page.locator('#banner');
      const deploy = async (ref, environment = 'qa') => {
        await page.fill('#deploy-ref', ref);
        await page.fill('#deploy-environment', environment);
        await page.click('#deploy');
        await page.waitForFunction(() => document.getElementById('deploy').textContent === 'Create deployment'
          && (document.getElementById('message').textContent !== '' || !document.getElementById('banner').hidden
            || !document.getElementById('deploy-result').hidden || document.querySelector('#deploy-form .field-error')));
      };
      const created = async () => (await control('GET', 'stats')).deployments_created;

      // No ref: refused next to the field, nothing sent.
      await control('DELETE', 'requests');
      await deploy('');
      assert.ok(await page.locator('#deploy-ref-error').isVisible());
      assert.equal(await page.evaluate(() => document.activeElement.id), 'deploy-ref');
      assert.equal((await control('GET', 'requests')).filter((r) => r.method === 'POST').length, 0);

      // 202: GitHub merged main into the branch instead of deploying; once merged, it deploys.
      await deploy('feature/gift-cards');
      assert.match(await page.textContent('#deploy-result'), /\(202\): “Auto-merged main into feature\/gift-cards on deployment\.” No deployment was created/);
      assert.ok(await banner.isHidden());
      assert.equal(await created(), 0);
      await deploy('feature/gift-cards');
      assert.match(await page.textContent('#message'), /Created deployment \d+ of feature\/gift-cards to qa/);
      assert.equal(await created(), 1);

      // 409: failed commit status checks, with each context's state.
      await deploy('feature/search-filters');
      assert.equal(await banner.getAttribute('data-status'), '409');
      const failed = await banner.textContent();
      assert.match(failed, /Conflict: Commit status checks failed for feature\/search-filters\./);
      assert.match(failed, /ci\/test: failure/);
      assert.match(failed, /\(HttpError\)/);
      // Skipping the checks (required_contexts: []) deploys it.
      await page.check('#deploy-skip-checks');
      await control('DELETE', 'requests');
      await deploy('feature/search-filters');
      assert.match(await page.textContent('#message'), /Created deployment \d+ of feature\/search-filters/);
      assert.deepEqual(JSON.parse((await control('GET', 'requests')).find((r) => r.method === 'POST').body).required_contexts, []);
      await page.uncheck('#deploy-skip-checks');

      // 409: main cannot be merged into the branch.
      await deploy('feature/dark-mode');
      assert.equal(await banner.getAttribute('data-status'), '409');
      assert.match(await banner.textContent(), /Conflict merging main into feature\/dark-mode\./);

      // 422: no such ref.
      await deploy('no-such-branch');
      assert.equal(await banner.getAttribute('data-status'), '422');
      assert.match(await banner.textContent(), /No ref found for: no-such-branch/);
      assert.equal(await created(), 2);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('errors: next to their field before sending; 404, 401 and rate limit in the banner with name and status, never the token', { timeout: TEST_TIMEOUT }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      await page.fill('#token', TOKEN);
      await goToDeployment(page, 1008);
      await page.waitForSelector('#timeline[data-target="octo-org/webshop/1008"]');

      // The counter counts code points, as GitHub does.
      await page.fill('#description', '🚀'.repeat(140));
      assert.equal(await page.textContent('#description-count'), '140 / 140');
      assert.doesNotMatch(await page.getAttribute('#description-count', 'class'), /over/);
      const tooLong = 'x'.repeat(141);
      await page.fill('#description', tooLong);
      assert.equal(await page.textContent('#description-count'), '141 / 140');
      assert.match(await page.getAttribute('#description-count', 'class'), /over/);

      await control('DELETE', 'requests');
      await page.click('#create');
      const fieldError = page.locator('#description-error');
      await fieldError.waitFor({ state: 'visible' });
      assert.match(await fieldError.textContent(), /140/);
      assert.equal(await page.getAttribute('#description', 'aria-invalid'), 'true');
      assert.match(await page.getAttribute('#description', 'aria-describedby'), /description-error/);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'description');
      assert.ok(await page.locator('#banner').isHidden(), 'a ValidationError is not a banner');
      const posts = (await control('GET', 'requests')).filter((r) => r.method === 'POST');
      assert.equal(posts.length, 0, 'nothing was sent');

      // The shortcut: an id that is no number is refused next to its field.
      await goToDeployment(page, 'abc');
      await page.locator('#deployment-id-error').waitFor({ state: 'visible' });
      assert.equal(await page.evaluate(() => document.activeElement.id), 'deployment-id');
      assert.equal((await control('GET', 'requests')).filter((r) => r.path.includes('/deployments/abc')).length, 0, 'nothing was sent');

      // 404 for a deployment that does not exist: no other deployment stays on screen.
      await goToDeployment(page, 999999);
      const banner = page.locator('#banner');
      await banner.waitFor({ state: 'visible' });
      const bannerText = await banner.textContent();
      assert.match(bannerText, /HTTP 404/);
      assert.match(bannerText, /Not Found/);
      assert.match(bannerText, /\(HttpError\)/);
      assert.equal(await banner.getAttribute('data-error-name'), 'HttpError');
      assert.equal(await banner.getAttribute('data-status'), '404');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'banner');
      assert.equal(await page.getAttribute('#timeline', 'data-count'), '0');
      assert.match(await page.textContent('#statuses'), /Could not load/);
      assert.match(await page.textContent('#deployment-details'), /could not be loaded/);
      assert.equal(await page.isDisabled('#create'), true, 'no deployment to post a status to');
      await page.click('#banner .banner-close');
      await banner.waitFor({ state: 'hidden' });

      // A primary rate limit: GitHub's message and when it resets.
      const reset = Math.floor(Date.now() / 1000) + 1800;
      await control('POST', 'faults', {
        method: 'GET', path: '/deployments/1001/statuses', status: 403, times: 5,
        body: JSON.stringify({ message: 'API rate limit exceeded for 127.0.0.1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' }),
        headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '60', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' },
      });
      await goToDeployment(page, 1001);
      await page.waitForFunction(() => /HTTP 403/.test(document.getElementById('banner').textContent), null, { timeout: 10_000 });
      const limited = await banner.textContent();
      assert.match(limited, /API rate limit exceeded for 127\.0\.0\.1\./);
      assert.match(limited, /Rate limit exhausted/);
      const resetText = await page.evaluate((s) => new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(new Date(s * 1000)), reset);
      assert.ok(limited.includes(resetText), `banner says the limit resets at ${resetText}: ${limited}`);
      await control('DELETE', 'faults');

      // A repository that does not exist: the banner says so and the refreshing stops.
      await page.fill('#repo', 'no-such-repo');
      await page.click('#open-repo');
      await page.waitForFunction(() => document.getElementById('banner').dataset.status === '404');
      assert.equal(await page.getAttribute('#refresh-info', 'data-state'), 'stopped');
      assert.match(await page.textContent('#environments'), /Could not load the environments/);

      // A token GitHub refuses: 401 with its name and status; the token shows nowhere on the page.
      const refused = 'ghp_refusedTokenE2e0123456789abcdefABCDEF';
      await page.fill('#repo', 'webshop');
      await page.fill('#token', refused);
      await page.click('#open-repo');
      await page.waitForFunction(() => document.getElementById('banner').dataset.status === '401');
      assert.equal(await banner.getAttribute('data-error-name'), 'HttpError');
      assert.match(await banner.textContent(), /HTTP 401/);
      const shown = await page.evaluate(() => document.body.innerText + document.documentElement.outerHTML.replace(/value="[^"]*"/g, ''));
      assert.ok(!shown.includes(refused), 'the token is not on the page');
      assert.ok(!shown.includes('ghp_refused'), 'not even a part of it');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('Watch: a status created elsewhere appears without a reload; Stop ends the polling', { timeout: TEST_TIMEOUT }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    const { page, context, pageErrors } = await openDemo();
    try {
      const initial = (await api(`${REPO_PATH}/1010/statuses?per_page=100`)).json;
      await page.evaluate(() => { window.sameDocument = true; });
      await goToDeployment(page, 1010, '#watch');
      await waitForTimeline(page, 1010, initial.length);
      assert.equal(await page.getAttribute('#job', 'data-job'), 'watch');
      assert.equal(await page.isEnabled('#stop'), true);

      // Wait for a poll answered 304 from the ETag cache before changing anything.
      const before = (await control('GET', 'stats')).not_modified;
      await page.waitForFunction(async (n) => (await (await fetch('/_mock/stats')).json()).not_modified > n, before, { timeout: 8000, polling: 250 });

      const created = await createFromOutside(1010, {
        state: 'in_progress', description: 'Re-running the canary (created outside the page).', environment: 'production',
      });
      await page.locator(`#timeline .mark[data-status-id="${created.id}"]`).waitFor({ timeout: 8000 });
      await page.locator(`#statuses tr[data-status-id="${created.id}"]`).waitFor({ timeout: 2000 });
      assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page was not reloaded');
      assert.match(await page.getAttribute(`#timeline .mark[data-status-id="${created.id}"]`, 'class'), /is-new/);
      assert.match(await page.textContent('#message'), new RegExp(`new status.*${created.id} \\(in_progress\\)`));
      const now = (await api(`${REPO_PATH}/1010/statuses?per_page=100`)).json;
      assert.deepEqual((await shownInTimeline(page)).map(({ id, state, environment }) => ({ id, state, environment })).sort(byId),
        now.map(brief).sort(byId));

      // Stop: the watch ends and no more requests are made.
      await page.click('#stop');
      await page.waitForFunction(() => document.getElementById('job').dataset.job === 'idle');
      assert.equal(await page.isDisabled('#stop'), true);
      assert.equal(await page.isEnabled('#watch'), true);
      await page.waitForFunction(() => /Stopped watching/.test(document.getElementById('message').textContent));
      // The watch's polls (the overview reads 1010's newest status too, as production's latest).
      const polls = async () => (await control('GET', 'requests'))
        .filter((r) => r.method === 'GET' && r.path.startsWith(`${REPO_PATH}/1010/statuses?per_page=100`)).length;
      const pollsAtStop = await polls();
      const later = await createFromOutside(1010, { state: 'failure', description: 'Created after Stop.' });
      await new Promise((resolve) => setTimeout(resolve, 3000)); // 1.5 watch intervals
      assert.equal(await polls(), pollsAtStop, 'no polling after Stop');
      assert.equal(await page.locator(`#timeline .mark[data-status-id="${later.id}"]`).count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('375 px and 1280 px: no page overflow, labelled controls, keyboard from environment to chart; screenshots', { timeout: 45_000 }, async () => {
    await control('POST', 'reset', { seed: 'demo' });
    for (const [width, height, name] of [[1280, 1160, 'demo-desktop-1280'], [375, 812, 'demo-mobile-375']]) {
      const { page, context, pageErrors } = await openDemo({ width, height });
      try {
        // Every form control has a label; every button has a name.
        const unlabelled = await page.$$eval('input, select, textarea, progress', (controls) => controls
          .filter((c) => c.labels.length === 0 && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
          .map((c) => c.id || c.outerHTML));
        assert.deepEqual(unlabelled, []);
        const nameless = await page.$$eval('button', (buttons) => buttons.filter((b) => b.textContent.trim() === '' && !b.getAttribute('aria-label')).length);
        assert.equal(nameless, 0);

        // Keyboard only: Enter on an environment lists its deployments; Tab reaches the first
        // one; Enter opens it; Tab goes Reload statuses, Load all, Watch, chart.
        await page.fill('#token', TOKEN); // the page's requests here would outrun the anonymous rate limit
        await waitForOverview(page);
        const focused = () => page.evaluate(() => {
          const el = document.activeElement;
          return el.id || el.dataset.focusKey || (el.matches('#timeline .mark') ? 'mark' : el.outerHTML.slice(0, 60));
        });
        await page.focus('#environments .env-open[data-environment="production"]');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#deployments tr[data-deployment-id="1010"]');
        assert.equal(await focused(), 'deployments-title');
        await page.keyboard.press('Tab');
        assert.equal(await focused(), 'deployments-wrap', 'the scrollable table is a tab stop');
        await page.keyboard.press('Tab');
        assert.equal(await focused(), 'deployment:1010');
        await page.keyboard.press('Enter');
        await waitForTimeline(page, 1010, (await api(`${REPO_PATH}/1010/statuses`)).json.length);
        assert.equal(await focused(), 'deployment-title');
        const order = [];
        for (let i = 0; i < 4; i += 1) {
          await page.keyboard.press('Tab');
          order.push(await focused());
        }
        assert.deepEqual(order, ['load', 'load-all', 'watch', 'mark']);
        await page.locator('#timeline-tooltip').waitFor({ state: 'visible' });

        // The shortcut by keyboard (type the id, Enter), then Load all, then leave a tooltip open for the picture.
        await page.focus('#deployment-id');
        await page.keyboard.press('Control+A');
        await page.keyboard.type('1005');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#timeline[data-target="octo-org/webshop/1005"]');
        assert.equal(await focused(), 'deployment-title');
        await page.focus('#load-all');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => /Loaded all \d+ statuses/.test(document.getElementById('message').textContent));
        const count = (await api(`${REPO_PATH}/1005/statuses`)).json.length;
        await waitForTimeline(page, 1005, count);

        const layout = await page.evaluate(() => {
          const chart = document.querySelector('#timeline svg').getBoundingClientRect();
          const marks = [...document.querySelectorAll('#timeline .mark')].map((m) => m.getBoundingClientRect());
          return {
            pageWidth: document.documentElement.scrollWidth,
            chartRight: chart.right,
            marksInside: marks.every((m) => m.left >= chart.left - 1 && m.right <= chart.right + 1),
          };
        });
        assert.ok(layout.pageWidth <= width, `no horizontal page scroll at ${width} px (${layout.pageWidth})`);
        assert.ok(layout.chartRight <= width, 'the chart fits the screen');
        assert.ok(layout.marksInside, 'every mark lies inside the chart');

        const production = page.locator('#timeline .mark[data-environment="production"]').nth(2);
        if (width >= 600) await production.hover();
        else await production.focus();
        await page.locator('#timeline-tooltip').waitFor({ state: 'visible' });
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}-full.png`), fullPage: true });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    }
  });
});
