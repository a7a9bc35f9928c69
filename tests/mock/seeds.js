// Seed data. Times are relative to the moment the seed is applied; each part's statuses
// are created in time order through State.createStatus (auto_inactive included), so ids
// increase with time and superseded deployments turn inactive the way they do on GitHub.
// Deployment ids increase with time too, within a repository; refs and shas are made up
// but fixed (the same text gives the same sha), so the demo is the same on every run.

import { commitSha } from './state.js';

const MIN = 60;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OCTOCAT = 1;
const HUBOT = 2;

export const SEEDS = ['test', 'demo'];

/** Descriptions that exercise the 140-character limit (counted in code points). */
export const LONG_DESCRIPTIONS = {
  error: 'Deployment error: health check https://staging.webshop.example.com/healthz did not return 200 within 300 s; rolled back to v2.13.0.',
  failure: 'Build failed: npm ERR! code ELIFECYCLE, webshop@2.14.0 test: `jest --ci` exited with status 1 (3 of 812 tests failed in cart.spec.ts)',
  success: 'Deployed v2.14.1 to production in 3 regions (eu-west-1, us-east-1, ap-southeast-2): 24 pods rolled, 0 errors, p95 latency 182 ms.',
  pending: 'Waiting for approval from @octo-org/release-managers before deploying v2.15.0 to production (requested by @hubot via ChatOps).',
  // exactly 140 code points, 143 UTF-16 code units
  unicode: '✅ Staging vérifié : v2.15.0 déployé — panier, paiement & recherche OK 🚀 Prochaine étape : production après la revue de l’équipe «release» 🙌🎉',
};

export function applySeed(state, name, now) {
  if (!SEEDS.includes(name)) throw new Error(`unknown seed "${name}"`);
  // The test seed comes first on its own, so its ids (statuses 1-4) are the same in both.
  const parts = name === 'demo' ? [testSeed, demoSeed] : [testSeed];
  for (const part of parts) {
    const events = [];
    part(state, now, events);
    events.sort((a, b) => a.at - b.at);
    for (const e of events) {
      state.createStatus(e.dep, e.input, { creator: e.creator, createdAt: e.at, autoInactive: true });
    }
  }
}

/** Queues statuses for `dep`: steps are [secondsAfterPrevious, state, description, extra?]. */
function history(events, dep, start, creator, steps) {
  let at = start;
  for (const [gap, state, description, extra = {}] of steps) {
    at += gap;
    events.push({ dep, at, creator, input: { state, description, ...extra } });
  }
}

