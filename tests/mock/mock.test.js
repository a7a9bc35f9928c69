// Tests of the mock GitHub server over real HTTP: `node --test tests/mock/`.

import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startMock } from './server.js';
import { resolve as resolveRef, schemaProblems } from './schema-check.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.join(HERE, 'server.js');
const WITH_MOCK = path.join(HERE, 'with-mock.js');
const EXAMPLES = path.resolve(HERE, '../fixtures');

const TOKEN = 'ghp_mock_valid_token';
const TOKEN2 = 'ghp_mock_second_token';
const UA = 'mock-tests/1.0';
const STATUSES = '/repos/octo-org/hello-world/deployments/42/statuses';
const DEPLOYMENTS = '/repos/octo-org/hello-world/deployments';
const DOCS = 'https://docs.github.com/rest/deployments/statuses';

// The lists from DESIGN.md, written out here so the tests do not trust the server's copy.
const ALLOW_HEADERS = 'Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, ' +
  'If-Unmodified-Since, Accept-Encoding, X-GitHub-OTP, X-Requested-With, User-Agent, GraphQL-Features, ' +
  'X-Github-Next-Global-ID, X-GitHub-Api-Version, X-Fetch-Nonce, Copilot-Integration-Id, DD-CLIENT-TOKEN, ' +
  'X-Client-Application';
const EXPOSE_HEADERS = 'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, ' +
  'X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, ' +
  'X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, ' +
  'Deprecation, Sunset, Warning';
const VARY = 'Accept, Authorization, Cookie, X-GitHub-OTP,Accept-Encoding, Accept, X-Requested-With';
const STATUS_KEYS = ['url', 'id', 'node_id', 'state', 'creator', 'description', 'environment', 'target_url',
  'created_at', 'updated_at', 'deployment_url', 'repository_url', 'environment_url', 'log_url',
  'performed_via_github_app'];

// ---------------------------------------------------------------------------------------
// helpers

/** One HTTP request with exactly the given headers (node:http adds only Host/Connection). */
function request(baseUrl, rawPath, { method = 'GET', headers = {}, body, signal } = {}) {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const allHeaders = { ...headers };
    if (payload !== undefined) allHeaders['content-length'] = Buffer.byteLength(payload);
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, method, headers: allHeaders, agent: false, signal }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode, headers: res.headers, text, get json() { return JSON.parse(text); } });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Starts an in-process mock and returns helpers bound to it. */
async function mockFixture(options = {}) {
  const running = await startMock(options);
  const call = (p, opts) => request(running.url, p, opts);
  const api = (p, { token, ua = UA, headers = {}, scheme = 'Bearer', ...rest } = {}) => call(p, {
    ...rest,
    headers: {
      ...(ua ? { 'user-agent': ua } : {}),
      ...(token ? { authorization: `${scheme} ${token}` } : {}),
      ...headers,
    },
  });
  const control = async (method, name, body) => {
    const res = await call(`/_mock/${name}`, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
    return { status: res.status, body: res.json };
  };
  const post = (p, body, opts = {}) => api(p, { token: TOKEN, method: 'POST', body, ...opts, headers: { 'content-type': 'application/json', ...opts.headers } });
  const stats = async () => (await control('GET', 'stats')).body;
  return { ...running, call, api, control, post, stats };
}

function parseLink(header) {
  if (header === undefined) return [];
  return header.split(', ').map((part) => {
    const m = /^<([^>]+)>; rel="([a-z]+)"$/.exec(part);
    assert.ok(m, `malformed Link part: ${part}`);
    return { url: m[1], rel: m[2] };
  });
}

const SPEC = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'deployments.openapi.json'), 'utf8'));

/** Asserts that an answer fits what GitHub's description gives for its operation and status. */
function assertFitsSpec(route, method, res) {
  let response = SPEC.paths[route][method].responses[String(res.status)];
  assert.ok(response, `${method} ${route} documents no ${res.status}`);
  if (response.$ref) response = resolveRef(SPEC, response.$ref);
  const schema = response.content?.['application/json']?.schema;
  if (res.status === 204) assert.equal(res.text, '');
  else if (schema) assert.deepEqual(schemaProblems(SPEC, schema, res.json), [], `${method} ${route} ${res.status}`);
}

const codePoints = (s) => [...s].length;
const isoSecond = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function runNode(args, { env = process.env } = {}) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function waitFor(predicate, timeoutMs = 5000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const value = await predicate();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out waiting');
}

// ---------------------------------------------------------------------------------------

