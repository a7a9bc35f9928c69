// Primary rate limit bookkeeping: one window of an hour per key (a user's login, or
// "anonymous"), opened by the key's first counted request, like GitHub's "core" resource.

export const WINDOW_SECONDS = 3600;
export const LIMIT_AUTHENTICATED = 5000;
export const LIMIT_ANONYMOUS = 60;

export class RateLimiter {
  constructor() {
    this.windows = new Map();
  }

  reset() {
    this.windows.clear();
  }

  window(key, nowSec) {
    let w = this.windows.get(key);
    if (!w || nowSec >= w.reset) {
      w = { used: 0, reset: nowSec + WINDOW_SECONDS };
      this.windows.set(key, w);
    }
    return w;
  }

  /** The current numbers without counting a request. */
  peek(key, limit, nowSec) {
    const w = this.window(key, nowSec);
    return { limit, used: w.used, remaining: Math.max(0, limit - w.used), reset: w.reset };
  }

  exhausted(key, limit, nowSec) {
    return this.window(key, nowSec).used >= limit;
  }

  /** Counts one request. */
  take(key, limit, nowSec) {
    this.window(key, nowSec).used += 1;
    return this.peek(key, limit, nowSec);
  }
}

export function rateLimitHeaders(info) {
  return {
    'x-ratelimit-limit': String(info.limit),
    'x-ratelimit-remaining': String(info.remaining),
    'x-ratelimit-reset': String(info.reset),
    'x-ratelimit-used': String(info.used),
    'x-ratelimit-resource': 'core',
  };
}