function testSeed(state, now, events) {
  const { repo: hello } = state.addRepo('octo-org', 'hello-world', false);
  const green = { 'ci/build': 'success', 'ci/test': 'success' };
  state.setRef(hello, 'main', { sha: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d', contexts: green });
  state.setRef(hello, 'topic-branch', { contexts: green });
  const d42 = state.addDeployment('octo-org', 'hello-world', {
    id: 42, environment: 'production', createdAt: now - 3 * DAY, description: 'Deploy request from hubot',
  });
  const log42 = { log_url: 'https://example.com/deployment/42/output' };
  history(events, d42, d42.createdAt, OCTOCAT, [
    [10, 'queued', 'Deployment queued.'],
    [MIN, 'in_progress', 'Deploying to production.', log42],
    [4 * MIN, 'success', 'Deployment finished successfully.', { ...log42, environment_url: 'https://hello-world.example.com' }],
  ]);
  state.addDeployment('octo-org', 'hello-world', {
    id: 43, environment: 'staging', createdAt: now - DAY, ref: 'topic-branch', task: 'deploy:migrations', payload: { migrate: true },
  });

  state.addRepo('octo-org', 'secret-repo', true);
  const d7 = state.addDeployment('octo-org', 'secret-repo', { id: 7, environment: 'production', createdAt: now - 2 * DAY });
  history(events, d7, d7.createdAt, OCTOCAT, [
    [2 * MIN, 'success', 'Deployed secret-repo to production.', { log_url: 'https://ci.example.com/octo-org/secret-repo/runs/7' }],
  ]);
}

function demoSeed(state, now, events) {
  const owner = 'octo-org';
  const repo = 'webshop';
  const { repo: shop } = state.addRepo(owner, repo, false);
  webshopRefs(state, shop);
  webshopHistory(state, shop, now, events);
  const add = (id, environment, ago, fields) => state.addDeployment(owner, repo, { id, environment, createdAt: now - ago, ...fields });
  const release = (version, creator, extra = {}) => ({
    ref: version, creator, description: `Deploy ${version}`, payload: { release: version }, ...extra,
  });
  const preview = (pr, branch) => ({
    ref: branch, description: `Preview of PR #${pr}`, payload: { pull_request: pr }, transient: true, production: false,
  });
  const run = (n) => ({ log_url: `https://ci.example.com/octo-org/webshop/actions/runs/${5_000_000 + n}` });
  const prod = { environment_url: 'https://webshop.example.com' };
  const staging = { environment_url: 'https://staging.webshop.example.com' };
  const onStaging = { environment: 'staging' };
  const onProduction = { environment: 'production' };

  // A preview redeployed on every push to PR #97 over four working days: 259 statuses of
  // its own, plus the inactive one that deployment 1004's success adds: 260 in all.
  const d1000 = add(1000, 'preview', 6 * DAY + 12 * HOUR, preview(97, 'feature/cart-coupons'));
  const previewUrl = { environment_url: 'https://pr-97.preview.webshop.example.com' };
  const steps = [[30, 'pending', 'Waiting for a free preview slot.']];
  for (let push = 1; push <= 86; push += 1) {
    const sha = ((push * 2654435761) >>> 0).toString(16).padStart(8, '0').slice(0, 7);
    const failed = push % 5 === 0 && push !== 86;
    // 10 to 50 minutes between pushes, deterministic but uneven; a night off every 22 pushes
    const pause = (10 + ((push * 37) % 11) * 4) * MIN + (push % 22 === 0 ? 7 * HOUR : 0);
    steps.push(
      [pause, 'queued', `Push ${push} to PR #97 (${sha}): preview build queued.`, run(push)],
      [2 * MIN, 'in_progress', `Building preview for ${sha} (step 2 of 4: docker build).`, run(push)],
      failed
        ? [5 * MIN, 'failure', `Preview build for ${sha} failed: TypeScript error TS2345 in src/cart/Checkout.tsx:118.`, run(push)]
        : [5 * MIN, 'success', `Preview for ${sha} is live.`, { ...run(push), ...previewUrl }],
    );
  }
  history(events, d1000, d1000.createdAt, OCTOCAT, steps);

  const d1001 = add(1001, 'production', 5 * DAY, release('v2.13.0', HUBOT));
  history(events, d1001, d1001.createdAt, HUBOT, [
    [20, 'queued', 'Deployment of v2.13.0 queued by @hubot.', run(1001)],
    [MIN, 'in_progress', 'Rolling out v2.13.0 to production.', run(1001)],
    [7 * MIN, 'success', 'Deployed v2.13.0 to production.', { ...run(1001), ...prod }],
  ]);

  const d1002 = add(1002, 'staging', 4 * DAY, release('v2.14.0', OCTOCAT));
  history(events, d1002, d1002.createdAt, OCTOCAT, [
    [15, 'queued', 'Deployment of v2.14.0 queued.', run(1002)],
    [MIN, 'in_progress', 'Running tests before deploying v2.14.0.', run(1002)],
    [6 * MIN, 'failure', LONG_DESCRIPTIONS.failure, run(1002)],
  ]);

  const d1003 = add(1003, 'staging', 3 * DAY + 12 * HOUR, release('v2.14.0', OCTOCAT, { description: 'Retry v2.14.0' }));
  history(events, d1003, d1003.createdAt, OCTOCAT, [
    [15, 'queued', 'Deployment of v2.14.0 queued (retry).', run(1003)],
    [MIN, 'in_progress', 'Deploying v2.14.0 to staging.', run(1003)],
    [9 * MIN, 'error', LONG_DESCRIPTIONS.error, { ...run(1003), ...staging }],
  ]);

  const d1004 = add(1004, 'preview', 3 * DAY, preview(128, 'feature/order-history'));
  const pr128 = { environment_url: 'https://pr-128.preview.webshop.example.com' };
  history(events, d1004, d1004.createdAt, OCTOCAT, [
    [20, 'queued', 'Preview for PR #128 queued.', run(1004)],
    [MIN, 'in_progress', 'Building preview for PR #128.', run(1004)],
    [4 * MIN, 'success', 'Preview for PR #128 is live.', { ...run(1004), ...pr128 }],
    [20 * HOUR, 'inactive', 'Preview torn down: PR #128 was merged.'],
  ]);

  // Promoted through staging (its statuses name the environment they are about) to production.
  // The staging leg ends in_progress, not success, so it marks no staging deployment inactive.
  const d1005 = add(1005, 'production', 2 * DAY, release('v2.14.1', HUBOT, {
    task: 'deploy:migrations', payload: { release: 'v2.14.1', migrations: ['20261102_add_coupon_codes'] },
  }));
  history(events, d1005, d1005.createdAt, HUBOT, [
    [20, 'queued', 'Deployment of v2.14.1 queued by @hubot: staging first, then production.', { ...run(1005), ...onStaging }],
    [MIN, 'in_progress', 'Deploying v2.14.1 to staging.', { ...run(1005), ...onStaging, ...staging }],
    [6 * MIN, 'in_progress', 'Smoke tests on staging: 48 of 48 passed; waiting for the production window.', { ...run(1005), ...onStaging, ...staging }],
    [45 * MIN, 'pending', 'v2.14.1 approved by @octo-org/release-managers; waiting for the next production deploy window.', { ...run(1005), ...onProduction }],
    [40 * MIN, 'in_progress', 'Canary: v2.14.1 on 10% of production traffic for 15 minutes.', { ...run(1005), ...onProduction, ...prod }],
    [16 * MIN, 'in_progress', 'Canary healthy (error rate 0.02%); rolling out to 100%.', { ...run(1005), ...onProduction, ...prod }],
    [11 * MIN, 'success', LONG_DESCRIPTIONS.success, { ...run(1005), ...onProduction, ...prod }],
  ]);

  const d1006 = add(1006, 'staging', DAY, release('v2.15.0-rc.1', OCTOCAT));
  history(events, d1006, d1006.createdAt, OCTOCAT, [
    [15, 'queued', 'Deployment of v2.15.0-rc.1 queued.', run(1006)],
    [MIN, 'in_progress', 'Deploying v2.15.0-rc.1 to staging.', run(1006)],
    [5 * MIN, 'success', 'Deployed v2.15.0-rc.1 to staging.', { ...run(1006), ...staging }],
  ]);

  const d1007 = add(1007, 'preview', 5 * HOUR, preview(131, 'feature/gift-cards'));
  history(events, d1007, d1007.createdAt, OCTOCAT, [
    [20, 'queued', 'Preview for PR #131 queued.', run(1007)],
    [2 * MIN, 'in_progress', 'Building preview for PR #131 (step 3 of 4: docker push).', run(1007)],
  ]);

  const d1008 = add(1008, 'production', 2 * HOUR, release('v2.15.0', HUBOT));
  history(events, d1008, d1008.createdAt, HUBOT, [
    [20, 'pending', LONG_DESCRIPTIONS.pending, run(1008)],
  ]);

  const d1009 = add(1009, 'staging', 40 * MIN, release('v2.15.0', OCTOCAT));
  history(events, d1009, d1009.createdAt, OCTOCAT, [
    [15, 'queued', 'Deployment of v2.15.0 queued.', run(1009)],
    [MIN, 'in_progress', 'Deploying v2.15.0 to staging.', run(1009)],
    [6 * MIN, 'success', LONG_DESCRIPTIONS.unicode, { ...run(1009), ...staging }],
  ]);

  // A hotfix through staging to a production canary that failed and was rolled back. It ends
  // without a success, so v2.14.1 (deployment 1005) stays the live production deployment.
  const d1010 = add(1010, 'production', 25 * MIN, release('v2.14.2', HUBOT, { description: 'Hotfix v2.14.2' }));
  history(events, d1010, d1010.createdAt, HUBOT, [
    [20, 'queued', 'Hotfix v2.14.2 queued by @hubot (fixes the cart rounding bug).', { ...run(1010), ...onStaging }],
    [MIN, 'in_progress', 'Deploying hotfix v2.14.2 to staging.', { ...run(1010), ...onStaging, ...staging }],
    [4 * MIN, 'in_progress', 'Smoke tests on staging passed; starting the production canary.', { ...run(1010), ...onStaging, ...staging }],
    [MIN, 'in_progress', 'Canary: v2.14.2 on 10% of production traffic.', { ...run(1010), ...onProduction, ...prod }],
    [6 * MIN, 'failure', 'Canary failed: HTTP 5xx rate 4.2% (threshold 1%) on /api/checkout; rolled back to v2.14.1 automatically.', { ...run(1010), ...onProduction, ...prod }],
  ]);

  // Since then: QA checks v2.15.0, a preview for PR #134 in its own environment, and QA is
  // deploying main right now.
  const qaUrl = { environment_url: 'https://qa.webshop.example.com' };
  const d1011 = add(1011, 'qa', 20 * MIN, release('v2.15.0', OCTOCAT, { payload: { release: 'v2.15.0', suite: 'regression' } }));
  history(events, d1011, d1011.createdAt, OCTOCAT, [
    [15, 'queued', 'QA deployment of v2.15.0 queued.', run(1011)],
    [MIN, 'in_progress', 'Deploying v2.15.0 to QA and running the regression suite.', run(1011)],
    [9 * MIN, 'success', 'v2.15.0 on QA: regression suite passed (312 of 312).', { ...run(1011), ...qaUrl }],
  ]);
  const d1012 = add(1012, 'preview-pr-134', 14 * MIN, preview(134, 'feature/wishlist'));
  history(events, d1012, d1012.createdAt, OCTOCAT, [
    [20, 'queued', 'Preview for PR #134 queued.', run(1012)],
    [MIN, 'in_progress', 'Building preview for PR #134.', run(1012)],
    [5 * MIN, 'success', 'Preview for PR #134 is live.', { ...run(1012), environment_url: 'https://pr-134.preview.webshop.example.com' }],
  ]);
  const d1013 = add(1013, 'qa', 4 * MIN, { description: 'Nightly QA of main', payload: { suite: 'nightly' } });
  history(events, d1013, d1013.createdAt, OCTOCAT, [
    [30, 'queued', 'QA deployment of main queued.', run(1013)],
    [MIN, 'in_progress', 'Deploying main to QA (step 2 of 3: database migrations).', run(1013)],
  ]);

  const production = state.environment(shop, 'production');
  state.addProtectionRule(production, { type: 'required_reviewers', reviewers: [OCTOCAT] });
  state.addProtectionRule(production, { type: 'wait_timer', waitTimer: 5 });
  production.branchPolicy = { protected_branches: true, custom_branch_policies: false };
  const stagingEnv = state.environment(shop, 'staging');
  state.addProtectionRule(stagingEnv, { type: 'branch_policy' });
  stagingEnv.branchPolicy = { protected_branches: false, custom_branch_policies: true };
}

/**
 * The webshop's refs: main and the release tags pass their checks; three branches show
 * what POST /deployments refuses: one behind main (auto-merged: 202), one whose tests
 * fail (409), one whose merge with main conflicts (409).
 */
function webshopRefs(state, shop) {
  const green = { 'ci/build': 'success', 'ci/test': 'success' };
  state.setRef(shop, 'main', { contexts: green });
  for (let minor = 1; minor <= 15; minor += 1) {
    for (let patch = 0; patch <= 2; patch += 1) state.setRef(shop, `v2.${minor}.${patch}`, { contexts: green });
  }
  state.setRef(shop, 'v2.15.0-rc.1', { contexts: green });
  for (const branch of ['feature/cart-coupons', 'feature/order-history', 'feature/wishlist']) {
    state.setRef(shop, branch, { contexts: green });
  }
  state.setRef(shop, 'feature/gift-cards', { contexts: green, behind: true });
  state.setRef(shop, 'feature/search-filters', { contexts: { 'ci/build': 'success', 'ci/test': 'failure' } });
  state.setRef(shop, 'feature/dark-mode', { contexts: green, behind: true, conflict: true });
}

/**
 * Six weeks before the demo's own deployments (ids 900 up, in time order): a release to
 * production about every day (v2.1.0 to v2.12.2: 36, so a page of 30 is not all), main to
 * staging every three days, QA every four. Superseded successes turn inactive.
 */
function webshopHistory(state, shop, now, events) {
  const planned = [];
  let n = 0;
  for (let minor = 1; minor <= 12; minor += 1) {
    for (let patch = 0; patch <= 2; patch += 1) {
      planned.push({ env: 'production', n, at: now - 45 * DAY + n * 26 * HOUR + ((n * 7) % 5) * HOUR, ref: `v2.${minor}.${patch}` });
      n += 1;
    }
  }
  for (let i = 0; i < 13; i += 1) planned.push({ env: 'staging', n: i, at: now - 44 * DAY + i * 3 * DAY + 5 * HOUR, ref: 'main' });
  for (let i = 0; i < 9; i += 1) planned.push({ env: 'qa', n: i, at: now - 43 * DAY + i * 4 * DAY + 9 * HOUR, ref: 'main' });
  planned.sort((a, b) => a.at - b.at);

  const ciRun = (id) => ({ log_url: `https://ci.example.com/octo-org/webshop/actions/runs/${4_000_000 + id}` });
  const urls = {
    production: { environment_url: 'https://webshop.example.com' },
    staging: { environment_url: 'https://staging.webshop.example.com' },
    qa: { environment_url: 'https://qa.webshop.example.com' },
  };
  planned.forEach((p, index) => {
    const id = 900 + index;
    const creator = p.env === 'production' && p.n % 3 !== 0 ? HUBOT : OCTOCAT;
    const fields = { id, environment: p.env, createdAt: p.at, ref: p.ref, creator };
    let what = p.ref;
    if (p.env === 'production') {
      Object.assign(fields, {
        task: p.n % 5 === 4 ? 'deploy:migrations' : 'deploy',
        payload: { release: p.ref },
        // deployments made by a workflow carry no description
        description: p.n % 9 === 8 ? null : `Deploy ${p.ref}`,
      });
    } else {
      fields.sha = commitSha(`octo-org/webshop:main@${p.env}-${p.n}`);
      what = `main@${fields.sha.slice(0, 7)}`;
      Object.assign(fields, p.env === 'qa'
        ? { payload: { suite: 'regression' }, description: `QA of ${what}` }
        : { description: `Deploy ${what}` });
    }
    const dep = state.addDeployment('octo-org', 'webshop', fields);
    let outcome = ['success', `Deployed ${what} to ${p.env}.`, { ...ciRun(id), ...urls[p.env] }];
    if (p.env === 'production' && p.n % 7 === 3) outcome = ['failure', `Health checks failed after ${what} rolled out; rolled back.`, ciRun(id)];
    else if (p.env === 'production' && p.n % 11 === 6) outcome = ['error', 'Deploy script exited with code 137 (out of memory).', ciRun(id)];
    else if (p.env === 'staging' && p.n % 4 === 2) outcome = ['failure', `Smoke tests failed on ${what}.`, ciRun(id)];
    else if (p.env === 'qa' && p.n % 3 === 1) outcome = ['failure', `Regression suite on ${what}: 4 of 312 tests failed.`, ciRun(id)];
    history(events, dep, dep.createdAt, creator, [
      [20, 'queued', `Deployment of ${what} queued.`, ciRun(id)],
      [MIN, 'in_progress', `Deploying ${what} to ${p.env}.`, ciRun(id)],
      [(4 + (id % 5)) * MIN, ...outcome],
    ]);
  });
}
