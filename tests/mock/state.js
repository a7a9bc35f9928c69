// The mock's data: repositories, deployments and their statuses.
//
// Status ids are global and increasing. A deployment keeps its statuses oldest first in
// "segments": a list segment holds ordinary records; a bulk segment (from the control API)
// stands for `count` statuses with consecutive ids and builds each record only when it
// is read, so 100,000 or 1,000,000 statuses cost nothing until a page of them is listed.

import { HttpFailure } from './http.js';

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
  constructor(id, repo, environment, createdAt) {
    this.id = id;
    this.repo = repo;
    this.environment = environment;
    this.createdAt = createdAt;
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
  }

  static key(owner, name) {
    return `${owner.toLowerCase()}/${name.toLowerCase()}`;
  }

  /** Owner and repository names are case-insensitive, as on GitHub. */
  findRepo(owner, name) {
    return this.repos.get(State.key(owner, name));
  }

  addRepo(owner, name, isPrivate = false) {
    const existing = this.findRepo(owner, name);
    if (existing) {
      existing.private = Boolean(isPrivate);
      return { repo: existing, created: false };
    }
    const repo = { owner, name, private: Boolean(isPrivate), deployments: [] };
    this.repos.set(State.key(owner, name), repo);
    return { repo, created: true };
  }

  addDeployment(owner, name, { id, environment = 'production', createdAt } = {}) {
    const repo = this.findRepo(owner, name) ?? this.addRepo(owner, name, false).repo;
    let depId = id;
    if (depId === undefined) {
      depId = 1;
      for (const k of this.deployments.keys()) if (k >= depId) depId = k + 1;
    }
    if (this.deployments.has(depId)) throw new HttpFailure(422, `deployment ${depId} already exists`);
    const dep = new Deployment(depId, repo, environment, createdAt ?? Math.floor(Date.now() / 1000));
    this.deployments.set(depId, dep);
    repo.deployments.push(dep);
    return dep;
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
    return { firstId: seg.firstId, lastId: seg.firstId + count - 1 };
  }
}
