// Static files: each configured directory is served under /<its basename>/, GET and HEAD
// only, never outside the directory, never cached.

import { promises as fs, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'application/typescript; charset=utf-8',
};

/** Names that would shadow the API or the control API. */
const RESERVED = new Set(['repos', 'api', '_mock', 'avatars']);

export function mimeType(file) {
  if (file.endsWith('.d.ts')) return MIME['.ts'];
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolves the --static directories into a Map name -> real absolute path. */
export function staticRoots(dirs = []) {
  const roots = new Map();
  for (const dir of dirs) {
    const real = realpathSync(path.resolve(dir));
    if (!statSync(real).isDirectory()) throw new Error(`--static ${dir}: not a directory`);
    const name = path.basename(path.resolve(dir));
    if (RESERVED.has(name)) throw new Error(`--static ${dir}: the name "${name}" is reserved`);
    if (roots.has(name)) throw new Error(`--static ${dir}: another directory is already served as /${name}/`);
    roots.set(name, real);
  }
  return roots;
}

const notFound = () => ({ status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found\n' });

/**
 * Serves `segments` (decoded path segments after /<name>) from `root`.
 * `rawPath` is the request path, used to redirect a directory to its trailing-slash form.
 */
export async function serveStatic(method, root, segments, rawPath) {
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, body: 'Method Not Allowed\n' };
  }
  // A decoded segment may not climb, hide a separator, or carry a NUL.
  if (segments.some((s) => s === '..' || s === '.' || /[\\/\0]/.test(s))) return notFound();
  let file = path.join(root, ...segments);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound();
  let info;
  try {
    info = await fs.stat(file);
    if (info.isDirectory()) {
      if (!rawPath.endsWith('/')) {
        return { status: 301, headers: { location: `${rawPath}/`, 'cache-control': 'no-store' }, body: null };
      }
      file = path.join(file, 'index.html');
      info = await fs.stat(file);
    }
    const real = await fs.realpath(file);
    if (!real.startsWith(root + path.sep)) return notFound();
    if (!info.isFile()) return notFound();
    const body = await fs.readFile(real);
    return {
      status: 200,
      headers: {
        'content-type': mimeType(real),
        'cache-control': 'no-store',
        'access-control-allow-origin': '*',
      },
      body,
    };
  } catch {
    return notFound();
  }
}
