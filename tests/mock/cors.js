// CORS exactly as api.github.com answers it (see DESIGN.md), and the permissive CORS of
// the mock's own control API.

export const ALLOW_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

export const ALLOW_HEADERS = [
  'Authorization', 'Content-Type', 'If-Match', 'If-Modified-Since', 'If-None-Match',
  'If-Unmodified-Since', 'Accept-Encoding', 'X-GitHub-OTP', 'X-Requested-With', 'User-Agent',
  'GraphQL-Features', 'X-Github-Next-Global-ID', 'X-GitHub-Api-Version', 'X-Fetch-Nonce',
  'Copilot-Integration-Id', 'DD-CLIENT-TOKEN', 'X-Client-Application',
];

export const EXPOSE_HEADERS = [
  'ETag', 'Link', 'Location', 'Retry-After', 'X-GitHub-OTP', 'X-RateLimit-Limit',
  'X-RateLimit-Remaining', 'X-RateLimit-Used', 'X-RateLimit-Resource', 'X-RateLimit-Reset',
  'X-OAuth-Scopes', 'X-Accepted-OAuth-Scopes', 'X-Poll-Interval', 'X-GitHub-Media-Type',
  'X-GitHub-SSO', 'X-GitHub-Request-Id', 'Deprecation', 'Sunset', 'Warning',
];

const ALLOWED_LOWER = new Set(ALLOW_HEADERS.map((h) => h.toLowerCase()));

/** Headers added to every API response to a request that carries an Origin header. */
export function apiCorsHeaders(reqHeaders) {
  if (reqHeaders.origin === undefined) return {};
  return {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': EXPOSE_HEADERS.join(', '),
  };
}

/**
 * Answers an OPTIONS request to the API. Accepted preflights get 204 and the CORS
 * headers; anything asking for another method or header gets an empty 404 with no
 * Access-Control-* header (`noCors` tells the writer not to add them), so browsers refuse.
 */
export function apiPreflight(reqHeaders) {
  const method = reqHeaders['access-control-request-method'];
  const requested = (reqHeaders['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  const ok = reqHeaders.origin !== undefined &&
    ALLOW_METHODS.includes(method) &&
    requested.every((h) => ALLOWED_LOWER.has(h));
  if (!ok) return { status: 404, headers: {}, body: null, noCors: true };
  return {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': ALLOW_METHODS.join(', '),
      'access-control-allow-headers': ALLOW_HEADERS.join(', '),
      'access-control-max-age': '86400',
      vary: 'Accept-Encoding, Accept, X-Requested-With',
    },
    body: null,
    noCors: true,
  };
}

/** The control API lets any origin drive it with any method and headers. */
export function controlCorsHeaders(reqHeaders, preflight) {
  const headers = { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' };
  if (preflight) {
    headers['access-control-allow-methods'] =
      reqHeaders['access-control-request-method'] ?? 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
    headers['access-control-allow-headers'] = reqHeaders['access-control-request-headers'] ?? '*';
    headers['access-control-max-age'] = '600';
  }
  return headers;
}
