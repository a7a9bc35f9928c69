// The mock's data: repositories (their refs, commit status contexts and environments),
// deployments and their statuses.
//
// Status ids are global and increasing. A deployment keeps its statuses oldest first in
// "segments": a list segment holds ordinary records; a bulk segment (from the control API)
// stands for `count` statuses with consecutive ids and builds each record only when it
// is read, so 100,000 or 1,000,000 statuses cost nothing until a page of them is listed.

import { createHash } from 'node:crypto';

import { HttpFailure } from './http.js';

export const DEFAULT_BRANCH = 'main';

/** A made-up commit sha, the same for the same text. */
export function commitSha(text) {
  return createHash('sha1').update(text).digest('hex');
}

/** States bulk statuses cycle through, with what a CI system would say for each. */
const BULK_CYCLE = [
  ['queued', 'Waiting for a runner'],
  ['in_progress', 'Deploying'],
  ['success', 'Deployment finished successfully'],
  ['queued', 'Waiting for a runner'],
  ['in_progress', 'Deploying'],
  ['failure', 'Smoke tests failed'],
  ['pending', 'Waiting for approval'],
  ['in_progress', 'Deploying'],
  ['error', 'Deploy script exited with code 1'],
  ['queued', 'Waiting for a runner'],
  ['success', 'Deployment finished successfully'],
  ['inactive', ''],
];

class Deployment {
  /** fields: what POST /deployments records (environment is the original environment). */
  constructor(id, repo, fields) {
    this.id = id;
    this.repo = repo;
    Object.assign(this, fields);
    this.segments = [];
    this.total = 0;
  }

  /** The environment of the latest status, else the deployment's own. */
  get currentEnvironment() {
    const latest = this.latest();
    return latest ? latest.environment : this.environment;
  }

  append(rec) {
    const last = this.segments[this.segments.length - 1];
    if (last && last.kind === 'list') last.records.push(rec);
    else this.segments.push({ kind: 'list', firstId: rec.id, records: [rec] });
    this.total += 1;
  }

  appendBulk(segment) {
    this.segments.push(segment);
    this.total += segment.count;
  }

  /** The record at `index`, 0 being the oldest. */
  at(index) {
    if (index < 0 || index >= this.total) return undefined;
    let offset = index;
    for (const seg of this.segments) {
      const size = seg.kind === 'list' ? seg.records.length : seg.count;
      if (offset < size) return seg.kind === 'list' ? seg.records[offset] : bulkRecord(seg, offset);
      offset -= size;
    }
    return undefined;
  }

  latest() {
    return this.at(this.total - 1);
  }

  /** The time of the latest status, else of the creation. */
  get updatedAt() {
    return this.latest()?.createdAt ?? this.createdAt;
  }

  /** Whether it is what its environment runs now: its latest status is a success. */
  get active() {
    return this.latest()?.state === 'success';
  }

  findStatus(id) {
    for (const seg of this.segments) {
      if (seg.kind === 'bulk') {
        if (id >= seg.firstId && id < seg.firstId + seg.count) return bulkRecord(seg, id - seg.firstId);
      } else if (id >= seg.firstId) {
        const rec = binarySearch(seg.records, id);
        if (rec) return rec;
      }
    }
    return undefined;
  }

  /** `count` records starting `skip` records from the newest, newest first. */
  newestFirst(skip, count) {
    const out = [];
    for (let i = 0; i < count; i += 1) {
      const rec = this.at(this.total - 1 - skip - i);
      if (!rec) break;
      out.push(rec);
    }
    return out;
  }
}

