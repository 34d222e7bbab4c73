/**
 * The renderer build as plain files, read-only. Only paths made of ordinary names inside the build
 * folder are served: no '..', no dot-files, no backslashes, and nothing left percent-encoded after
 * one decoding, so neither encoded nor double-encoded traversal reaches the file system.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { BridgeError } from './errors';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export type StaticFiles = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Serves `dir`; '/' is its index.html. Fails at once when the folder is not there. */
export async function staticFiles(dir: string): Promise<StaticFiles> {
  const root = resolve(dir);
  const isDir = await stat(root).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir)
    throw new BridgeError(
      'static-dir-missing',
      `There is no renderer build at ${root}; build the UI first.`,
    );
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = requestedPath(request.url ?? '/');
    if (path === 'malformed') {
      response.writeHead(400).end();
      return;
    }
    if (path === 'forbidden') {
      response.writeHead(403).end();
      return;
    }
    const file = join(root, ...(path.length ? path : ['index.html']));
    // Belt and braces: the segments were checked, and the result must still lie inside the build.
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      body = await readFile(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': body.length,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}

/** The path's segments, or why it is not served. The query string plays no part. */
function requestedPath(url: string): string[] | 'malformed' | 'forbidden' {
  const raw = url.split('?')[0]!;
  if (!raw.startsWith('/')) return 'malformed';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return 'malformed';
  }
  if (/[\\%\0]/.test(decoded)) return 'forbidden';
  const segments = decoded.split('/').filter((segment) => segment !== '');
  return segments.some((segment) => segment.startsWith('.')) ? 'forbidden' : segments;
}
