// A loopback server answering from precomputed bodies, so the server is not what is measured.
import { createServer } from "node:http";
import { pages, status } from "./fixtures.js";

/**
 * The headers of every answer: the 25 or so api.github.com sends with a JSON answer (rate limits,
 * caching, CORS, security, request id), so that reading headers costs what it costs against GitHub.
 */
export const ANSWER_HEADERS = {
  server: "github.com",
  date: new Date().toUTCString(),
  "content-type": "application/json; charset=utf-8",
  "cache-control": "private, max-age=60, s-maxage=60",
  vary: "Accept, Authorization, Cookie, X-GitHub-OTP,Accept-Encoding, Accept, X-Requested-With",
  etag: 'W/"8ea3c1a4e0f8b07b4e1bba3a8a9f6d3f2c7d1e0a5b4c3d2e1f0a9b8c7d6e5f4a"',
  "x-oauth-scopes": "repo, repo_deployment",
  "x-accepted-oauth-scopes": "repo_deployment",
  "github-authentication-token-expiration": "2027-03-06 00:00:00 UTC",
  "x-github-media-type": "github.v3; format=json",
  "x-github-api-version-selected": "2022-11-28",
  "x-ratelimit-limit": "5000",
  "x-ratelimit-remaining": "4999",
  "x-ratelimit-reset": "1900000000",
  "x-ratelimit-used": "1",
  "x-ratelimit-resource": "core",
  "access-control-expose-headers":
    "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset",
  "access-control-allow-origin": "*",
  "strict-transport-security": "max-age=31536000; includeSubdomains; preload",
  "x-frame-options": "deny",
  "x-content-type-options": "nosniff",
  "x-xss-protection": "0",
  "referrer-policy": "origin-when-cross-origin, strict-origin-when-cross-origin",
  "content-security-policy": "default-src 'none'",
  "x-github-request-id": "C0DE:1F2A3B:4C5D6E:7F8091:675A1B2C",
};

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };

/**
 * Starts the server on 127.0.0.1; resolves to { url, close }. `files` maps paths to bytes served
 * uncached beside the API (pages and code for a browser on the same origin, so no CORS preflight).
 */
export async function startBenchServer({ total = 10_000, perPage = 100, files = new Map() } = {}) {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const single = Buffer.from(JSON.stringify(status(origin, 1)));
  const listed = pages(origin, total, perPage);
  server.on("request", (request, response) => {
    request.resume();
    const page = listed.get(request.url);
    const file = files.get(request.url);
    if (file) {
      const type = TYPES[request.url.slice(request.url.lastIndexOf("."))];
      response.writeHead(200, { "content-type": type, "content-length": file.length, "cache-control": "no-store" });
      response.end(file);
    } else if (request.url.endsWith("/statuses/1")) {
      response.writeHead(200, { ...ANSWER_HEADERS, "content-length": single.length });
      response.end(single);
    } else if (page) {
      response.writeHead(200, { ...ANSWER_HEADERS, "content-length": page.body.length, ...(page.link ? { link: page.link } : {}) });
      response.end(page.body);
    } else {
      response.writeHead(404, { "content-type": "application/json" });
      response.end('{"message":"Not Found"}');
    }
  });
  server.keepAliveTimeout = 60_000;
  return { url: origin, close: () => new Promise((resolve) => server.close(resolve)) };
}
