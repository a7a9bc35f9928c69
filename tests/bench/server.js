// A loopback server answering from precomputed bodies, so the server is not what is measured.
import { createServer } from "node:http";
import { pages, status } from "./fixtures.js";

/** The headers of every answer: JSON, and GitHub's rate-limit headers. */
export const ANSWER_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "x-ratelimit-limit": "5000",
  "x-ratelimit-remaining": "4999",
  "x-ratelimit-used": "1",
  "x-ratelimit-reset": "1900000000",
  "x-ratelimit-resource": "core",
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
