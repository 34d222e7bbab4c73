/**
 * The renderer's bridge client against the real bridge. Node 20 has no WebSocket of its own, so the
 * client gets ws's, which follows the browser's API (subprotocols, addEventListener, string data).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { type Bridge, startBridge } from '../../electron/bridge';
import { bridgeTransport, tokenFromFragment } from '../../renderer/src/api/bridge-transport';
import { ApiError, createApi } from '../../renderer/src/api/client';
import { type LogService, logService } from './service';

let log: LogService;
let bridge: Bridge;

beforeEach(async () => {
  vi.stubGlobal('WebSocket', WebSocket);
  log = logService();
  bridge = await startBridge({ service: log.service });
});

afterEach(async () => {
  await bridge.close();
  vi.unstubAllGlobals();
});

const socketUrl = () => `ws://127.0.0.1:${bridge.port}/bridge`;

describe("the renderer's bridge client", () => {
  it('reads the token from the URL the bridge prints', () => {
    expect(tokenFromFragment(new URL(bridge.url).hash)).toBe(bridge.token);
  });

  it('makes typed calls and receives events through the contract API', async () => {
    const api = createApi(bridgeTransport(socketUrl(), bridge.token));
    expect(await api.call('app.info', {})).toMatchObject({ host: 'headless' });

    const lines: string[] = [];
    api.on('log.line', (line) => lines.push(line.message));
    log.log('window 3 applied');
    await vi.waitFor(() => expect(lines).toEqual(['window 3 applied']));
  });

  it("turns the service's contract error into an ApiError with its kind and sentence", async () => {
    const api = createApi(bridgeTransport(socketUrl(), bridge.token));
    const failure = await api.call('logs.recent', { limit: 0 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      kind: 'invalid-arguments',
      message: 'logs.recent: limit must be between 1 and 5000',
    });
  });

  it('fails calls as unavailable when the bridge refuses the token', async () => {
    const api = createApi(bridgeTransport(socketUrl(), 'A'.repeat(43)));
    await expect(api.call('app.info', {})).rejects.toMatchObject({ kind: 'unavailable' });
    expect(log.callCount()).toBe(0);
  });

  it('leaves no unhandled rejection when a refused transport was never called', async () => {
    const sockets: WebSocket[] = [];
    vi.stubGlobal(
      'WebSocket',
      class extends WebSocket {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          sockets.push(this);
        }
      },
    );
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      bridgeTransport(socketUrl(), 'A'.repeat(43)).subscribe(() => {});
      await vi.waitFor(() => expect(sockets[0]?.readyState).toBe(WebSocket.CLOSED));
      // Node reports unhandled rejections once the microtask queue has drained.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('settles calls in flight and later calls as unavailable when the bridge goes away', async () => {
    const transport = bridgeTransport(socketUrl(), bridge.token);
    expect(await transport.call('app.info', {})).toHaveProperty('result');
    const held = transport.call('doctor.report', {});
    await vi.waitFor(() => expect(log.callCount()).toBe(2));
    await bridge.close();
    expect(await held).toMatchObject({ error: { kind: 'unavailable' } });
    expect(await transport.call('app.info', {})).toMatchObject({ error: { kind: 'unavailable' } });
    bridge = await startBridge({ service: log.service }); // for afterEach
  });
});
