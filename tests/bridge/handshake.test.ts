import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Bridge, BridgeError, startBridge } from '../../electron/bridge';
import { tokenProtocol } from '../../electron/bridge/token';
import { BRIDGE_TOKEN_PROTOCOL } from '../../electron/contract/wire';
import { type BridgeClient, connect, handshake } from './client';
import { type LogService, logService } from './service';

let log: LogService;
let bridge: Bridge;
const open: BridgeClient[] = [];

beforeEach(async () => {
  log = logService();
  bridge = await startBridge({ service: log.service });
});

afterEach(async () => {
  for (const client of open.splice(0)) client.socket.terminate();
  await bridge.close();
});

describe('who may open the bridge', () => {
  it('admits the token in the subprotocol, echoes that subprotocol, and answers calls', async () => {
    const client = await connect(bridge);
    open.push(client);
    expect(client.protocol).toBe(`${BRIDGE_TOKEN_PROTOCOL}${bridge.token}`);
    expect(await client.call('app.info')).toMatchObject({ id: 1, result: { host: 'headless' } });
  });

  it('makes a fresh 32-byte base64url token per run and prints it in the URL fragment', async () => {
    const other = await startBridge({ service: log.service });
    try {
      expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.token).not.toBe(bridge.token);
      expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
    } finally {
      await other.close();
    }
  });

  const offers: Array<[string, (token: string) => string[]]> = [
    ['no subprotocol', () => []],
    ['another subprotocol', () => ['chat']],
    ['a wrong token', () => [tokenProtocol('A'.repeat(43))]],
    ['the token with a character more', (token) => [tokenProtocol(`${token}x`)]],
    ['a prefix of the token', (token) => [tokenProtocol(token.slice(0, 20))]],
    ['the bare token without the prefix', (token) => [token]],
  ];
  it.each(offers)('refuses %s with 401 before the service hears of it', async (_, offer) => {
    expect(await handshake(bridge, { protocols: offer(bridge.token) })).toEqual({ status: 401 });
    expect(log.listenerCount()).toBe(0);
    expect(log.callCount()).toBe(0);
  });

  it('admits a page of its own origin, by either loopback name', async () => {
    for (const origin of [`http://127.0.0.1:${bridge.port}`, `http://localhost:${bridge.port}`]) {
      const client = await connect(bridge, { origin });
      open.push(client);
      expect(await client.call('app.info')).toHaveProperty('result');
    }
  });

  it.each([
    'http://evil.example',
    'http://127.0.0.1',
    'https://127.0.0.1:PORT',
    'http://127.0.0.1:1',
    'http://127.0.0.1:PORT.evil.example',
    'null',
  ])('refuses a page from origin %s with 403 even with the right token', async (origin) => {
    const result = await handshake(bridge, {
      origin: origin.replace('PORT', String(bridge.port)),
    });
    expect(result).toEqual({ status: 403 });
    expect(log.listenerCount()).toBe(0);
  });

  it.each(['evil.example', 'rebound.evil.example:PORT', '127.0.0.1', '127.0.0.2:PORT'])(
    'refuses Host %s with 403 (no DNS rebinding)',
    async (host) => {
      const result = await handshake(bridge, { host: host.replace('PORT', String(bridge.port)) });
      expect(result).toEqual({ status: 403 });
    },
  );

  it('admits Host localhost:PORT', async () => {
    const client = await connect(bridge, { host: `localhost:${bridge.port}` });
    open.push(client);
    expect(await client.call('app.info')).toHaveProperty('result');
  });

  it('upgrades only /bridge', async () => {
    expect(await handshake(bridge, { path: '/' })).toEqual({ status: 404 });
    expect(await handshake(bridge, { path: '/bridge/more' })).toEqual({ status: 404 });
  });

  it('holds at most 16 connections, and admits another once one has gone', async () => {
    for (let i = 0; i < 16; i++) open.push(await connect(bridge));
    expect(await handshake(bridge)).toEqual({ status: 503 });
    open[0]!.socket.close();
    await open[0]!.closed;
    await vi.waitFor(async () => {
      const result = await handshake(bridge);
      if ('client' in result) open.push(result.client);
      expect(result.status).toBe(101);
    });
  });
});

describe('starting the bridge', () => {
  it('refuses a token the browser client could not carry', async () => {
    await expect(startBridge({ service: log.service, token: 'short' })).rejects.toMatchObject({
      kind: 'invalid-token',
    });
    await expect(
      startBridge({ service: log.service, token: 'has spaces and is long enough' }),
    ).rejects.toBeInstanceOf(BridgeError);
  });

  it('uses a given token', async () => {
    const token = 'a-given_token-0123456789';
    const given = await startBridge({ service: log.service, token });
    try {
      expect(given.token).toBe(token);
      const client = await connect(given);
      expect(await client.call('app.info')).toHaveProperty('result');
      client.socket.terminate();
    } finally {
      await given.close();
    }
  });

  it('says so when the renderer build is missing', async () => {
    await expect(
      startBridge({ service: log.service, staticDir: '/nonexistent/renderer/build' }),
    ).rejects.toMatchObject({ kind: 'static-dir-missing' });
  });

  it('says so when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startBridge({ service: log.service, port })).rejects.toMatchObject({
        kind: 'listen-failed',
      });
    } finally {
      taken.close();
    }
  });

  it('closes every connection with 1001 and drops its subscriptions', async () => {
    const client = await connect(bridge);
    expect(log.listenerCount()).toBe(1);
    await bridge.close();
    expect((await client.closed).code).toBe(1001);
    expect(log.listenerCount()).toBe(0);
    bridge = await startBridge({ service: log.service }); // for afterEach
  });
});
