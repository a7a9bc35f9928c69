// Small helpers with no knowledge of the page: DOM building, Link headers, URLs, times.

/**
 * Builds an element. `props`: `class`, `text` (textContent), `dataset` (object), and any
 * other key as an attribute (`true` sets it empty, `false`/`null`/`undefined` skips it).
 * Children are nodes or strings (added as text nodes, never parsed as HTML).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * Parses an RFC 8288 `Link` header as GitHub sends it:
 * `<url>; rel="next", <url>; rel="last"` -> { next: url, last: url }.
 */
export function parseLinkHeader(header) {
  const links = {};
  if (!header) return links;
  const entry = /<([^>]*)>((?:\s*;\s*[^;,]+)*)/g;
  for (const match of header.matchAll(entry)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2]);
    if (!rel) continue;
    for (const name of (rel[1] ?? rel[2]).toLowerCase().split(/\s+/)) {
      if (name && !(name in links)) links[name] = match[1];
    }
  }
  return links;
}

/** The `page` query parameter of a link URL (GitHub omits it for page 1), or null. */
export function pageOf(url) {
  if (!url) return null;
  try {
    const raw = new URL(url, location.href).searchParams.get('page');
    if (raw === null) return 1;
    const page = Number(raw);
    return Number.isSafeInteger(page) && page >= 1 ? page : null;
  } catch {
    return null;
  }
}

/** `value` as an href if it is an absolute http(s) URL, else null (no javascript: links from the network). */
export function safeHref(value) {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const shortTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** An ISO 8601 timestamp in the reader's local time zone. */
export function localDateTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateTime.format(date);
}

/** The same, split for two lines: [date, time] (or [the input, ""] if it is no date). */
export function localDateAndTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? [String(iso), ''] : [dateOnly.format(date), shortTime.format(date)];
}

/** A rate-limit reset (epoch seconds) as "14:05:09 (in 42 minutes)". */
export function resetTime(epochSeconds) {
  const date = new Date(epochSeconds * 1000);
  if (Number.isNaN(date.getTime())) return 'unknown';
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const [amount, unit] = Math.abs(seconds) < 90 ? [seconds, 'second']
    : Math.abs(seconds) < 90 * 60 ? [Math.round(seconds / 60), 'minute']
      : [Math.round(seconds / 3600), 'hour'];
  return `${timeOnly.format(date)} (${relative.format(amount, unit)})`;
}

/** "1 status", "2 statuses", "3 deployments". */
export const plural = (n, word) => `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;

/** "page 2 of 4", or "page 2" when the last page is not known (null). */
export const pageSummary = ({ page, last }) => (last === null ? `page ${page}` : `page ${page} of ${last}`);

/** Number of Unicode code points, the way GitHub counts a description. */
export function codePoints(text) {
  return [...text].length;
}

/** Runs `render` (which rebuilds `container`) and puts focus back on the element with the same `data-focus-key`. */
export function keepingFocus(container, render) {
  const active = document.activeElement;
  const key = container.contains(active) ? active.dataset?.focusKey : undefined;
  render();
  if (key && !container.contains(active)) container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
}