function binarySearch(records, id) {
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = records[mid].id;
    if (v === id) return records[mid];
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

function bulkRecord(seg, k) {
  const id = seg.firstId + k;
  let state = seg.state;
  let description;
  if (state) {
    description = `Bulk status ${k + 1} of ${seg.count}`;
  } else {
    const [s, text] = BULK_CYCLE[k % BULK_CYCLE.length];
    state = s;
    description = text === '' ? '' : `${text} (run ${k + 1})`;
  }
  const url = state === 'inactive' ? '' : `https://ci.example.com/${seg.repoSlug}/runs/${id}`;
  return {
    id,
    state,
    description,
    environment: seg.environment,
    targetUrl: url,
    logUrl: url,
    environmentUrl: '',
    createdAt: seg.createdBase + k,
    creator: seg.creator,
  };
}

export class State {
  constructor() {
    this.repos = new Map();
    this.deployments = new Map();
    this.nextStatusId = 1;
    this.lastDeploymentId = 0;
    this.nextEnvironmentId = 1;
    this.nextRuleId = 1;
  }

  static key(owner, name) {
    return `${owner.toLowerCase()}/${name.toLowerCase()}`;
  }

  /** Owner and repository names are case-insensitive, as on GitHub. */
  findRepo(owner, name) {
    return this.repos.get(State.key(owner, name));
  }

  /** A new repository has one branch, the default one, whose commit has no status contexts. */
  addRepo(owner, name, isPrivate = false) {
    const existing = this.findRepo(owner, name);
    if (existing) {
      existing.private = Boolean(isPrivate);
      return { repo: existing, created: false };
    }
    const repo = {
      owner,
      name,
      private: Boolean(isPrivate),
      deployments: [],
      defaultBranch: DEFAULT_BRANCH,
      refs: new Map(),
      commits: new Map(),
      environments: new Map(),
    };
    this.repos.set(State.key(owner, name), repo);
    this.setRef(repo, DEFAULT_BRANCH);
    return { repo, created: true };
  }

  /**
   * Creates or changes a ref (a branch or tag name). A new ref gets a made-up sha unless
   * given one. `behind`: the default branch has commits the ref lacks; `conflict`: merging
   * them would conflict; `contexts` ({ context: state }) replace its commit's status contexts;
   * `isDefault` makes it the default branch. Returns the ref record.
   */
  setRef(repo, name, { sha, behind, conflict, contexts, isDefault } = {}) {
    const ref = repo.refs.get(name) ?? { name, behind: false, conflict: false };
    ref.sha = sha ?? ref.sha ?? commitSha(`${repo.owner}/${repo.name}:${name}`);
    if (behind !== undefined) ref.behind = behind;
    if (conflict !== undefined) ref.conflict = conflict;
    repo.refs.set(name, ref);
    const commit = this.commit(repo, ref.sha);
    if (contexts) commit.contexts = new Map(Object.entries(contexts));
    if (isDefault) repo.defaultBranch = name;
    if (name === repo.defaultBranch) ref.behind = false;
    return ref;
  }

  /** The commit `sha` of the repository: { sha, contexts }, added if new. */
  commit(repo, sha) {
    let commit = repo.commits.get(sha);
    if (!commit) {
      commit = { sha, contexts: new Map() };
      repo.commits.set(sha, commit);
    }
    return commit;
  }

  /**
   * What `ref` names, as GitHub reads it: a branch or tag (also as refs/heads/... or
   * refs/tags/...), or a known commit's sha or its prefix of 7 or more. Returns
   * { ref (the ref record, for names), sha } or undefined.
   */
  resolveRef(repo, name) {
    const short = name.replace(/^refs\/(?:heads|tags)\//, '');
    const ref = repo.refs.get(short);
    if (ref) return { ref, sha: ref.sha };
    if (/^[0-9a-f]{7,40}$/.test(name)) {
      for (const sha of repo.commits.keys()) if (sha.startsWith(name)) return { ref: null, sha };
    }
    return undefined;
  }

  /** GitHub merges the default branch into a ref that is behind it: a new commit, no longer behind. */
  mergeDefaultBranch(repo, ref) {
    this.setRef(repo, ref.name, { sha: commitSha(`merge ${repo.defaultBranch} into ${ref.name} at ${ref.sha}`), behind: false });
  }

  /** The environment `name` (case-insensitive, as on GitHub), created at `at` if new. */
  environment(repo, name, at) {
    const key = name.toLowerCase();
    let env = repo.environments.get(key);
    if (!env) {
      env = { id: this.nextEnvironmentId++, name, createdAt: at, updatedAt: at, protectionRules: [], branchPolicy: null };
      repo.environments.set(key, env);
    }
    return env;
  }

  /** Adds a protection rule to an environment: { type, waitTimer? , reviewers? (user ids) }. */
  addProtectionRule(env, rule) {
    env.protectionRules.push({ id: this.nextRuleId++, ...rule });
  }

  /**
   * Adds a deployment (ids are never reused); the repository and the environment are
   * created if new. Fields default as POST /deployments defaults them; the ref defaults to
   * the default branch, the sha to the ref's.
   */
  addDeployment(owner, name, {
    id, environment = 'production', createdAt = Math.floor(Date.now() / 1000), ref, sha, task = 'deploy',
    payload = {}, description = '', creator = 1, transient = false, production = environment === 'production',
  } = {}) {
    const repo = this.findRepo(owner, name) ?? this.addRepo(owner, name, false).repo;
    const depId = id ?? this.lastDeploymentId + 1;
    if (this.deployments.has(depId)) throw new HttpFailure(422, `deployment ${depId} already exists`);
    const refName = ref ?? repo.defaultBranch;
    const commit = this.commit(repo, sha ?? this.resolveRef(repo, refName)?.sha ?? commitSha(`${owner}/${name}:${refName}`));
    const env = this.environment(repo, environment, createdAt);
    const dep = new Deployment(depId, repo, {
      environment: env.name, createdAt, ref: refName, sha: commit.sha, task, payload, description, creator, transient, production,
    });
    this.deployments.set(depId, dep);
    this.lastDeploymentId = Math.max(this.lastDeploymentId, depId);
    repo.deployments.push(dep);
    return dep;
  }

  deleteDeployment(dep) {
    this.deployments.delete(dep.id);
    dep.repo.deployments.splice(dep.repo.deployments.indexOf(dep), 1);
  }

  findDeployment(repo, id) {
    const dep = this.deployments.get(id);
    return dep && dep.repo === repo ? dep : undefined;
  }

  /**
   * Creates a status the way POST .../statuses does (input already validated).
   * Returns { status, inactivated } where inactivated are the auto_inactive statuses.
   */
  createStatus(dep, input, { creator, createdAt, autoInactive = true }) {
    const logUrl = input.log_url ?? '';
    const status = {
      id: this.nextStatusId++,
      state: input.state,
      description: input.description ?? '',
      environment: input.environment ?? dep.currentEnvironment,
      targetUrl: input.target_url ?? logUrl,
      logUrl,
      environmentUrl: input.environment_url ?? '',
      createdAt,
      creator,
    };
    dep.append(status);
    if (status.environment !== '') this.environment(dep.repo, status.environment, createdAt);
    const inactivated = [];
    if (status.state === 'success' && autoInactive) {
      for (const other of [...dep.repo.deployments].sort((a, b) => a.id - b.id)) {
        if (other.id >= dep.id || other.total === 0) continue;
        if (other.currentEnvironment !== status.environment) continue;
        // GitHub: an inactive status is only added to deployments whose latest state is success.
        if (other.latest().state !== 'success') continue;
        const rec = {
          id: this.nextStatusId++,
          state: 'inactive',
          description: '',
          environment: other.currentEnvironment,
          targetUrl: '',
          logUrl: '',
          environmentUrl: '',
          createdAt,
          creator,
        };
        other.append(rec);
        inactivated.push(rec);
      }
    }
    return { status, inactivated };
  }

  /** Appends `count` lazily built statuses, the newest created `now`. */
  addBulk(dep, count, { state, environment, creator, now }) {
    if (count === 0) return { firstId: null, lastId: null };
    const seg = {
      kind: 'bulk',
      firstId: this.nextStatusId,
      count,
      state: state ?? null,
      environment: environment ?? dep.currentEnvironment,
      createdBase: now - count + 1,
      creator,
      repoSlug: `${encodeURIComponent(dep.repo.owner)}/${encodeURIComponent(dep.repo.name)}`,
    };
    this.nextStatusId += count;
    dep.appendBulk(seg);
    this.environment(dep.repo, seg.environment, now);
    return { firstId: seg.firstId, lastId: seg.firstId + count - 1 };
  }
}
