import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Bridge, startBridge } from '../../electron/bridge';
import { BRIDGE_LIMITS } from '../../electron/bridge/limits';
import { type BridgeClient, connect } from './client';
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

async function client(): Promise<BridgeClient> {
  const opened = await connect(bridge);
  open.push(opened);
  return opened;
}

/** Another client still gets answers: what happened to one connection stayed there. */
async function expectBridgeServing(): Promise<void> {
  const other = await client();
  expect(await other.call('app.info')).toMatchObject({ result: { version: '0.1.0-test' } });
}

describe('calls', () => {
  it('answers each call under its id with the service result', async () => {
    const c = await client();
    log.log('window 7 uploaded');
    expect(await c.call('logs.recent', { limit: 1 })).toEqual({
      id: 1,
      result: { lines: [{ at: 0, level: 'info', source: 'miner', message: 'window 7 uploaded' }] },
    });
  });

  it('answers out of order when the service does', async () => {
    const c = await client();
    const slow = c.call('doctor.report');
    expect(await c.call('app.info')).toMatchObject({ id: 2 });
    log.releaseReports();
    expect(await slow).toEqual({ id: 1, result: { held: true } });
  });

  it("passes the service's contract error as it is", async () => {
    const c = await client();
    expect(await c.call('logs.recent', { limit: 0 })).toEqual({
      id: 1,
      error: {
        kind: 'invalid-arguments',
        message: 'logs.recent: limit must be between 1 and 5000',
      },
    });
    expect(await c.call('no.such.method')).toMatchObject({
      id: 2,
      error: { kind: 'unknown-method' },
    });
  });

  it('reports any other failure as internal, without its details', async () => {
    const c = await client();
    const answer = await c.call('diagnostics.text');
    expect(answer).toEqual({
      id: 1,
      error: { kind: 'internal', message: 'Something went wrong inside Tessera.' },
    });
  });

  it('reports a result JSON cannot hold as internal, and keeps the connection', async () => {
    const c = await client();
    expect(await c.call('earnings.summary')).toEqual({
      id: 1,
      error: { kind: 'internal', message: 'Something went wrong inside Tessera.' },
    });
    expect(await c.call('app.info')).toHaveProperty('result');
  });
});

describe('events', () => {
  it('pushes every service event to every connection, in order', async () => {
    const [a, b] = [await client(), await client()];
    log.log('first');
    log.log('second');
    for (const c of [a, b]) {
      await c.waitFor(
        (m) => 'event' in m && (m.payload as { message: string }).message === 'second',
      );
      expect(c.received.map((m) => 'event' in m && m.event)).toEqual(['log.line', 'log.line']);
      expect(
        c.received.map((m) => (m as { payload: { message: string } }).payload.message),
      ).toEqual(['first', 'second']);
    }
  });

  it('unsubscribes a connection when it closes', async () => {
    const [a] = [await client(), await client()];
    expect(log.listenerCount()).toBe(2);
    a.socket.close();
    await vi.waitFor(() => expect(log.listenerCount()).toBe(1));
  });

  it('closes with 1011 rather than skip an event it cannot encode', async () => {
    const c = await client();
    log.emitUnencodable();
    expect((await c.closed).code).toBe(1011);
    await expectBridgeServing();
  });

  it('drops a client that stops reading rather than queue events for it without end', async () => {
    const stalled = await client();
    stalled.socket.pause();
    const line = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 2_000; i++) log.log(line);
    await vi.waitFor(() => expect(log.listenerCount()).toBe(0));
    await expectBridgeServing();
  });
});

describe('what a client may not do', () => {
  it('closes a connection that sends a frame over 1 MiB with 1009', async () => {
    const c = await client();
    c.socket.send(JSON.stringify({ id: 1, method: 'app.info', args: 'x'.repeat(1024 * 1024) }));
    expect((await c.closed).code).toBe(1009);
    await expectBridgeServing();
  });

  it('closes a connection that sends what is not JSON with 1007', async () => {
    const bystander = await client();
    const c = await client();
    c.socket.send('{"id": 1, "method": "app.info"');
    expect((await c.closed).code).toBe(1007);
    expect(await bystander.call('app.info')).toHaveProperty('result');
    await expectBridgeServing();
  });

  it.each([
    ['a JSON value that is not a call', '[1, 2, 3]'],
    ['null', 'null'],
    ['a call without an id', '{"method": "app.info", "args": {}}'],
    ['a negative id', '{"id": -1, "method": "app.info", "args": {}}'],
  ])('closes a connection that sends %s with 1007', async (_, text) => {
    const c = await client();
    c.socket.send(text);
    expect((await c.closed).code).toBe(1007);
    expect(log.callCount()).toBe(0);
  });

  it.each([
    ['no method', { id: 5, args: {} }],
    ['an empty method', { id: 5, method: '', args: {} }],
    ['a method that is not a string', { id: 5, method: 42, args: {} }],
    ['a field the wire format does not have', { id: 5, method: 'app.info', args: {}, x: 1 }],
  ])(
    'answers a call with %s with an error under its id, and keeps the connection',
    async (_, body) => {
      const c = await client();
      c.socket.send(JSON.stringify(body));
      const answer = await c.waitFor((m) => 'id' in m && m.id === 5);
      expect(answer).toMatchObject({ id: 5, error: { kind: 'invalid-message' } });
      expect(log.callCount()).toBe(0);
      expect(await c.call('app.info')).toHaveProperty('result');
    },
  );

  it('closes a connection that sends binary frames with 1003', async () => {
    const c = await client();
    c.socket.send(Buffer.from('{"id":1,"method":"app.info","args":{}}'));
    expect((await c.closed).code).toBe(1003);
  });

  describe('the rate limit', () => {
    // The bucket refills with performance.now(); holding that clock still makes the counts exact.
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['performance'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    const flood = (c: BridgeClient, count: number) => {
      for (let id = 1; id <= count; id++)
        c.socket.send(JSON.stringify({ id, method: 'app.info', args: {} }));
    };

    it('answers calls past the burst with rate-limited and when to retry', async () => {
      const c = await client();
      const over = 10;
      flood(c, BRIDGE_LIMITS.burstCalls + over);
      await c.waitFor((m) => 'id' in m && m.id === BRIDGE_LIMITS.burstCalls + over);
      const limited = c.received.filter((m) => 'error' in m);
      expect(limited).toHaveLength(over);
      for (const answer of limited)
        expect(answer).toMatchObject({
          error: { kind: 'rate-limited', retryAfterMs: 1000 / BRIDGE_LIMITS.callsPerSecond },
        });
      await vi.waitFor(() =>
        expect(c.received.filter((m) => 'result' in m)).toHaveLength(BRIDGE_LIMITS.burstCalls),
      );

      vi.advanceTimersByTime(1000);
      expect(await c.call('app.info')).toHaveProperty('result');
    });

    it('closes a connection that keeps flooding with 1008, and only that one', async () => {
      const c = await client();
      flood(c, 400);
      expect((await c.closed).code).toBe(1008);
      const limited = c.received.filter((m) => 'error' in m);
      expect(limited).toHaveLength(BRIDGE_LIMITS.floodStrikes);
      expect(limited.every((m) => 'error' in m && m.error.kind === 'rate-limited')).toBe(true);
      expect(log.callCount()).toBe(BRIDGE_LIMITS.burstCalls);
      await expectBridgeServing();
    });
  });
});