describe('command line', () => {
  test('prints one LISTENING line, serves, never prints tokens, exits 0 on SIGTERM', async () => {
    const proc = runNode([SERVER, '--seed', 'test']);
    const line = await waitFor(() => /^LISTENING (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(proc.out()));
    const url = line[1];
    const ok = await request(url, STATUSES, { headers: { 'user-agent': UA, authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    const bad = await request(url, STATUSES, { headers: { 'user-agent': UA, authorization: 'Bearer ghp_secret_wrong' } });
    assert.equal(bad.status, 401);
    await request(url, '/bad%zzpath', { headers: { authorization: `Bearer ${TOKEN}` } });
    proc.child.kill('SIGTERM');
    assert.deepEqual(await proc.exited, { code: 0, signal: null });
    assert.equal(proc.out(), `LISTENING ${url}\n`);
    const printed = proc.out() + proc.err();
    assert.ok(!printed.includes(TOKEN) && !printed.includes('ghp_secret_wrong') && !/authorization/i.test(printed));
  });

  test('exits cleanly on SIGINT and honours --port', async () => {
    const probe = net.createServer();
    await new Promise((r) => probe.listen(0, '127.0.0.1', r));
    const port = probe.address().port;
    await new Promise((r) => probe.close(r));
    const proc = runNode([SERVER, '--port', String(port)]);
    await waitFor(() => proc.out().includes('\n'));
    assert.equal(proc.out(), `LISTENING http://127.0.0.1:${port}\n`);
    proc.child.kill('SIGINT');
    assert.deepEqual(await proc.exited, { code: 0, signal: null });
  });

  test('refuses to listen on a non-loopback interface', async () => {
    const proc = runNode([SERVER, '--host', '0.0.0.0']);
    const { code } = await proc.exited;
    assert.notEqual(code, 0);
    assert.equal(proc.out(), '');
    await assert.rejects(startMock({ host: '0.0.0.0' }), /loopback/);
  });

  test('with-mock runs the command with MOCK_URL, returns its exit code, stops the mock', async () => {
    const script = 'const r = await fetch(process.env.MOCK_URL + "/_mock/stats"); ' +
      'console.log("URL=" + process.env.MOCK_URL + " STATUS=" + r.status); process.exit(7);';
    const proc = runNode([WITH_MOCK, '--seed', 'demo', '--', process.execPath, '--input-type=module', '-e', script]);
    assert.deepEqual(await proc.exited, { code: 7, signal: null });
    const m = /URL=(http:\/\/127\.0\.0\.1:\d+) STATUS=200/.exec(proc.out());
    assert.ok(m, proc.out() + proc.err());
    await assert.rejects(request(m[1], '/_mock/stats'), /ECONNREFUSED/);
  });

  test('with-mock passes the seed and exits 0 for a passing command', async () => {
    const script = 'const r = await fetch(process.env.MOCK_URL + "/repos/octo-org/webshop/deployments/1000/statuses");' +
      'process.exit(r.status === 200 ? 0 : 1);';
    const proc = runNode([WITH_MOCK, '--seed', 'demo', '--', process.execPath, '--input-type=module', '-e', script]);
    assert.deepEqual(await proc.exited, { code: 0, signal: null });
  });

  test('with-mock stops the command and the mock when it is terminated', async () => {
    const script = 'console.log("PID=" + process.pid + " URL=" + process.env.MOCK_URL); setInterval(() => {}, 1000);';
    const proc = runNode([WITH_MOCK, '--', process.execPath, '-e', script]);
    const [, pid, url] = await waitFor(() => /PID=(\d+) URL=(\S+)/.exec(proc.out()));
    assert.equal((await request(url, '/_mock/stats')).status, 200);
    proc.child.kill('SIGTERM');
    assert.deepEqual(await proc.exited, { code: 143, signal: null });
    assert.throws(() => process.kill(Number(pid), 0), { code: 'ESRCH' });
    await assert.rejects(request(url, '/_mock/stats'), /ECONNREFUSED/);
  });

  test('with-mock without "--" is a usage error', async () => {
    const proc = runNode([WITH_MOCK, 'echo']);
    assert.equal((await proc.exited).code, 2);
  });
});

describe('GitHub API', () => {
  let m;
  before(async () => { m = await mockFixture(); });
  after(() => m.close());
  beforeEach(async () => { assert.equal((await m.control('POST', 'reset', {})).status, 200); });

  describe('seeds and the status object', () => {
    test('test seed: deployment 42 lists queued, in_progress, success newest first', async () => {
      const res = await m.api(STATUSES);
      assert.equal(res.status, 200);
      const list = res.json;
      assert.deepEqual(list.map((s) => [s.id, s.state]), [[3, 'success'], [2, 'in_progress'], [1, 'queued']]);
      for (const s of list) {
        assert.deepEqual(Object.keys(s), STATUS_KEYS);
        assert.equal(s.url, `${m.url}${STATUSES}/${s.id}`);
        assert.equal(s.deployment_url, `${m.url}/repos/octo-org/hello-world/deployments/42`);
        assert.equal(s.repository_url, `${m.url}/repos/octo-org/hello-world`);
        assert.equal(Buffer.from(s.node_id, 'base64').toString(), `016:DeploymentStatus${s.id}`);
        assert.match(s.created_at, isoSecond);
        assert.equal(s.updated_at, s.created_at);
        assert.equal(s.environment, 'production');
        assert.equal(s.performed_via_github_app, null);
        assert.equal(s.creator.login, 'octocat');
      }
      assert.ok(Date.parse(list[2].created_at) < Date.parse(list[0].created_at));
      assert.ok(Date.now() - Date.parse(list[2].created_at) > 24 * 3600 * 1000, 'seed times lie in recent days');
      assert.equal(list[2].target_url, '');
      assert.equal(list[0].target_url, list[0].log_url);
    });

    test('creator is the full simple-user object of the example, urls on the request origin', async () => {
      const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'create-deployment-status.201.json'), 'utf8'));
      const [status] = (await m.api(STATUSES)).json;
      assert.deepEqual(Object.keys(status.creator), Object.keys(example.creator));
      const { creator } = status;
      assert.equal(creator.id, 1);
      assert.equal(creator.node_id, example.creator.node_id);
      assert.equal(creator.url, `${m.url}/users/octocat`);
      assert.equal(creator.following_url, `${m.url}/users/octocat/following{/other_user}`);
      assert.equal(creator.type, 'User');
      assert.equal(creator.site_admin, false);
      const avatar = await m.call(new URL(creator.avatar_url).pathname + new URL(creator.avatar_url).search);
      assert.equal(avatar.status, 200);
      assert.equal(avatar.headers['content-type'], 'image/svg+xml');
    });

    test('deployment 43 has no statuses; private deployment 7 needs a token', async () => {
      const empty = await m.api('/repos/octo-org/hello-world/deployments/43/statuses');
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.json, []);
      assert.equal(empty.headers.link, undefined);
      const hidden = await m.api('/repos/octo-org/secret-repo/deployments/7/statuses');
      assert.equal(hidden.status, 404);
      assert.equal(hidden.json.documentation_url, `${DOCS}#list-deployment-statuses`);
      const hiddenGet = await m.api('/repos/octo-org/secret-repo/deployments/7/statuses/4');
      assert.equal(hiddenGet.status, 404);
      const shown = await m.api('/repos/octo-org/secret-repo/deployments/7/statuses', { token: TOKEN2 });
      assert.equal(shown.status, 200);
      assert.deepEqual(shown.json.map((s) => [s.id, s.state]), [[4, 'success']]);
    });

    test('demo seed: webshop histories, 260 statuses on deployment 1000, long descriptions', async () => {
      assert.deepEqual((await m.control('POST', 'reset', { seed: 'demo' })).body, { ok: true, seed: 'demo' });
      const base = '/repos/octo-org/webshop/deployments';
      const first = await m.api(`${base}/1000/statuses`);
      assert.equal(first.status, 200);
      assert.equal(first.json.length, 30);
      const last = parseLink(first.headers.link).find((l) => l.rel === 'last');
      assert.equal(last.url, `${m.url}${base}/1000/statuses?per_page=30&page=9`);
      const page9 = await m.api(`${base}/1000/statuses?per_page=30&page=9`);
      assert.equal(page9.json.length, 20);
      const all = [];
      const environments = new Set();
      for (let id = 1000; id <= 1009; id += 1) {
        const res = await m.api(`${base}/${id}/statuses?per_page=100`, { token: TOKEN });
        assert.equal(res.status, 200, `deployment ${id}`);
        all.push(...res.json);
        res.json.forEach((s) => environments.add(s.environment));
      }
      assert.deepEqual([...environments].sort(), ['preview', 'production', 'staging']);
      const states = new Set(all.map((s) => s.state));
      for (const st of ['queued', 'in_progress', 'success', 'failure', 'error', 'inactive', 'pending']) {
        assert.ok(states.has(st), `demo has a ${st} status`);
      }
      const lengths = all.map((s) => codePoints(s.description));
      assert.ok(Math.max(...lengths) <= 140);
      assert.ok(lengths.filter((n) => n >= 125).length >= 4, 'several descriptions near 140 characters');
      assert.ok(all.some((s) => codePoints(s.description) === 140 && s.description.length > 140), 'one 140-code-point description with astral characters');
      assert.ok(all.some((s) => s.creator.login === 'hubot'));
      const days = new Set(all.map((s) => s.created_at.slice(0, 10)));
      assert.ok(days.size >= 4, 'spread over recent days');
      // superseded deployments were made inactive by later successes
      const latest1001 = (await m.api(`${base}/1001/statuses?per_page=1`)).json[0];
      assert.equal(latest1001.state, 'inactive');
      const latest1005 = (await m.api(`${base}/1005/statuses?per_page=1`)).json[0];
      assert.equal(latest1005.state, 'success');
      // the test seed is still there, with the same ids
      assert.deepEqual((await m.api(STATUSES)).json.map((s) => s.id), [3, 2, 1]);
    });
  });

  describe('create and get', () => {
    test('POST creates a status: 201, Location, defaults, then listed first and gettable', async () => {
      const res = await m.post(STATUSES, { state: 'in_progress' });
      assert.equal(res.status, 201);
      const s = res.json;
      assert.deepEqual(Object.keys(s), STATUS_KEYS);
      assert.equal(res.headers.location, s.url);
      assert.equal(s.url, `${m.url}${STATUSES}/${s.id}`);
      assert.ok(s.id > 4);
      assert.equal(s.state, 'in_progress');
      assert.equal(s.description, '');
      assert.equal(s.environment, 'production');
      assert.equal(s.target_url, '');
      assert.equal(s.log_url, '');
      assert.equal(s.environment_url, '');
      assert.equal(s.performed_via_github_app, null);
      assert.equal(s.creator.login, 'octocat');
      assert.match(s.created_at, isoSecond);
      assert.ok(Math.abs(Date.parse(s.created_at) - Date.now()) < 5000);
      const list = (await m.api(STATUSES)).json;
      assert.deepEqual(list[0], s);
      const got = await m.api(`${STATUSES}/${s.id}`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.json, s);
      assert.equal((await m.stats()).created, 1);
    });

    test('the example request body round-trips; log_url alone sets target_url', async () => {
      const body = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'create-deployment-status.request.json'), 'utf8'));
      const s = (await m.post(STATUSES, { ...body, auto_inactive: false })).json;
      assert.equal(s.state, 'success');
      assert.equal(s.description, body.description);
      assert.equal(s.environment, 'production');
      assert.equal(s.log_url, body.log_url);
      assert.equal(s.target_url, body.log_url);
      const both = (await m.post(STATUSES, { state: 'queued', target_url: 'https://t.example', log_url: 'https://l.example', environment: 'qa', environment_url: 'https://qa.example' })).json;
      assert.equal(both.target_url, 'https://t.example');
      assert.equal(both.log_url, 'https://l.example');
      assert.equal(both.environment, 'qa');
      assert.equal(both.environment_url, 'https://qa.example');
    });

    test('the creator is the token\'s user; "token" scheme works too; ids are global and increasing', async () => {
      const a = (await m.post(STATUSES, { state: 'queued' }, { token: TOKEN2 })).json;
      assert.equal(a.creator.login, 'hubot');
      assert.equal(a.creator.id, 2);
      const b = (await m.post('/repos/octo-org/secret-repo/deployments/7/statuses', { state: 'queued' }, { scheme: 'token' })).json;
      assert.equal(b.creator.login, 'octocat');
      assert.equal(b.id, a.id + 1);
    });

    test('auto_inactive: a success marks earlier deployments of the environment inactive', async () => {
      const { body: dep } = await m.control('POST', 'deployments', { owner: 'octo-org', repo: 'hello-world', environment: 'production' });
      assert.ok(dep.id > 43);
      const url = `/repos/octo-org/hello-world/deployments/${dep.id}/statuses`;
      assert.equal((await m.post(url, { state: 'success' })).status, 201);
      const latest42 = (await m.api(STATUSES)).json;
      assert.equal(latest42.length, 4);
      assert.equal(latest42[0].state, 'inactive');
      assert.equal(latest42[0].environment, 'production');
      // staging deployment 43 (no statuses) and the private repo are untouched
      assert.deepEqual((await m.api('/repos/octo-org/hello-world/deployments/43/statuses')).json, []);
      assert.equal((await m.api('/repos/octo-org/secret-repo/deployments/7/statuses', { token: TOKEN })).json.length, 1);
      // already inactive: nothing more added
      await m.post(url, { state: 'success' });
      assert.equal((await m.api(STATUSES)).json.length, 4);
    });

    test('auto_inactive: only deployments whose latest state is success become inactive', async () => {
      await m.post(STATUSES, { state: 'failure' });
      const { body: dep } = await m.control('POST', 'deployments', { owner: 'octo-org', repo: 'hello-world', environment: 'production' });
      await m.post(`/repos/octo-org/hello-world/deployments/${dep.id}/statuses`, { state: 'success' });
      const latest42 = (await m.api(STATUSES)).json;
      assert.equal(latest42[0].state, 'failure', 'a failed deployment is left as it is');
    });

    test('auto_inactive: false leaves earlier deployments alone', async () => {
      const { body: dep } = await m.control('POST', 'deployments', { owner: 'octo-org', repo: 'hello-world' });
      await m.post(`/repos/octo-org/hello-world/deployments/${dep.id}/statuses`, { state: 'success', auto_inactive: false });
      assert.equal((await m.api(STATUSES)).json[0].state, 'success');
    });

    test('get: an unknown status, or a status of another deployment, is 404', async () => {
      const missing = await m.api(`${STATUSES}/999999`);
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.json, { message: 'Not Found', documentation_url: `${DOCS}#get-a-deployment-status`, status: '404' });
      assert.equal((await m.api('/repos/octo-org/hello-world/deployments/43/statuses/1')).status, 404);
      assert.equal((await m.api(`${STATUSES}/abc`)).status, 404);
    });
  });

  describe('errors', () => {
    test('422: invalid or missing state', async () => {
      for (const body of [{ state: 'done' }, { description: 'no state' }, { state: 42 }]) {
        const res = await m.post(STATUSES, body);
        assert.equal(res.status, 422);
        assert.deepEqual(res.json, {
          message: 'Validation Failed',
          errors: [{ resource: 'DeploymentStatus', code: 'custom', field: 'state', message: 'state is not included in the list' }],
          documentation_url: `${DOCS}#create-a-deployment-status`,
          status: '422',
        });
      }
      assert.equal((await m.stats()).created, 0);
    });

    test('422: description over 140 code points; exactly 140 (astral) is accepted', async () => {
      const long = await m.post(STATUSES, { state: 'success', description: 'x'.repeat(141) });
      assert.equal(long.status, 422);
      assert.deepEqual(long.json.errors, [{ resource: 'DeploymentStatus', code: 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' }]);
      assert.equal(long.json.message, 'Validation Failed');
      const astral = '🚀'.repeat(140);
      assert.equal(astral.length, 280);
      const ok = await m.post(STATUSES, { state: 'success', description: astral });
      assert.equal(ok.status, 201);
      assert.equal(ok.json.description, astral);
      assert.equal((await m.post(STATUSES, { state: 'success', description: `${'🚀'.repeat(140)}!` })).status, 422);
    });

    test('400: a body that is not JSON', async () => {
      const res = await m.post(STATUSES, '{"state": "success"');
      assert.equal(res.status, 400);
      assert.deepEqual(res.json, { message: 'Problems parsing JSON', documentation_url: `${DOCS}#create-a-deployment-status`, status: '400' });
    });

    test('422: wrongly typed fields; nothing created', async () => {
      const res = await m.post(STATUSES, { state: 'success', description: 123 });
      assert.equal(res.status, 422);
      assert.match(res.json.message, /^Invalid request\.\n\nFor 'properties\/description', 123 is not a string\.$/);
      assert.equal((await m.post(STATUSES, { state: 'success', auto_inactive: 'yes' })).status, 422);
      assert.equal((await m.post(STATUSES, [1, 2])).status, 422);
      assert.equal((await m.stats()).created, 0);
    });

    test('401: a wrong token on any request; POST without a token', async () => {
      const bad = { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' };
      const get = await m.api(STATUSES, { token: 'ghp_nope' });
      assert.equal(get.status, 401);
      assert.deepEqual(get.json, bad);
      assert.equal(get.headers['x-ratelimit-limit'], '60');
      assert.deepEqual((await m.post(STATUSES, { state: 'success' }, { token: 'ghp_nope' })).json, bad);
      assert.equal((await m.api('/nowhere', { token: 'ghp_nope' })).status, 401);
      assert.equal((await m.api(STATUSES, { headers: { authorization: `Basic ${TOKEN}` } })).status, 401);
      const anon = await m.api(STATUSES, { method: 'POST', body: { state: 'success' } });
      assert.equal(anon.status, 401);
      assert.deepEqual(anon.json, { message: 'Requires authentication', documentation_url: `${DOCS}#create-a-deployment-status`, status: '401' });
      assert.equal((await m.stats()).created, 0);
    });

    test('404: missing repository, deployment or route, GitHub-shaped with the operation\'s anchor', async () => {
      const cases = [
        ['/repos/octo-org/nope/deployments/42/statuses', 'GET', `${DOCS}#list-deployment-statuses`],
        ['/repos/octo-org/hello-world/deployments/999/statuses', 'GET', `${DOCS}#list-deployment-statuses`],
        ['/repos/octo-org/secret-repo/deployments/42/statuses', 'GET', `${DOCS}#list-deployment-statuses`],
        ['/repos/octo-org/hello-world/deployments/999/statuses', 'POST', `${DOCS}#create-a-deployment-status`],
        ['/repos/octo-org/hello-world/deployments/7/statuses/4', 'GET', `${DOCS}#get-a-deployment-status`],
        ['/repos/octo-org/hello-world/deployments/42', 'PATCH', 'https://docs.github.com/rest'],
        ['/repos/octo-org/hello-world/deployments/42/status', 'GET', 'https://docs.github.com/rest'],
        ['/user', 'GET', 'https://docs.github.com/rest'],
        [STATUSES, 'DELETE', 'https://docs.github.com/rest'],
        [`${STATUSES}/`, 'GET', `${DOCS}#get-a-deployment-status`],
      ];
      for (const [p, method, doc] of cases) {
        const res = method === 'POST' ? await m.post(p, { state: 'success' }) : await m.api(p, { method, token: TOKEN });
        assert.equal(res.status, 404, `${method} ${p}`);
        assert.deepEqual(res.json, { message: 'Not Found', documentation_url: doc, status: '404' }, `${method} ${p}`);
      }
    });

    test('path segments are percent-decoded; names are case-insensitive', async () => {
      assert.equal((await m.api('/repos/a%2Fb/hello-world/deployments/42/statuses')).status, 404);
      assert.equal((await m.api('/repos/octo-org%2Fhello-world/deployments/42/statuses')).status, 404);
      const encoded = await m.api('/repos/%6Fcto-org/hello%2Dworld/deployments/%34%32/statuses');
      assert.equal(encoded.status, 200);
      assert.equal(encoded.json.length, 3);
      const cased = await m.api('/repos/Octo-Org/Hello-World/deployments/42/statuses');
      assert.equal(cased.status, 200);
      assert.equal(cased.json[0].repository_url, `${m.url}/repos/octo-org/hello-world`);
      assert.equal((await m.api('/repos/%E0%A4%A/x/deployments/1/statuses')).status, 400);
    });

    test('403 as text/plain without a User-Agent', async () => {
      const res = await m.api(STATUSES, { ua: null });
      assert.equal(res.status, 403);
      assert.match(res.headers['content-type'], /^text\/plain/);
      assert.equal(res.text, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.');
      assert.equal((await m.api(STATUSES, { ua: null, method: 'POST', token: TOKEN, body: { state: 'success' } })).status, 403);
      assert.equal((await m.stats()).created, 0);
    });

    test('X-GitHub-Api-Version: known versions pass, others are 400', async () => {
      for (const v of [undefined, '2022-11-28', '2026-03-10']) {
        const res = await m.api(STATUSES, { headers: v ? { 'x-github-api-version': v } : {} });
        assert.equal(res.status, 200, String(v));
      }
      const res = await m.api(STATUSES, { headers: { 'x-github-api-version': '2025-01-01' } });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json, {
        message: "Unsupported 'X-GitHub-Api-Version' header '2025-01-01'. The supported versions are: 2022-11-28, 2026-03-10.",
        documentation_url: 'https://docs.github.com/rest/about-the-rest-api/api-versions',
        status: '400',
      });
    });

    test('reset with api_versions serves only those, as an older GitHub Enterprise Server does', async () => {
      assert.equal((await m.control('POST', 'reset', { api_versions: ['2022-11-28'] })).status, 200);
      const refused = await m.api(STATUSES, { headers: { 'x-github-api-version': '2026-03-10' } });
      assert.equal(refused.status, 400);
      assert.match(refused.json.message, /The supported versions are: 2022-11-28\.$/);
      const old = await m.api(STATUSES, { headers: { 'x-github-api-version': '2022-11-28' } });
      assert.equal(old.status, 200);
      assert.equal(old.headers['x-github-api-version-selected'], '2022-11-28');
      assert.equal((await m.control('POST', 'reset', { api_versions: ['1999-01-01'] })).status, 400);
      assert.equal((await m.control('POST', 'reset', {})).status, 200);
      assert.equal((await m.api(STATUSES, { headers: { 'x-github-api-version': '2026-03-10' } })).status, 200);
    });

    test('malformed requests get 400 and the server keeps serving', async () => {
      const rawHttp = (text) => new Promise((resolve, reject) => {
        const sock = net.connect(new URL(m.url).port, '127.0.0.1', () => sock.end(text));
        let data = '';
        sock.on('data', (d) => { data += d; });
        sock.on('close', () => resolve(data));
        sock.on('error', reject);
      });
      assert.match(await rawHttp('GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'), /^HTTP\/1\.1 400/);
      assert.match(await rawHttp('NOT A REQUEST\r\n\r\n'), /^HTTP\/1\.1 400/);
      assert.match(await rawHttp('GET /repos HTTP/1.1\r\nHost: evil host\r\n\r\n'), /^HTTP\/1\.1 400/);
      assert.match(await rawHttp('GET http://other/repos HTTP/1.1\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 400/);
      assert.equal((await m.api(STATUSES)).status, 200);
    });
  });

  describe('pagination', () => {
    async function deploymentWith(count) {
      const { body } = await m.control('POST', 'statuses', { owner: 'octo-org', repo: 'pages', deployment_id: 500, count });
      assert.equal(body.total, count);
      return '/repos/octo-org/pages/deployments/500/statuses';
    }

    test('per_page defaults to 30; rel sets on first, middle and last pages, in GitHub\'s order', async () => {
      const p = await deploymentWith(95);
      const at = (q) => m.api(`${p}${q}`);
      const u = (page) => `${m.url}${p}?per_page=30&page=${page}`;
      const first = await at('');
      assert.equal(first.json.length, 30);
      assert.deepEqual(parseLink(first.headers.link), [{ url: u(2), rel: 'next' }, { url: u(4), rel: 'last' }]);
      const middle = await at('?page=2');
      assert.deepEqual(parseLink(middle.headers.link), [
        { url: u(1), rel: 'prev' }, { url: u(3), rel: 'next' }, { url: u(4), rel: 'last' }, { url: u(1), rel: 'first' }]);
      const last = await at('?per_page=30&page=4');
      assert.equal(last.json.length, 5);
      assert.deepEqual(parseLink(last.headers.link), [{ url: u(3), rel: 'prev' }, { url: u(1), rel: 'first' }]);
      // pages are disjoint, newest first, and together cover everything
      const ids = [];
      for (let page = 1; page <= 4; page += 1) ids.push(...(await at(`?page=${page}`)).json.map((s) => s.id));
      assert.equal(new Set(ids).size, 95);
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
      const beyond = await at('?page=5');
      assert.equal(beyond.status, 200);
      assert.deepEqual(beyond.json, []);
    });

    test('a single page has no Link header; per_page is clamped to 100', async () => {
      const p = await deploymentWith(150);
      const single = await m.api(`${p}?per_page=100&page=1`);
      assert.ok(parseLink(single.headers.link).length > 0);
      const one = await m.api(STATUSES);
      assert.equal(one.headers.link, undefined);
      assert.equal((await m.api(`${STATUSES}?per_page=3`)).headers.link, undefined);
      const twoOfThree = await m.api(`${STATUSES}?per_page=2`);
      assert.deepEqual(parseLink(twoOfThree.headers.link).map((l) => l.rel), ['next', 'last']);
      const clamped = await m.api(`${p}?per_page=1000`);
      assert.equal(clamped.json.length, 100);
      assert.deepEqual(parseLink(clamped.headers.link), [
        { url: `${m.url}${p}?per_page=100&page=2`, rel: 'next' }, { url: `${m.url}${p}?per_page=100&page=2`, rel: 'last' }]);
      assert.equal((await m.api(`${p}?per_page=abc&page=xyz`)).json.length, 30);
    });

    test('GHES prefix /api/v3: bodies, Location and Link use the prefix and the request\'s origin', async () => {
      const p = await deploymentWith(40);
      const res = await m.api(`/api/v3${p}?per_page=10&page=2`);
      assert.equal(res.status, 200);
      assert.equal(res.json[0].url.startsWith(`${m.url}/api/v3/repos/octo-org/pages/deployments/500/statuses/`), true);
      assert.equal(res.json[0].creator.url, `${m.url}/api/v3/users/octocat`);
      for (const link of parseLink(res.headers.link)) {
        assert.ok(link.url.startsWith(`${m.url}/api/v3${p}?per_page=10&page=`), link.url);
      }
      assert.deepEqual(parseLink(res.headers.link).map((l) => l.rel), ['prev', 'next', 'last', 'first']);
      const created = await m.post(`/api/v3${STATUSES}`, { state: 'queued' });
      assert.equal(created.status, 201);
      assert.equal(created.headers.location, `${m.url}/api/v3${STATUSES}/${created.json.id}`);
      const got = await m.api(`/api/v3${STATUSES}/${created.json.id}`);
      assert.equal(got.json.deployment_url, `${m.url}/api/v3/repos/octo-org/hello-world/deployments/42`);
      const port = new URL(m.url).port;
      const viaName = await m.api(`/api/v3${p}?per_page=10`, { headers: { host: `localhost:${port}` } });
      assert.ok(parseLink(viaName.headers.link)[0].url.startsWith(`http://localhost:${port}/api/v3/`));
      assert.ok(viaName.json[0].url.startsWith(`http://localhost:${port}/api/v3/`));
      const index = await m.api('/api/v3');
      assert.equal(index.status, 200);
      assert.ok(index.json.repository_url.startsWith(`${m.url}/api/v3/repos/`));
    });
  });

  describe('conditional requests and rate limits', () => {
    test('ETag is W/"sha256(body + user)"; If-None-Match answers 304 without counting', async () => {
      const first = await m.api(STATUSES, { token: TOKEN });
      const expected = `W/"${createHash('sha256').update(first.text + 'octocat').digest('hex')}"`;
      assert.equal(first.headers.etag, expected);
      const used = Number(first.headers['x-ratelimit-used']);
      const before = await m.stats();
      const again = await m.api(STATUSES, { token: TOKEN, headers: { 'if-none-match': expected } });
      assert.equal(again.status, 304);
      assert.equal(again.text, '');
      assert.equal(again.headers.etag, expected);
      assert.equal(again.headers['x-ratelimit-used'], String(used));
      assert.equal(again.headers['x-ratelimit-remaining'], String(5000 - used));
      const after = await m.stats();
      assert.equal(after.not_modified, before.not_modified + 1);
      assert.equal(after.rate_limited, before.rate_limited);
      assert.equal(after.requests, before.requests + 1);
      const third = await m.api(STATUSES, { token: TOKEN });
      assert.equal(third.headers['x-ratelimit-used'], String(used + 1));
      // other users and anonymous get other tags; a change gives a new tag
      const hubot = await m.api(STATUSES, { token: TOKEN2 });
      assert.equal(hubot.text, first.text);
      assert.notEqual(hubot.headers.etag, expected);
      const anon = await m.api(STATUSES);
      assert.equal(anon.headers.etag, `W/"${createHash('sha256').update(anon.text + 'anonymous').digest('hex')}"`);
      assert.equal((await m.api(STATUSES, { token: TOKEN2, headers: { 'if-none-match': expected } })).status, 200);
      await m.post(STATUSES, { state: 'queued' });
      const changed = await m.api(STATUSES, { token: TOKEN, headers: { 'if-none-match': expected } });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.etag, expected);
      const getOne = await m.api(`${STATUSES}/1`);
      assert.equal((await m.api(`${STATUSES}/1`, { headers: { 'if-none-match': getOne.headers.etag } })).status, 304);
    });

    test('x-ratelimit-* on every response, per token, 5000 with a token and 60 without', async () => {
      const now = Math.floor(Date.now() / 1000);
      const a1 = await m.api(STATUSES, { token: TOKEN });
      const a2 = await m.api('/repos/octo-org/nope/deployments/1/statuses', { token: TOKEN });
      const b1 = await m.api(STATUSES, { token: TOKEN2 });
      const n1 = await m.api(STATUSES);
      const created = await m.post(STATUSES, { state: 'queued' });
      const rl = (r) => ['limit', 'remaining', 'used', 'resource'].map((k) => r.headers[`x-ratelimit-${k}`]);
      assert.deepEqual(rl(a1), ['5000', '4999', '1', 'core']);
      assert.deepEqual(rl(a2), ['5000', '4998', '2', 'core']);
      assert.deepEqual(rl(b1), ['5000', '4999', '1', 'core']);
      assert.deepEqual(rl(n1), ['60', '59', '1', 'core']);
      assert.deepEqual(rl(created), ['5000', '4997', '3', 'core']);
      for (const r of [a1, a2, b1, n1, created]) {
        const reset = Number(r.headers['x-ratelimit-reset']);
        assert.ok(reset >= now + 3595 && reset <= now + 3602, String(reset));
        assert.match(r.headers['x-github-request-id'], /^[0-9A-F]+(:[0-9A-F]+){4}$/);
        assert.equal(r.headers['x-github-media-type'], 'github.v3; format=json');
        assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
        assert.equal(r.headers.vary, VARY);
      }
      assert.equal((await m.stats()).rate_limited, 5);
    });

    test('anonymous requests are refused with 403 after 60', async () => {
      for (let i = 0; i < 60; i += 1) assert.equal((await m.api(STATUSES)).status, 200);
      const refused = await m.api(STATUSES);
      assert.equal(refused.status, 403);
      assert.match(refused.json.message, /^API rate limit exceeded/);
      assert.equal(refused.headers['x-ratelimit-remaining'], '0');
      assert.equal(refused.headers['x-ratelimit-used'], '60');
      assert.equal((await m.api(STATUSES, { token: TOKEN })).status, 200);
      await m.control('POST', 'reset', {});
      assert.equal((await m.api(STATUSES)).headers['x-ratelimit-remaining'], '59');
    });
  });

  describe('CORS', () => {
    const preflight = (headers, p = STATUSES) => m.call(p, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:9', 'user-agent': UA, ...headers } });
    const corsHeaders = (res) => Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));

    test('API responses to a request with Origin allow * and expose GitHub\'s list', async () => {
      for (const res of [
        await m.api(STATUSES, { headers: { origin: 'http://localhost:8000' } }),
        await m.api('/nowhere', { headers: { origin: 'http://localhost:8000' } }),
        await m.post(STATUSES, { state: 'queued' }, { headers: { origin: 'http://localhost:8000' } }),
      ]) {
        assert.equal(res.headers['access-control-allow-origin'], '*');
        assert.equal(res.headers['access-control-expose-headers'], EXPOSE_HEADERS);
      }
      assert.deepEqual(corsHeaders(await m.api(STATUSES)), []);
    });

    test('preflights for the headers the client sends are accepted', async () => {
      const sets = [['authorization'], ['content-type'], ['x-github-api-version'], ['if-none-match'], ['user-agent'],
        ['authorization', 'content-type', 'x-github-api-version', 'if-none-match', 'user-agent'], []];
      for (const set of sets) {
        for (const method of ['GET', 'POST']) {
          const headers = { 'access-control-request-method': method };
          if (set.length) headers['access-control-request-headers'] = set.join(',');
          const res = await preflight(headers);
          assert.equal(res.status, 204, `${method} ${set}`);
          assert.equal(res.headers['access-control-allow-origin'], '*');
          assert.equal(res.headers['access-control-allow-methods'], 'GET, POST, PATCH, PUT, DELETE');
          assert.equal(res.headers['access-control-allow-headers'], ALLOW_HEADERS);
          assert.equal(res.headers['access-control-max-age'], '86400');
          assert.equal(res.text, '');
        }
      }
      const mixedCase = await preflight({ 'access-control-request-method': 'POST', 'access-control-request-headers': 'Authorization, X-GitHub-Api-Version,CONTENT-TYPE' });
      assert.equal(mixedCase.status, 204);
      assert.equal((await preflight({ 'access-control-request-method': 'GET' }, `/api/v3${STATUSES}`)).status, 204);
    });

    test('preflights asking for another header or method are refused without any CORS header', async () => {
      const refused = [
        { 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-custom' },
        { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-custom,content-type' },
        { 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept' },
        { 'access-control-request-method': 'PROPFIND' },
        { 'access-control-request-method': 'HEAD' },
        {},
      ];
      for (const headers of refused) {
        const res = await preflight(headers);
        assert.equal(res.status, 404, JSON.stringify(headers));
        assert.deepEqual(corsHeaders(res), [], JSON.stringify(headers));
        assert.equal(res.text, '');
      }
    });

    test('preflights are logged as OPTIONS with their origin and do not count', async () => {
      await preflight({ 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' });
      const log = (await m.control('GET', 'requests')).body;
      assert.equal(log.length, 1);
      assert.equal(log[0].method, 'OPTIONS');
      assert.equal(log[0].origin_header, 'http://127.0.0.1:9');
      assert.equal(log[0].headers['access-control-request-headers'], 'authorization');
      assert.equal((await m.stats()).rate_limited, 0);
    });

    test('the control API answers any preflight permissively', async () => {
      const res = await m.call('/_mock/faults', { method: 'OPTIONS', headers: { origin: 'http://x', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'x-anything,content-type' } });
      assert.equal(res.status, 204);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.match(res.headers['access-control-allow-methods'], /DELETE/);
      assert.match(res.headers['access-control-allow-headers'], /x-anything/);
      const stats = await m.call('/_mock/stats', { headers: { origin: 'http://x' } });
      assert.equal(stats.headers['access-control-allow-origin'], '*');
    });
  });

  describe('faults', () => {
    const fault = async (spec) => {
      const res = await m.control('POST', 'faults', spec);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.ok(Number.isInteger(res.body.id));
      return res.body.id;
    };
    const count = async () => (await m.api(STATUSES)).json.length;

    test('reset "before": the connection drops and nothing is created', async () => {
      await fault({ method: 'POST', path: '/statuses', reset: 'before' });
      await assert.rejects(m.post(STATUSES, { state: 'success' }), (err) => ['ECONNRESET', 'EPIPE'].includes(err.code) || /socket hang up/.test(err.message));
      assert.equal((await m.stats()).created, 0);
      assert.equal(await count(), 3);
      assert.equal((await m.post(STATUSES, { state: 'success' })).status, 201, 'the fault was used up');
      await fault({ reset: 'before' });
      await assert.rejects(fetch(`${m.url}${STATUSES}`));
    });

    test('apply + 502: the status is created, the answer is 502', async () => {
      await fault({ method: 'POST', apply: true, status: 502 });
      const res = await m.post(STATUSES, { state: 'success' });
      assert.equal(res.status, 502);
      assert.deepEqual(res.json, { message: 'Server Error' });
      assert.equal(res.headers.location, undefined);
      assert.equal(await count(), 4);
      assert.equal((await m.api(STATUSES)).json[0].state, 'success');
      assert.equal((await m.stats()).created, 1);
    });

    test('a status without apply answers instead of processing', async () => {
      await fault({ method: 'POST', status: 503, body: '<html>Unicorn!</html>', content_type: 'text/html' });
      const res = await m.post(STATUSES, { state: 'success' }, { headers: { origin: 'http://x' } });
      assert.equal(res.status, 503);
      assert.equal(res.text, '<html>Unicorn!</html>');
      assert.equal(res.headers['content-type'], 'text/html');
      assert.equal(res.headers['access-control-allow-origin'], '*', 'browsers can read fault answers');
      assert.ok(res.headers['x-ratelimit-limit']);
      assert.equal(await count(), 3);
      assert.equal((await m.stats()).created, 0);
    });

    test('reset "after" with apply: created, then the connection drops', async () => {
      await fault({ method: 'POST', apply: true, reset: 'after' });
      await assert.rejects(m.post(STATUSES, { state: 'failure' }));
      assert.equal(await count(), 4);
      assert.equal((await m.api(STATUSES)).json[0].state, 'failure');
    });

    test('delay_ms delays the answer', async () => {
      await fault({ method: 'GET', delay_ms: 300 });
      const t0 = Date.now();
      const res = await m.api(STATUSES);
      assert.equal(res.status, 200);
      assert.ok(Date.now() - t0 >= 290, `took ${Date.now() - t0} ms`);
      const t1 = Date.now();
      await m.api(STATUSES);
      assert.ok(Date.now() - t1 < 250);
    });

    test('a delay is cancelled when the client goes away: the request is never processed', async () => {
      await fault({ method: 'POST', delay_ms: 400 });
      const controller = new AbortController();
      const pending = m.post(STATUSES, { state: 'success' }, { signal: controller.signal });
      await waitFor(async () => (await m.stats()).requests >= 1);
      await new Promise((r) => setTimeout(r, 50));
      controller.abort();
      await assert.rejects(pending);
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(await count(), 3);
      assert.equal((await m.stats()).created, 0);
    });

    test('truncate: half the body, no Content-Length', async () => {
      const full = await m.api(STATUSES);
      await fault({ method: 'GET', path: '/deployments/42/statuses', truncate: true });
      const cut = await m.api(STATUSES);
      assert.equal(cut.status, 200);
      assert.equal(cut.headers['content-length'], undefined);
      assert.equal(Buffer.byteLength(cut.text), Math.floor(Buffer.byteLength(full.text) / 2));
      assert.ok(full.text.startsWith(cut.text));
      assert.throws(() => JSON.parse(cut.text), SyntaxError);
    });

    test('429/403 faults override the rate-limit headers', async () => {
      await fault({ status: 429, headers: { 'retry-after': '1' } });
      await fault({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '12345' } });
      const a = await m.api(STATUSES, { token: TOKEN });
      assert.equal(a.status, 429);
      assert.equal(a.headers['retry-after'], '1');
      assert.match(a.json.message, /secondary rate limit/);
      const b = await m.api(STATUSES, { token: TOKEN });
      assert.equal(b.status, 403);
      assert.equal(b.headers['x-ratelimit-remaining'], '0');
      assert.equal(b.headers['x-ratelimit-reset'], '12345');
      assert.equal(b.headers['x-ratelimit-limit'], '5000');
      assert.equal((await m.api(STATUSES, { token: TOKEN })).status, 200);
    });

    test('matching: method and path filters, queue order, times, prefix-less paths, no preflights', async () => {
      await fault({ method: 'POST', status: 500 });
      await fault({ path: '/deployments/43/', status: 502, times: 2 });
      await fault({ path: '/repos/octo-org/hello-world/deployments/42/statuses?per_page=7', status: 504 });
      assert.equal((await m.api(STATUSES)).status, 200, 'GET skips the POST fault');
      const opt = await m.call('/repos/octo-org/hello-world/deployments/43/statuses', { method: 'OPTIONS', headers: { origin: 'http://x', 'access-control-request-method': 'GET' } });
      assert.equal(opt.status, 204, 'preflights do not consume faults');
      assert.equal((await m.api('/api/v3/repos/octo-org/hello-world/deployments/43/statuses')).status, 502);
      assert.equal((await m.api('/repos/octo-org/hello-world/deployments/43/statuses')).status, 502);
      assert.equal((await m.api('/repos/octo-org/hello-world/deployments/43/statuses')).status, 200);
      assert.equal((await m.api(`/api/v3${STATUSES}?per_page=7`)).status, 504);
      assert.equal((await m.post(STATUSES, { state: 'queued' })).status, 500);
      assert.deepEqual((await m.control('GET', 'faults')).body, []);
      await fault({ method: 'OPTIONS', status: 500 });
      assert.equal((await m.call(STATUSES, { method: 'OPTIONS', headers: { origin: 'http://x', 'access-control-request-method': 'GET' } })).status, 500);
    });

    test('body without status replaces the body of the normal answer', async () => {
      await fault({ method: 'GET', apply: true, body: '[{"id":"not a number"}]' });
      const res = await m.api(STATUSES);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, [{ id: 'not a number' }]);
    });

    test('DELETE clears the queue; invalid faults are 400', async () => {
      await fault({ status: 500 });
      assert.equal((await m.control('GET', 'faults')).body.length, 1);
      assert.equal((await m.control('DELETE', 'faults')).status, 200);
      assert.equal((await m.api(STATUSES)).status, 200);
      for (const bad of [{ status: 'x' }, { reset: 'sometimes' }, { times: 0 }, { delay: 5 }, { headers: [1] }]) {
        assert.equal((await m.control('POST', 'faults', bad)).status, 400, JSON.stringify(bad));
      }
    });

    test('reset clears faults', async () => {
      await fault({ status: 500 });
      await m.control('POST', 'reset', {});
      assert.equal((await m.api(STATUSES)).status, 200);
    });
  });

  describe('deployments and environments', () => {
    const DEPLOYMENT_KEYS = Object.keys(SPEC.components.schemas.deployment.properties);
    const ENVIRONMENT_KEYS = Object.keys(SPEC.components.schemas.environment.properties);
    const PROBLEM_REF = 'https://docs.github.com/rest/deployments/deployments';
    const create = (body, opts) => m.post(DEPLOYMENTS, body, opts);
    const ids = async (q = '', p = DEPLOYMENTS) => (await m.api(`${p}${q}`, { token: TOKEN })).json.map((d) => d.id);
    const setRef = async (body) => {
      const res = await m.control('POST', 'refs', { owner: 'octo-org', repo: 'hello-world', ...body });
      assert.ok([200, 201].includes(res.status), JSON.stringify(res.body));
      return res.body;
    };

    test('list: the test seed newest first, every field per the schema', async () => {
      const res = await m.api(DEPLOYMENTS);
      assert.equal(res.status, 200);
      assertFitsSpec('/repos/{owner}/{repo}/deployments', 'get', res);
      assert.equal(res.headers.link, undefined);
      const [d43, d42] = res.json;
      assert.deepEqual(res.json.map((d) => d.id), [43, 42]);
      for (const d of res.json) {
        assert.deepEqual(Object.keys(d), DEPLOYMENT_KEYS);
        assert.equal(d.url, `${m.url}${DEPLOYMENTS}/${d.id}`);
        assert.equal(d.statuses_url, `${d.url}/statuses`);
        assert.equal(d.repository_url, `${m.url}/repos/octo-org/hello-world`);
        assert.equal(Buffer.from(d.node_id, 'base64').toString(), `010:Deployment${d.id}`);
        assert.match(d.created_at, isoSecond);
        assert.equal(d.creator.login, 'octocat');
        assert.equal(d.performed_via_github_app, null);
        assert.equal(d.transient_environment, false);
      }
      assert.deepEqual(
        [d42.sha, d42.ref, d42.task, d42.payload, d42.original_environment, d42.environment, d42.description, d42.production_environment],
        ['a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d', 'main', 'deploy', {}, 'production', 'production', 'Deploy request from hubot', true]);
      const [latest42] = (await m.api(STATUSES)).json;
      assert.equal(d42.updated_at, latest42.created_at, 'updated by its latest status');
      assert.deepEqual([d43.ref, d43.task, d43.payload, d43.environment, d43.description, d43.production_environment],
        ['topic-branch', 'deploy:migrations', { migrate: true }, 'staging', '', false]);
      assert.match(d43.sha, /^[0-9a-f]{40}$/);
      assert.equal(d43.updated_at, d43.created_at);
      const got = await m.api(`${DEPLOYMENTS}/42`);
      assert.equal(got.status, 200);
      assertFitsSpec('/repos/{owner}/{repo}/deployments/{deployment_id}', 'get', got);
      assert.deepEqual(got.json, d42);
    });

    test('list: a status naming another environment moves the deployment there, original_environment stays', async () => {
      await m.post(STATUSES, { state: 'in_progress', environment: 'qa' });
      const d42 = (await m.api(`${DEPLOYMENTS}/42`)).json;
      assert.equal(d42.environment, 'qa');
      assert.equal(d42.original_environment, 'production');
      assert.deepEqual(await ids('?environment=qa'), [42]);
      assert.deepEqual(await ids('?environment=production'), []);
      const envs = (await m.api('/repos/octo-org/hello-world/environments')).json.environments.map((e) => e.name);
      assert.deepEqual(envs, ['production', 'qa', 'staging']);
    });

    test('list: filters sha, ref, task, environment, exact and combined; empty ones are ignored', async () => {
      await m.control('POST', 'reset', { seed: 'demo' });
      const p = '/repos/octo-org/webshop/deployments';
      const all = [];
      for (let page = 1; ; page += 1) {
        const res = await m.api(`${p}?per_page=100&page=${page}`, { token: TOKEN });
        all.push(...res.json);
        if (!parseLink(res.headers.link).some((l) => l.rel === 'next')) break;
      }
      assert.deepEqual(all.map((d) => d.id), [...all.map((d) => d.id)].sort((a, b) => b - a), 'newest first');
      assert.ok(all.every((d, i) => i === 0 || d.created_at <= all[i - 1].created_at), 'ids follow time');
      const expect = (pred) => all.filter(pred).map((d) => d.id);
      assert.deepEqual(await ids('?environment=production&per_page=100', p), expect((d) => d.environment === 'production'));
      assert.deepEqual(await ids('?ref=v2.15.0&per_page=100', p), expect((d) => d.ref === 'v2.15.0'));
      assert.ok((await ids('?ref=v2.15.0', p)).length >= 3);
      assert.deepEqual(await ids('?task=deploy:migrations&per_page=100', p), expect((d) => d.task === 'deploy:migrations'));
      const { sha } = all.find((d) => d.id === 1005);
      assert.deepEqual(await ids(`?sha=${sha}`, p), expect((d) => d.sha === sha));
      assert.deepEqual(await ids(`?sha=${sha.slice(0, 7)}`, p), [], 'sha is matched whole');
      assert.deepEqual(await ids('?ref=v2.15.0&environment=staging', p), [1009]);
      assert.deepEqual(await ids('?environment=Production', p), [], 'exact match');
      assert.deepEqual(await ids('?environment=&ref=&per_page=100', p), all.map((d) => d.id));
      assert.deepEqual(await ids('?environment=nowhere', p), []);
    });

    test('list: per_page 30 by default, at most 100; Link keeps the filters; ETag and 304', async () => {
      await m.control('POST', 'reset', { seed: 'demo' });
      const p = '/repos/octo-org/webshop/deployments';
      const first = await m.api(`${p}?environment=production`);
      assert.equal(first.json.length, 30);
      const u = (page) => `${m.url}${p}?environment=production&per_page=30&page=${page}`;
      assert.deepEqual(parseLink(first.headers.link), [{ url: u(2), rel: 'next' }, { url: u(2), rel: 'last' }]);
      const second = await m.api(new URL(u(2)).pathname + new URL(u(2)).search);
      assert.ok(second.json.length > 0 && second.json.length < 30);
      assert.deepEqual(parseLink(second.headers.link), [{ url: u(1), rel: 'prev' }, { url: u(1), rel: 'first' }]);
      assert.equal(new Set([...first.json, ...second.json].map((d) => d.id)).size, first.json.length + second.json.length);
      assert.deepEqual((await m.api(`${p}?environment=production&page=3`)).json, []);
      for (let i = 0; i < 30; i += 1) await m.control('POST', 'deployments', { owner: 'octo-org', repo: 'webshop', environment: 'load' });
      const clamped = await m.api(`${p}?per_page=500`);
      assert.equal(clamped.json.length, 100);
      assert.equal(parseLink(clamped.headers.link).find((l) => l.rel === 'next').url, `${m.url}${p}?per_page=100&page=2`);
      assert.equal((await m.api(`${p}?per_page=2&page=2&ref=main&x=1`)).headers.link.includes('x=1'), false, 'only the filters are kept');

      const etag = first.headers.etag;
      assert.match(etag, /^W\/"[0-9a-f]{64}"$/);
      assert.equal(first.headers['cache-control'], 'public, max-age=60, s-maxage=60');
      assert.equal(first.headers['x-ratelimit-resource'], 'core');
      const before = await m.stats();
      const again = await m.api(`${p}?environment=production`, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      assert.equal(again.text, '');
      assert.equal(again.headers.link, undefined);
      assert.equal((await m.stats()).rate_limited, before.rate_limited, 'a 304 costs nothing');
      await m.post('/repos/octo-org/webshop/deployments/1005/statuses', { state: 'in_progress' });
      const changed = await m.api(`${p}?environment=production`, { headers: { 'if-none-match': etag } });
      assert.equal(changed.status, 200, 'a new status changes the list (updated_at)');
      const one = await m.api(`${p}/1005`);
      assert.equal((await m.api(`${p}/1005`, { headers: { 'if-none-match': one.headers.etag } })).status, 304);
    });

    test('get: 404 for an unknown id, another repository\'s deployment, a private one without a token', async () => {
      const doc = `${PROBLEM_REF}#get-a-deployment`;
      for (const p of [`${DEPLOYMENTS}/999`, `${DEPLOYMENTS}/7`, `${DEPLOYMENTS}/abc`, '/repos/octo-org/secret-repo/deployments/7', '/repos/octo-org/nope/deployments/42']) {
        const res = await m.api(p);
        assert.equal(res.status, 404, p);
        assert.deepEqual(res.json, { message: 'Not Found', documentation_url: doc, status: '404' }, p);
        assertFitsSpec('/repos/{owner}/{repo}/deployments/{deployment_id}', 'get', res);
      }
      assert.equal((await m.api('/repos/octo-org/secret-repo/deployments/7', { token: TOKEN2 })).status, 200);
      assert.equal((await m.api('/repos/octo-org/secret-repo/deployments', { token: TOKEN })).json[0].id, 7);
      assert.equal((await m.api('/repos/octo-org/secret-repo/deployments')).status, 404);
      assert.equal((await m.api('/repos/octo-org/secret-repo/environments')).status, 404);
    });

    test('create: 201 with GitHub\'s defaults, Location, the token\'s user; listed first and gettable', async () => {
      const res = await create({ ref: 'main' }, { token: TOKEN2 });
      assert.equal(res.status, 201);
      assertFitsSpec('/repos/{owner}/{repo}/deployments', 'post', res);
      const d = res.json;
      assert.deepEqual(Object.keys(d), DEPLOYMENT_KEYS);
      assert.equal(res.headers.location, d.url);
      assert.ok(d.id > 43);
      assert.deepEqual(
        [d.ref, d.sha, d.task, d.payload, d.environment, d.original_environment, d.description, d.transient_environment, d.production_environment],
        ['main', 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d', 'deploy', {}, 'production', 'production', '', false, true]);
      assert.equal(d.creator.login, 'hubot');
      assert.ok(Math.abs(Date.parse(d.created_at) - Date.now()) < 5000);
      assert.equal(d.updated_at, d.created_at);
      assert.deepEqual((await m.api(DEPLOYMENTS)).json[0], d);
      assert.deepEqual((await m.api(`${DEPLOYMENTS}/${d.id}`)).json, d);
      assert.deepEqual((await m.api(`${DEPLOYMENTS}/${d.id}/statuses`)).json, []);
      const status = (await m.post(`${DEPLOYMENTS}/${d.id}/statuses`, { state: 'success' })).json;
      assert.equal(status.deployment_url, d.url);
      assert.equal((await m.api(STATUSES)).json[0].state, 'inactive', '42 was superseded');
      assert.deepEqual(await m.stats(), { requests: 6, rate_limited: 6, not_modified: 0, created: 1, deployments_created: 1, deployments_deleted: 0 });
    });

    test('create: every field as given; payload an object or a JSON string; description may be null', async () => {
      const body = {
        ref: 'topic-branch', task: 'deploy:migrations', auto_merge: false, required_contexts: ['ci/build'],
        payload: { deploy: 'migrate', replicas: [1, 2] }, environment: 'review', description: 'Deploy request from hubot',
        transient_environment: true, production_environment: true,
      };
      const d = (await create(body)).json;
      assert.deepEqual([d.ref, d.task, d.payload, d.environment, d.description, d.transient_environment, d.production_environment],
        [body.ref, body.task, body.payload, 'review', body.description, true, true]);
      const [, topic] = (await m.api(DEPLOYMENTS)).json.filter((x) => x.ref === 'topic-branch');
      assert.equal(d.sha, topic.sha, 'the branch\'s commit');
      const example = SPEC.paths['/repos/{owner}/{repo}/deployments'].post.requestBody.content['application/json'].examples['simple-example'].value;
      const fromExample = await create({ ...example, ref: 'main' });
      assert.equal(fromExample.status, 201);
      assert.equal(fromExample.json.payload, example.payload, 'a string payload is kept as sent');
      assert.equal(fromExample.json.description, example.description);
      const nulled = (await create({ ref: 'main', description: null, environment: 'staging' })).json;
      assert.equal(nulled.description, null);
      assert.equal(nulled.production_environment, false, 'only production defaults to a production environment');
      assertFitsSpec('/repos/{owner}/{repo}/deployments/{deployment_id}', 'get', await m.api(`${DEPLOYMENTS}/${nulled.id}`));
    });

    test('create: the ref may be a tag, refs/heads/..., refs/tags/..., a sha or its prefix', async () => {
      const tag = await setRef({ ref: 'v1.0.0' });
      const main = 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d';
      for (const [ref, sha] of [['v1.0.0', tag.sha], ['refs/tags/v1.0.0', tag.sha], ['refs/heads/main', main], [main, main], [main.slice(0, 7), main]]) {
        const res = await create({ ref });
        assert.equal(res.status, 201, ref);
        assert.equal(res.json.ref, ref, 'recorded as given');
        assert.equal(res.json.sha, sha, ref);
      }
    });

    test('create: a new environment name creates the environment; names are case-insensitive', async () => {
      const envs = async () => (await m.api('/repos/octo-org/hello-world/environments')).json;
      assert.deepEqual((await envs()).environments.map((e) => e.name), ['production', 'staging']);
      const d = (await create({ ref: 'main', environment: 'preview-pr-7', transient_environment: true })).json;
      const after = await envs();
      assert.equal(after.total_count, 3);
      const env = after.environments.find((e) => e.name === 'preview-pr-7');
      assert.equal(env.created_at, d.created_at);
      assert.equal((await create({ ref: 'main', environment: 'Staging' })).json.environment, 'staging');
      assert.equal((await envs()).total_count, 3);
    });

    test('create: a ref behind the default branch is auto-merged (202, nothing deployed), then deploys', async () => {
      const before = await setRef({ ref: 'topic-branch', behind: true });
      assert.deepEqual([before.behind, before.conflict, before.default_branch], [true, false, 'main']);
      const merged = await create({ ref: 'topic-branch', environment: 'staging' });
      assert.equal(merged.status, 202);
      assert.deepEqual(merged.json, { message: 'Auto-merged main into topic-branch on deployment.' });
      assertFitsSpec('/repos/{owner}/{repo}/deployments', 'post', merged);
      assert.equal(merged.headers.location, undefined);
      assert.deepEqual(await ids(), [43, 42]);
      assert.equal((await m.stats()).deployments_created, 0);
      const d = await create({ ref: 'topic-branch', environment: 'staging' });
      assert.equal(d.status, 201, 'up to date once merged');
      assert.match(d.json.sha, /^[0-9a-f]{40}$/);
      assert.notEqual(d.json.sha, before.sha, 'the merge commit');
      await setRef({ ref: 'topic-branch', behind: true });
      const asIs = await create({ ref: 'topic-branch', auto_merge: false });
      assert.equal(asIs.status, 201, 'auto_merge: false deploys the ref as it is');
      assert.equal(asIs.json.sha, d.json.sha);
      assert.equal((await create({ ref: 'main', auto_merge: true })).status, 201, 'the default branch is never behind');
    });

    test('create: 409 when merging the default branch conflicts; auto_merge: false deploys anyway', async () => {
      await setRef({ ref: 'topic-branch', behind: true, conflict: true });
      const res = await create({ ref: 'topic-branch' });
      assert.equal(res.status, 409);
      assert.deepEqual(res.json, { message: 'Conflict merging main into topic-branch.', documentation_url: `${PROBLEM_REF}#create-a-deployment`, status: '409' });
      assert.equal((await create({ ref: 'refs/heads/topic-branch' })).json.message, 'Conflict merging main into refs/heads/topic-branch.');
      assert.equal((await create({ ref: 'topic-branch', auto_merge: false })).status, 201);
      await setRef({ ref: 'trunk', default: true });
      assert.equal((await create({ ref: 'topic-branch' })).json.message, 'Conflict merging trunk into topic-branch.');
    });

    test('create: 409 when a status context of the commit is not a success, unless required_contexts leaves it out', async () => {
      await setRef({ ref: 'topic-branch', contexts: { 'ci/build': 'success', 'ci/test': 'failure', lint: 'pending' } });
      const res = await create({ ref: 'topic-branch' });
      assert.equal(res.status, 409);
      assert.deepEqual(res.json, {
        message: 'Conflict: Commit status checks failed for topic-branch.',
        errors: [{
          contexts: [{ context: 'ci/build', state: 'success' }, { context: 'ci/test', state: 'failure' }, { context: 'lint', state: 'pending' }],
          resource: 'Deployment', field: 'required_contexts', code: 'invalid',
        }],
        documentation_url: `${PROBLEM_REF}#create-a-deployment`,
        status: '409',
      });
      assert.equal((await create({ ref: 'topic-branch', required_contexts: ['ci/build', 'ci/test'] })).status, 409);
      const missing = await create({ ref: 'topic-branch', required_contexts: ['ci/build', 'security/scan'] });
      assert.equal(missing.status, 409, 'a required context never reported fails');
      assert.deepEqual(missing.json.errors[0].contexts.at(-1), { context: 'security/scan', state: 'pending' });
      assert.deepEqual(await ids(), [43, 42], 'nothing created');
      assert.equal((await create({ ref: 'topic-branch', required_contexts: ['ci/build'] })).status, 201);
      assert.equal((await create({ ref: 'topic-branch', required_contexts: [] })).status, 201, '[] skips the checks');
      await setRef({ ref: 'topic-branch', contexts: {} });
      assert.equal((await create({ ref: 'topic-branch' })).status, 201, 'a commit without contexts passes');
      assert.equal((await m.stats()).deployments_created, 3);
    });

    test('create: 422 for an unknown ref; 400 and 422 for bad bodies; 401 without a token', async () => {
      const doc = `${PROBLEM_REF}#create-a-deployment`;
      const err = (status, message, extra = {}) => ({ message, ...extra, documentation_url: doc, status: String(status) });
      const unknown = await create({ ref: 'nope' });
      assert.equal(unknown.status, 422);
      assert.deepEqual(unknown.json, err(422, 'No ref found for: nope'));
      assertFitsSpec('/repos/{owner}/{repo}/deployments', 'post', unknown);
      assert.equal((await create({ ref: 'deadbeef' })).json.message, 'No ref found for: deadbeef');
      assert.deepEqual((await create('{"ref":')).json, err(400, 'Problems parsing JSON'));
      assert.deepEqual((await create(['main'])).json, err(422, 'Invalid request.\n\n["main"] is not an object.'));
      assert.deepEqual((await create({ task: 'deploy' })).json, err(422, 'Invalid request.\n\n"ref" wasn\'t supplied.'));
      const typed = [
        [{ ref: 5 }, "For 'properties/ref', 5 is not a string."],
        [{ ref: 'main', auto_merge: 'yes' }, "For 'properties/auto_merge', \"yes\" is not a boolean."],
        [{ ref: 'main', required_contexts: 'ci' }, "For 'properties/required_contexts', \"ci\" is not an array of strings."],
        [{ ref: 'main', required_contexts: [1] }, "For 'properties/required_contexts', [1] is not an array of strings."],
        [{ ref: 'main', payload: 5 }, "For 'properties/payload', 5 is not an object or a string."],
        [{ ref: 'main', payload: [1] }, "For 'properties/payload', [1] is not an object or a string."],
        [{ ref: 'main', environment: null }, "For 'properties/environment', nil is not a string."],
        [{ ref: 'main', description: 5 }, "For 'properties/description', 5 is not a string or null."],
        [{ ref: 'main', transient_environment: 1 }, "For 'properties/transient_environment', 1 is not a boolean."],
        [{ ref: 'main', production_environment: 'no' }, "For 'properties/production_environment', \"no\" is not a boolean."],
      ];
      for (const [body, message] of typed) {
        const res = await create(body);
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.deepEqual(res.json, err(422, `Invalid request.\n\n${message}`), JSON.stringify(body));
        assertFitsSpec('/repos/{owner}/{repo}/deployments', 'post', res);
      }
      const blank = await create({ ref: 'main', environment: '' });
      assert.deepEqual(blank.json, err(422, 'Validation Failed', {
        errors: [{ resource: 'Deployment', code: 'custom', field: 'environment', message: "environment can't be blank" }],
      }));
      assertFitsSpec('/repos/{owner}/{repo}/deployments', 'post', blank);
      const anon = await m.api(DEPLOYMENTS, { method: 'POST', body: { ref: 'main' } });
      assert.deepEqual(anon.json, err(401, 'Requires authentication'));
      assert.equal((await create({ ref: 'main' }, { token: 'ghp_nope' })).status, 401);
      assert.equal((await create({ ref: 'main' }, { ua: null })).status, 403);
      assert.equal((await m.post('/repos/octo-org/nope/deployments', { ref: 'main' })).status, 404);
      assert.deepEqual(await ids(), [43, 42]);
      assert.equal((await m.stats()).deployments_created, 0);
    });

    test('delete: 204 with no body; gone from get, list and statuses; ids are not reused', async () => {
      const res = await m.api(`${DEPLOYMENTS}/43`, { method: 'DELETE', token: TOKEN });
      assert.equal(res.status, 204);
      assert.equal(res.text, '');
      assert.equal(res.headers['content-type'], undefined);
      assert.equal(res.headers['x-ratelimit-used'], '1');
      assertFitsSpec('/repos/{owner}/{repo}/deployments/{deployment_id}', 'delete', res);
      assert.equal((await m.api(`${DEPLOYMENTS}/43`)).status, 404);
      assert.equal((await m.api(`${DEPLOYMENTS}/43/statuses`)).status, 404);
      assert.deepEqual(await ids(), [42]);
      const again = await m.api(`${DEPLOYMENTS}/43`, { method: 'DELETE', token: TOKEN });
      assert.equal(again.status, 404);
      assert.deepEqual(again.json, { message: 'Not Found', documentation_url: `${PROBLEM_REF}#delete-a-deployment`, status: '404' });
      assertFitsSpec('/repos/{owner}/{repo}/deployments/{deployment_id}', 'delete', again);
      const { body: made } = await m.control('POST', 'deployments', { owner: 'octo-org', repo: 'hello-world' });
      assert.equal(made.id, 44);
      await m.api(`${DEPLOYMENTS}/44`, { method: 'DELETE', token: TOKEN });
      assert.equal((await create({ ref: 'main', environment: 'qa' })).json.id, 45);
      assert.equal((await m.api(`${DEPLOYMENTS}/42`, { method: 'DELETE' })).status, 401);
      assert.equal((await m.api('/repos/octo-org/secret-repo/deployments/7', { method: 'DELETE', token: TOKEN })).status, 204);
      assert.equal((await m.stats()).deployments_deleted, 3);
    });

    test('delete: 422 for an active deployment beside another in its environment; fine once inactive or alone', async () => {
      const alone = (await create({ ref: 'main', environment: 'qa' })).json;
      await m.post(`${DEPLOYMENTS}/${alone.id}/statuses`, { state: 'success' });
      const second = (await create({ ref: 'main' })).json;
      const refused = await m.api(`${DEPLOYMENTS}/42`, { method: 'DELETE', token: TOKEN });
      assert.equal(refused.status, 422);
      assert.deepEqual(refused.json, {
        message: 'Validation Failed',
        errors: ['We cannot delete an active deployment unless it is the only deployment in a given environment.'],
        documentation_url: `${PROBLEM_REF}#delete-a-deployment`,
        status: '422',
      });
      assertFitsSpec('/repos/{owner}/{repo}/deployments/{deployment_id}', 'delete', refused);
      assert.equal((await m.api(`${DEPLOYMENTS}/42`)).status, 200);
      assert.equal((await m.api(`${DEPLOYMENTS}/${alone.id}`, { method: 'DELETE', token: TOKEN })).status, 204, 'the only one of qa');
      assert.equal((await m.api(`${DEPLOYMENTS}/${second.id}`, { method: 'DELETE', token: TOKEN })).status, 204, 'no status: not active');
      const third = (await create({ ref: 'main' })).json;
      await m.post(STATUSES, { state: 'failure' });
      assert.equal((await m.api(`${DEPLOYMENTS}/42`, { method: 'DELETE', token: TOKEN })).status, 204, 'a later non-success status ends being active');
      assert.deepEqual(await ids(), [third.id, 43]);
    });

    test('environments: { total_count, environments } in name order, per the schema; paging and ETag', async () => {
      const p = '/repos/octo-org/hello-world/environments';
      const res = await m.api(p);
      assert.equal(res.status, 200);
      assertFitsSpec('/repos/{owner}/{repo}/environments', 'get', res);
      assert.deepEqual(Object.keys(res.json), ['total_count', 'environments']);
      assert.equal(res.json.total_count, 2);
      const [production, staging] = res.json.environments;
      for (const env of res.json.environments) {
        assert.deepEqual(Object.keys(env), ENVIRONMENT_KEYS);
        assert.equal(env.url, `${m.url}${p}/${env.name}`);
        assert.equal(env.html_url, `${m.url}/octo-org/hello-world/deployments/activity_log?environments_filter=${env.name}`);
        assert.equal(Buffer.from(env.node_id, 'base64').toString(), `011:Environment${env.id}`);
        assert.deepEqual(env.protection_rules, []);
        assert.equal(env.deployment_branch_policy, null);
      }
      assert.deepEqual([production.name, staging.name], ['production', 'staging']);
      assert.equal(production.created_at, (await m.api(`${DEPLOYMENTS}/42`)).json.created_at);
      for (const name of ['a', 'b', 'c']) await create({ ref: 'main', environment: `env-${name}` });
      const paged = await m.api(`${p}?per_page=2&page=2`);
      assert.equal(paged.json.total_count, 5);
      assert.deepEqual(paged.json.environments.map((e) => e.name), ['env-c', 'production']);
      const u = (n) => `${m.url}${p}?per_page=2&page=${n}`;
      assert.deepEqual(parseLink(paged.headers.link), [
        { url: u(1), rel: 'prev' }, { url: u(3), rel: 'next' }, { url: u(3), rel: 'last' }, { url: u(1), rel: 'first' }]);
      assert.deepEqual((await m.api(`${p}?per_page=2&page=4`)).json, { total_count: 5, environments: [] });
      const etag = paged.headers.etag;
      assert.equal((await m.api(`${p}?per_page=2&page=2`, { headers: { 'if-none-match': etag } })).status, 304);
      const missing = await m.api('/repos/octo-org/nope/environments');
      assert.deepEqual(missing.json, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/deployments/environments#list-environments', status: '404' });
      assert.equal((await m.api(p, { method: 'POST', token: TOKEN, body: {} })).status, 404);
    });

    test('GHES prefix /api/v3: urls and Link use the prefix', async () => {
      const res = await m.api(`/api/v3${DEPLOYMENTS}?per_page=1`);
      assert.equal(res.json[0].url, `${m.url}/api/v3${DEPLOYMENTS}/43`);
      assert.ok(parseLink(res.headers.link)[0].url.startsWith(`${m.url}/api/v3${DEPLOYMENTS}?per_page=1&page=`));
      const created = await create({ ref: 'main' }, {});
      const viaPrefix = await m.post(`/api/v3${DEPLOYMENTS}`, { ref: 'main' });
      assert.equal(viaPrefix.headers.location, `${m.url}/api/v3${DEPLOYMENTS}/${created.json.id + 1}`);
      const envs = await m.api('/api/v3/repos/octo-org/hello-world/environments');
      assert.equal(envs.json.environments[0].url, `${m.url}/api/v3/repos/octo-org/hello-world/environments/production`);
      assert.equal(envs.json.environments[0].html_url.startsWith(`${m.url}/octo-org/`), true);
    });

    test('faults aimed at an operation: reset after creating, 5xx, delay; POST statuses is not hit', async () => {
      const fault = (spec) => m.control('POST', 'faults', spec);
      assert.equal((await fault({ operation: 'createDeployment', reset: 'after' })).status, 201);
      assert.equal((await m.post(STATUSES, { state: 'queued' })).status, 201, 'another operation on a longer path');
      await assert.rejects(create({ ref: 'main', description: 'exactly once' }));
      const list = (await m.api(DEPLOYMENTS)).json;
      assert.equal(list[0].description, 'exactly once', 'created although unanswered');
      assert.equal((await m.stats()).deployments_created, 1);

      await fault({ operation: 'createDeployment', status: 502 });
      assert.equal((await create({ ref: 'main' })).status, 502);
      await fault({ operation: 'createDeployment', status: 500, apply: true });
      assert.equal((await create({ ref: 'main' })).status, 500);
      assert.equal((await m.stats()).deployments_created, 2, 'only the applied 500 created one');
      await fault({ operation: 'createDeployment', reset: 'before' });
      await assert.rejects(create({ ref: 'main' }));
      assert.equal((await m.stats()).deployments_created, 2);

      await fault({ operation: 'listDeployments', delay_ms: 300 });
      await fault({ operation: 'getAllEnvironments', status: 503, times: 2 });
      await fault({ operation: 'deleteDeployment', status: 500 });
      const t0 = Date.now();
      assert.equal((await m.api(`${DEPLOYMENTS}/42`)).status, 200, 'get is another operation');
      assert.equal((await m.api(DEPLOYMENTS)).status, 200);
      assert.ok(Date.now() - t0 >= 290);
      assert.equal((await m.api('/repos/octo-org/hello-world/environments')).status, 503);
      assert.equal((await m.api('/api/v3/repos/octo-org/hello-world/environments')).status, 503);
      assert.equal((await m.api('/repos/octo-org/hello-world/environments')).status, 200);
      assert.equal((await m.api(`${DEPLOYMENTS}/43`, { method: 'DELETE', token: TOKEN })).status, 500);
      assert.equal((await m.api(`${DEPLOYMENTS}/43`)).status, 200, 'not deleted');
      await fault({ method: 'POST', path: '/deployments?x', status: 500 });
      assert.equal((await m.post(`${DEPLOYMENTS}?x=1`, { ref: 'main' })).status, 500, 'path faults work as before');
      assert.deepEqual((await m.control('GET', 'faults')).body, []);
      assert.equal((await fault({ operation: 'createDeployments' })).status, 400);
      assert.match((await fault({ operation: 'nope' })).body.message, /^operation must be one of listDeployments, createDeployment/);
    });

    test('demo seed: a dashboard of five environments, weeks of deployments, older ones inactive', async () => {
      await m.control('POST', 'reset', { seed: 'demo' });
      const envs = (await m.api('/repos/octo-org/webshop/environments')).json;
      assert.deepEqual(envs.environments.map((e) => e.name), ['preview', 'preview-pr-134', 'production', 'qa', 'staging']);
      const production = envs.environments.find((e) => e.name === 'production');
      assert.deepEqual(production.protection_rules.map((r) => r.type), ['required_reviewers', 'wait_timer']);
      assert.equal(production.protection_rules[0].reviewers[0].reviewer.login, 'octocat');
      assert.deepEqual(production.deployment_branch_policy, { protected_branches: true, custom_branch_policies: false });
      const p = '/repos/octo-org/webshop/deployments';
      const latest = {};
      for (const env of envs.environments) {
        const deps = (await m.api(`${p}?environment=${env.name}&per_page=100`, { token: TOKEN })).json;
        const statuses = (await m.api(`${p}/${deps[0].id}/statuses?per_page=1`, { token: TOKEN })).json;
        latest[env.name] = { count: deps.length, id: deps[0].id, state: statuses[0]?.state, transient: deps[0].transient_environment };
        assert.ok(new Set(deps.map((d) => d.ref)).size >= 1);
      }
      assert.ok(latest.production.count > 30, 'production pages');
      assert.deepEqual(latest.production, { count: latest.production.count, id: 1010, state: 'failure', transient: false });
      assert.deepEqual(latest.qa, { count: latest.qa.count, id: 1013, state: 'in_progress', transient: false });
      assert.equal(latest['preview-pr-134'].transient, true);
      assert.equal(latest.staging.state, 'success');
      assert.ok(Object.values(latest).every((l) => l.count >= 1) && latest.staging.count > 3 && latest.qa.count > 3);
      const all = (await m.api(`${p}?per_page=100`, { token: TOKEN })).json;
      const days = new Set(all.map((d) => d.created_at.slice(0, 10)));
      assert.ok(days.size > 20, 'over weeks');
      assert.ok(new Set(all.map((d) => d.ref)).size > 20, 'many refs');
      assert.ok(all.some((d) => d.description === null) && all.some((d) => d.task === 'deploy:migrations'));
      const oldest = all.filter((d) => d.environment === 'production').at(-1);
      assert.equal((await m.api(`${p}/${oldest.id}/statuses?per_page=1`)).json[0].state, 'inactive', 'superseded long ago');
      for (const d of all.slice(0, 40)) assertFitsSpec('/repos/{owner}/{repo}/deployments/{deployment_id}', 'get', { status: 200, json: d, text: 'x' });
      assertFitsSpec('/repos/{owner}/{repo}/environments', 'get', { status: 200, json: envs, text: 'x' });
      // the refs the demo's create form can show GitHub's answers with
      const tryRef = (ref) => m.post(p, { ref, environment: 'preview-x' });
      assert.equal((await tryRef('feature/gift-cards')).status, 202);
      assert.equal((await tryRef('feature/search-filters')).status, 409);
      assert.equal((await tryRef('feature/dark-mode')).json.message, 'Conflict merging main into feature/dark-mode.');
      assert.equal((await tryRef('v2.15.0')).status, 201);
    });
  });

  describe('control API', () => {
    test('repos: a private repository hides from anonymous readers', async () => {
      const created = await m.control('POST', 'repos', { owner: 'acme', repo: 'vault', private: true });
      assert.equal(created.status, 201);
      const { body: dep } = await m.control('POST', 'deployments', { owner: 'acme', repo: 'vault', environment: 'qa', id: 9000 });
      assert.deepEqual(dep, { id: 9000, owner: 'acme', repo: 'vault', environment: 'qa' });
      assert.equal((await m.api('/repos/acme/vault/deployments/9000/statuses')).status, 404);
      assert.equal((await m.api('/repos/acme/vault/deployments/9000/statuses', { token: TOKEN })).status, 200);
      const s = (await m.post('/repos/acme/vault/deployments/9000/statuses', { state: 'queued' })).json;
      assert.equal(s.environment, 'qa');
      assert.equal((await m.control('POST', 'deployments', { owner: 'acme', repo: 'vault', id: 9000 })).status, 422);
      assert.equal((await m.control('POST', 'repos', { owner: 'acme' })).status, 400);
      assert.equal((await m.control('POST', 'nothing', {})).status, 404);
      assert.equal((await m.control('GET', 'reset')).status, 405);
    });

    test('refs: created (201) or changed (200) with their commit and checks; bad bodies are 400', async () => {
      const body = { owner: 'acme', repo: 'shop', ref: 'feature/x', behind: true, contexts: { 'ci/test': 'failure' } };
      const created = await m.control('POST', 'refs', body);
      assert.equal(created.status, 201);
      assert.match(created.body.sha, /^[0-9a-f]{40}$/);
      assert.deepEqual(created.body, { owner: 'acme', repo: 'shop', ref: 'feature/x', sha: created.body.sha, behind: true, conflict: false,
        contexts: { 'ci/test': 'failure' }, default_branch: 'main' });
      const again = await m.control('POST', 'refs', { owner: 'acme', repo: 'shop', ref: 'feature/x', conflict: true });
      assert.equal(again.status, 200);
      assert.deepEqual([again.body.sha, again.body.behind, again.body.conflict, again.body.contexts],
        [created.body.sha, true, true, { 'ci/test': 'failure' }], 'what is not given stays');
      const sha = 'b'.repeat(40);
      const moved = await m.control('POST', 'refs', { owner: 'acme', repo: 'shop', ref: 'feature/x', sha, behind: false, contexts: {} });
      assert.deepEqual([moved.body.sha, moved.body.behind, moved.body.contexts], [sha, false, {}]);
      const trunk = await m.control('POST', 'refs', { owner: 'acme', repo: 'shop', ref: 'trunk', default: true, behind: true });
      assert.deepEqual([trunk.body.default_branch, trunk.body.behind], ['trunk', false], 'the default branch is never behind');
      assert.equal((await m.post('/repos/acme/shop/deployments', { ref: sha.slice(0, 10) })).json.ref, sha.slice(0, 10));
      for (const bad of [{ ref: '' }, { ref: 'x', sha: 'abc' }, { ref: 'x', behind: 'yes' }, { ref: 'x', contexts: { a: 'ok' } },
        { ref: 'x', contexts: ['a'] }, { ref: 'x', default: false }]) {
        assert.equal((await m.control('POST', 'refs', { owner: 'acme', repo: 'shop', ...bad })).status, 400, JSON.stringify(bad));
      }
      assert.equal((await m.control('GET', 'refs')).status, 405);
    });

    test('deployments: repository created on demand, ids allocated', async () => {
      const { status, body } = await m.control('POST', 'deployments', { owner: 'new-org', repo: 'new-repo' });
      assert.equal(status, 201);
      assert.ok(body.id > 43);
      assert.equal(body.environment, 'production');
      const res = await m.api(`/repos/new-org/new-repo/deployments/${body.id}/statuses`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, []);
    });

    test('statuses: 100,000 in bulk, quickly; page 1000 of per_page=100 lists the oldest', async () => {
      const t0 = Date.now();
      const { status, body } = await m.control('POST', 'statuses', { owner: 'octo-org', repo: 'hello-world', deployment_id: 43, count: 100000 });
      assert.equal(status, 201);
      assert.equal(body.count, 100000);
      assert.equal(body.last_id - body.first_id, 99999);
      const p = '/repos/octo-org/hello-world/deployments/43/statuses';
      const page = await m.api(`${p}?per_page=100&page=1000`);
      assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
      assert.equal(page.status, 200);
      assert.equal(page.json.length, 100);
      assert.deepEqual(page.json.map((s) => s.id), Array.from({ length: 100 }, (_, i) => body.first_id + 99 - i));
      assert.deepEqual(parseLink(page.headers.link).map((l) => l.rel), ['prev', 'first']);
      for (const s of page.json) {
        assert.deepEqual(Object.keys(s), STATUS_KEYS);
        assert.equal(s.creator.login, 'octocat');
        assert.equal(s.environment, 'staging');
        assert.ok(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'].includes(s.state));
      }
      assert.ok(new Set(page.json.map((s) => s.state)).size >= 4, 'states cycle');
      const newest = await m.api(`${p}?per_page=100`);
      assert.equal(newest.json[0].id, body.last_id);
      assert.ok(Date.parse(newest.json[0].created_at) >= Date.parse(newest.json[99].created_at));
      assert.equal(parseLink(newest.headers.link).find((l) => l.rel === 'last').url, `${m.url}${p}?per_page=100&page=1000`);
      assert.deepEqual((await m.api(`${p}?per_page=100&page=1001`)).json, []);
      const one = await m.api(`${p}/${body.first_id + 12345}`);
      assert.equal(one.status, 200);
      assert.equal(one.json.id, body.first_id + 12345);
      const after = (await m.post(p, { state: 'success' })).json;
      assert.equal(after.id, body.last_id + 1);
    });

    test('statuses: a million cost nothing until listed; state can be fixed', async () => {
      const t0 = Date.now();
      const { body } = await m.control('POST', 'statuses', { owner: 'big', repo: 'repo', deployment_id: 77, count: 1000000, state: 'failure', environment: 'load' });
      const res = await m.api('/repos/big/repo/deployments/77/statuses?per_page=100&page=10000');
      assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
      assert.equal(res.json.length, 100);
      assert.equal(res.json[0].id, body.first_id + 99);
      assert.ok(res.json.every((s) => s.state === 'failure' && s.environment === 'load'));
      assert.equal((await m.control('POST', 'statuses', { owner: 'big', repo: 'repo', deployment_id: 77, count: -1 })).status, 400);
      assert.equal((await m.control('POST', 'statuses', { owner: 'big', repo: 'repo', deployment_id: 77, count: 1, state: 'bogus' })).status, 400);
    });

    test('requests: every API request, oldest first, full headers and body; DELETE clears', async () => {
      await m.api(STATUSES, { token: TOKEN, headers: { 'X-Custom-Thing': 'yes' } });
      await m.post(`/api/v3${STATUSES}?x=1`, { state: 'queued' }, { headers: { origin: 'http://app.example' } });
      await m.control('GET', 'stats');
      const log = (await m.control('GET', 'requests')).body;
      assert.equal(log.length, 2, 'control requests are not logged');
      assert.deepEqual(Object.keys(log[0]).sort(), ['body', 'headers', 'method', 'origin_header', 'path']);
      assert.equal(log[0].method, 'GET');
      assert.equal(log[0].path, STATUSES);
      assert.equal(log[0].headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(log[0].headers['x-custom-thing'], 'yes');
      assert.equal(log[0].headers['user-agent'], UA);
      assert.equal(log[0].origin_header, null);
      assert.equal(log[1].method, 'POST');
      assert.equal(log[1].path, `/api/v3${STATUSES}?x=1`);
      assert.deepEqual(JSON.parse(log[1].body), { state: 'queued' });
      assert.equal(log[1].origin_header, 'http://app.example');
      assert.equal((await m.control('DELETE', 'requests')).status, 200);
      assert.deepEqual((await m.control('GET', 'requests')).body, []);
    });

    test('stats and reset', async () => {
      await m.api(STATUSES);
      await m.post(STATUSES, { state: 'queued' });
      const etag = (await m.api(STATUSES)).headers.etag;
      await m.api(STATUSES, { headers: { 'if-none-match': etag } });
      assert.deepEqual(await m.stats(), { requests: 4, rate_limited: 3, not_modified: 1, created: 1, deployments_created: 0, deployments_deleted: 0 });
      assert.equal((await m.control('POST', 'reset', { seed: 'nope' })).status, 400);
      assert.deepEqual((await m.control('POST', 'reset', {})).body, { ok: true, seed: 'test' });
      assert.deepEqual(await m.stats(), { requests: 0, rate_limited: 0, not_modified: 0, created: 0, deployments_created: 0, deployments_deleted: 0 });
      assert.equal((await m.api(STATUSES)).json.length, 3);
      assert.deepEqual((await m.control('GET', 'requests')).body.length, 1);
    });

    test('root: a small JSON index', async () => {
      const res = await m.api('/', { headers: { accept: 'text/html' } });
      assert.equal(res.status, 200);
      assert.equal(res.json.repository_url, `${m.url}/repos/{owner}/{repo}`);
    });
  });
});

describe('shutdown', () => {
  test('close() is prompt with a hung request in flight', async () => {
    const m = await mockFixture();
    await m.control('POST', 'faults', { delay_ms: 1e12 });
    const pending = m.api(STATUSES);
    pending.catch(() => {});
    await waitFor(async () => (await m.stats()).requests === 1);
    const t0 = Date.now();
    await m.close();
    assert.ok(Date.now() - t0 < 1000, `close took ${Date.now() - t0} ms`);
    await assert.rejects(pending);
  });
});

describe('static files', () => {
  let m;
  let dir;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-static-'));
    const www = path.join(dir, 'www');
    const pkg = path.join(dir, 'pkg');
    fs.mkdirSync(path.join(www, 'sub'), { recursive: true });
    fs.mkdirSync(pkg);
    const files = {
      'www/index.html': '<!doctype html><title>demo</title>',
      'www/app.js': 'export const x = 1;',
      'www/mod.mjs': 'export default 1;',
      'www/style.css': 'body{}',
      'www/data.json': '{"a":1}',
      'www/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'www/img.png': '\x89PNG',
      'www/sub/index.html': 'sub',
      'pkg/index.d.ts': 'export declare const x: number;',
      'pkg/lib_bg.wasm': '\0asm\x01\0\0\0',
      'secret.txt': 'TOP SECRET',
    };
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    m = await mockFixture({ staticRoots: [www, pkg] });
  });
  after(async () => {
    await m.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('serves files with their MIME types and no-store', async () => {
    const expect = {
      '/www/': 'text/html; charset=utf-8',
      '/www/index.html': 'text/html; charset=utf-8',
      '/www/app.js': 'text/javascript; charset=utf-8',
      '/www/mod.mjs': 'text/javascript; charset=utf-8',
      '/www/style.css': 'text/css; charset=utf-8',
      '/www/data.json': 'application/json; charset=utf-8',
      '/www/icon.svg': 'image/svg+xml',
      '/www/img.png': 'image/png',
      '/pkg/lib_bg.wasm': 'application/wasm',
      '/pkg/index.d.ts': 'application/typescript; charset=utf-8',
    };
    for (const [p, type] of Object.entries(expect)) {
      const res = await m.call(p);
      assert.equal(res.status, 200, p);
      assert.equal(res.headers['content-type'], type, p);
      assert.equal(res.headers['cache-control'], 'no-store', p);
    }
    assert.equal((await m.call('/www/')).text, '<!doctype html><title>demo</title>');
    assert.equal((await m.call('/www/sub/')).text, 'sub');
    const redirect = await m.call('/www/sub');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, '/www/sub/');
    const head = await m.call('/www/app.js', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.equal(head.headers['content-length'], '19');
    assert.equal((await m.call('/www/app.js', { method: 'POST' })).status, 405);
    assert.equal((await m.call('/www/missing.js')).status, 404);
    assert.equal((await m.control('GET', 'requests')).body.length, 0, 'static requests are not API requests');
  });

  test('refuses symbolic links that lead out of the directory', async () => {
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'www', 'link.txt'));
    fs.symlinkSync(dir, path.join(dir, 'www', 'up'));
    for (const p of ['/www/link.txt', '/www/up/secret.txt']) {
      const res = await m.call(p);
      assert.equal(res.status, 404, p);
      assert.ok(!res.text.includes('TOP SECRET'), p);
    }
  });

  test('refuses path traversal', async () => {
    for (const p of ['/www/../secret.txt', '/www/%2e%2e/secret.txt', '/www/..%2fsecret.txt', '/www/%2e%2e%2fsecret.txt',
      '/www/sub/../../secret.txt', '/www/..%5csecret.txt', '/pkg/%2E%2E/secret.txt', '/www/%00']) {
      const res = await m.call(p);
      assert.notEqual(res.status, 200, p);
      assert.ok(!res.text.includes('TOP SECRET'), p);
    }
  });

  test('GET / redirects browsers to /www/; API clients get the JSON index', async () => {
    const browser = await m.call('/', { headers: { accept: 'text/html,application/xhtml+xml', 'user-agent': UA } });
    assert.equal(browser.status, 302);
    assert.equal(browser.headers.location, '/www/');
    const client = await m.call('/', { headers: { accept: 'application/vnd.github+json', 'user-agent': UA } });
    assert.equal(client.status, 200);
    assert.ok(client.json.current_user_url);
  });
});
