import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bridge, startBridge } from '../../electron/bridge';
import { logService } from './service';

const SECRET = 'the wallet password is hunter2';
let dir: string;
let bridge: Bridge;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: Node's client sends the path as given, dots and escapes included. */
function get(path: string, options: { method?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${bridge.port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-bridge-static-'));
  const site = join(dir, 'site');
  await mkdir(join(site, 'assets'), { recursive: true });
  await writeFile(join(site, 'index.html'), '<!doctype html><title>Tessera</title>');
  await writeFile(join(site, 'assets', 'index-abc123.js'), 'console.log("tessera")');
  await writeFile(join(site, 'assets', 'index-abc123.css'), 'body{margin:0}');
  await writeFile(join(site, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(site, '.env'), SECRET);
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await writeFile(join(dir, 'site-secret.txt'), SECRET);
  bridge = await startBridge({ service: logService().service, staticDir: site });
});

afterAll(async () => {
  await bridge?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the renderer build over HTTP', () => {
  it('serves index.html for / with a strict Content-Security-Policy', async () => {
    const answer = await get('/');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('<!doctype html><title>Tessera</title>');
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(answer.headers['content-security-policy']);
    expect(csp.split('; ')).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        `connect-src 'self' ws://127.0.0.1:${bridge.port} ws://localhost:${bridge.port}`,
        "img-src 'self' data:",
        "style-src 'self'",
        "frame-ancestors 'none'",
      ]),
    );
    expect(csp).not.toContain('unsafe');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-abc123.css', 'text/css; charset=utf-8'],
    ['/icon.svg', 'image/svg+xml'],
    ['/index.html?v=2', 'text/html; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const answer = await get(path);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(type);
  });

  it('answers HEAD with the headers alone', async () => {
    const answer = await get('/assets/index-abc123.js', { method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe(String('console.log("tessera")'.length));
    expect(answer.body).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('refuses %s with 405', async (method) => {
    const answer = await get('/', { method });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });

  it('answers a missing file and a folder with 404, with the security headers still on', async () => {
    for (const path of ['/missing.js', '/assets', '/assets/']) {
      const answer = await get(path);
      expect(answer.status).toBe(404);
      expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/..\\secret.txt',
    '/..%5csecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/.env',
    '/%2eenv',
    '/../site-secret.txt',
    '/secret.txt%00.html',
    '/%c0%ae%c0%ae/secret.txt',
  ])('refuses the traversal %s', async (path) => {
    const answer = await get(path);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toContain(SECRET);
  });

  it.each(['evil.example', `rebound.evil.example:PORT`, '127.0.0.1:1'])(
    'refuses Host %s with 403 (no DNS rebinding)',
    async (host) => {
      const answer = await get('/', { host: host.replace('PORT', String(bridge.port)) });
      expect(answer.status).toBe(403);
      expect(answer.body).toBe('');
    },
  );

  it('serves under the name localhost too', async () => {
    expect((await get('/', { host: `localhost:${bridge.port}` })).status).toBe(200);
  });

  it('serves no files when given no build', async () => {
    const bare = await startBridge({ service: logService().service });
    try {
      const answer = await new Promise<number>((resolve, reject) =>
        request({ host: '127.0.0.1', port: bare.port, path: '/' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end(),
      );
      expect(answer).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
