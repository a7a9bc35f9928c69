// Keeps a repository's environments current: client.overview every few seconds while the page
// is visible. Hiding the page or opening another repository aborts the request in flight (one
// AbortController per run). The indicator says when the overview last changed.

const TICK_MS = 1000;
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

/** "now", "5 sec. ago", "3 min. ago". */
function ago(since) {
  const seconds = Math.max(0, Math.round((Date.now() - since) / 1000));
  return seconds < 90 ? relative.format(-seconds, 'second') : relative.format(-Math.round(seconds / 60), 'minute');
}

/** What a refresh compares: each environment's latest deployment and latest status. */
const fingerprint = (list) => JSON.stringify(list.map(({ environment, deployment, status }) =>
  [environment.name, deployment?.id, deployment?.updated_at, status?.id, status?.state]));

export class Overview {
  /**
   * `session`: runs calls with the client. `indicator`: an element for the refresh state.
   * `onData(list, { changed, first })` after each answer; `onError(error, { first })` after a
   * failure (a failed first load stops the refreshing; later failures are retried).
   */
  constructor({ session, indicator, intervalMs, onData, onError }) {
    Object.assign(this, { session, indicator, intervalMs, onData, onError });
    this.repo = null;
    this.controller = null;
    this.timer = null;
    this.runs = 0;
    document.addEventListener('visibilitychange', () => {
      if (!this.repo) return;
      if (document.visibilityState === 'hidden') {
        this.halt();
        this.show('paused', 'Paused while the page is hidden');
      } else {
        this.refresh();
      }
    });
    setInterval(() => this.tick(), TICK_MS);
  }

  /** Shows `repo` ({ owner, repo }) from now on: loads it at once, then refreshes. */
  open(repo) {
    this.halt();
    this.repo = repo;
    this.last = null; // { fingerprint, changedAt, checkedAt }
    this.show('loading', 'Loading…');
    return this.refresh();
  }

  /** Stops for good (until the next open). */
  close() {
    this.halt();
    this.repo = null;
    this.show('idle', 'Not loaded yet');
  }

  /** Refreshes now (e.g. after creating a deployment), then keeps the usual pace. */
  refresh() {
    this.halt();
    if (!this.repo || document.visibilityState === 'hidden') return Promise.resolve(false);
    return this.run(this.repo);
  }

  halt() {
    clearTimeout(this.timer);
    this.timer = null;
    this.controller?.abort();
    this.controller = null;
  }

  async run(repo) {
    const controller = new AbortController();
    this.controller = controller;
    const first = this.last === null;
    try {
      const list = await this.session.use((client) => client.overview(repo, { signal: controller.signal }));
      if (this.controller !== controller) return false;
      const now = Date.now();
      const print = fingerprint(list);
      const changed = first || print !== this.last.fingerprint;
      this.last = { fingerprint: print, changedAt: changed ? now : this.last.changedAt, checkedAt: now };
      this.runs += 1;
      this.indicator.dataset.refreshes = String(this.runs);
      this.indicator.dataset.changed = String(changed);
      this.show('live');
      this.onData(list, { changed, first });
      return true;
    } catch (error) {
      if (this.controller !== controller) return false;
      this.onError(error, { first });
      if (first) {
        this.repo = null;
        this.show('stopped', 'Not refreshing: see the error above');
        return false;
      }
      const what = [error?.name ?? 'Error', error?.status].filter(Boolean).join(' ');
      this.show('retrying', `Refresh failed (${what}); retrying`);
      return false;
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        if (this.repo) this.timer = setTimeout(() => this.refresh(), this.intervalMs);
      }
    }
  }

  show(state, label) {
    this.indicator.dataset.state = state;
    if (label !== undefined) this.indicator.textContent = label;
    else this.tick();
  }

  /** Keeps "Updated 5 sec. ago" current. */
  tick() {
    if (this.indicator.dataset.state !== 'live' || !this.last) return;
    const { changedAt, checkedAt } = this.last;
    this.indicator.textContent = this.indicator.dataset.changed === 'true'
      ? `Updated ${ago(changedAt)}` : `Unchanged · checked ${ago(checkedAt)}, last change ${ago(changedAt)}`;
  }
}
