// What every GitHub operation answers alike: error bodies and the paging of lists.

import { JSON_TYPE, jsonResponse } from './http.js';

export function ghError(status, message, documentationUrl, extra = {}) {
  return jsonResponse(status, { message, ...extra, documentation_url: documentationUrl, status: String(status) });
}

export const notFound = (doc = 'https://docs.github.com/rest') => ghError(404, 'Not Found', doc);

/** Parses a JSON body that must be an object: returns { input } or { error: response }. */
export function parseBody(buffer, doc) {
  let input;
  try {
    input = JSON.parse(buffer.toString('utf8'));
  } catch {
    return { error: ghError(400, 'Problems parsing JSON', doc) };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { error: ghError(422, `Invalid request.\n\n${JSON.stringify(input)} is not an object.`, doc) };
  }
  return { input };
}

/** GitHub's 422 for a body field of the wrong type; `type` as its message names it. */
export function invalidRequest(doc, key, value, type) {
  const shown = value === null ? 'nil' : JSON.stringify(value);
  return ghError(422, `Invalid request.\n\nFor 'properties/${key}', ${shown} is not ${type}.`, doc);
}

/** per_page (default 30, at most 100) and page (default 1), parsed leniently as GitHub does. */
export function pageParams(query) {
  const int = (v) => (v !== null && /^\d+$/.test(v) ? Number(v) : NaN);
  let perPage = int(query.get('per_page'));
  if (!(perPage >= 1)) perPage = 30;
  perPage = Math.min(perPage, 100);
  let page = int(query.get('page'));
  if (!(page >= 1) || !Number.isSafeInteger(page)) page = 1;
  return { perPage, page };
}

/** GitHub's Link header: prev, next, last, first, as they apply; none for a single page. */
function linkHeader(pageUrl, page, perPage, total) {
  const last = Math.ceil(total / perPage);
  if (last <= 1) return undefined;
  const rel = (n, name) => `<${pageUrl(n)}>; rel="${name}"`;
  const parts = [];
  if (page > 1) parts.push(rel(page - 1, 'prev'));
  if (page < last) parts.push(rel(page + 1, 'next'), rel(last, 'last'));
  if (page > 1) parts.push(rel(1, 'first'));
  return parts.join(', ');
}

/**
 * The headers of a list's page: JSON, and the Link header of `total` items paged by
 * `paging` ({ page, perPage }), keeping the query parameters named in `keep` (its filters).
 */
export function pageHeaders(ctx, paging, total, keep = []) {
  const kept = new URLSearchParams(keep.filter((k) => ctx.query.has(k)).map((k) => [k, ctx.query.get(k)])).toString();
  const prefix = kept ? `${kept}&` : '';
  const pageUrl = (n) => `${ctx.base}${ctx.rawPath}?${prefix}per_page=${paging.perPage}&page=${n}`;
  const link = linkHeader(pageUrl, paging.page, paging.perPage, total);
  return { 'content-type': JSON_TYPE, ...(link ? { link } : {}) };
}

/** A 200 with one page of `items` (all of them, in order): `render(pageItems)` gives the body. */
export function pagedList(ctx, items, render, keep = []) {
  const paging = pageParams(ctx.query);
  const skip = (paging.page - 1) * paging.perPage;
  const body = JSON.stringify(render(items.slice(skip, skip + paging.perPage)));
  return { status: 200, headers: pageHeaders(ctx, paging, items.length, keep), body };
}
