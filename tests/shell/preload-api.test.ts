import { describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../electron/preload/channels';
import { createTesseraApi, type IpcRendererLike } from '../../electron/preload/tessera-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ result: 42 })),
    on: vi.fn((channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies IpcRendererLike;
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc' }, ...args);
  };
  return { ipc, emit, listeners };
}

describe('window.tessera', () => {
  it('exposes the version, call and subscribe, and nothing else', () => {
    const api = createTesseraApi(fakeIpc().ipc, '1.2.3');

    expect(Object.keys(api).sort()).toEqual(['call', 'subscribe', 'version']);
    expect(api.version).toBe('1.2.3');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends a call over the call channel and resolves with its outcome', async () => {
    const { ipc } = fakeIpc();
    const api = createTesseraApi(ipc, '1.2.3');

    await expect(api.call('node.status', {})).resolves.toEqual({ result: 42 });
    expect(ipc.invoke).toHaveBeenCalledWith(CALL_CHANNEL, 'node.status', {});
  });

  it.each([42, null, { toString: () => 'node.start' }])(
    'refuses a method name that is not a string (%s)',
    async (method) => {
      const { ipc } = fakeIpc();
      const api = createTesseraApi(ipc, '1.2.3');

      await expect(api.call(method as unknown as string, {})).rejects.toThrow(TypeError);
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('delivers events as (name, payload), never the IPC event object', () => {
    const { ipc, emit } = fakeIpc();
    const listener = vi.fn();
    createTesseraApi(ipc, '1').subscribe(listener);

    emit(EVENT_CHANNEL, 'node.reward', { amount: '5' });

    expect(listener).toHaveBeenCalledWith('node.reward', { amount: '5' });
    expect(listener.mock.calls[0]).toHaveLength(2);
  });

  it('stops delivering once unsubscribed', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const listener = vi.fn();
    const unsubscribe = createTesseraApi(ipc, '1').subscribe(listener);

    unsubscribe();
    emit(EVENT_CHANNEL, 'node.status', {});

    expect(listener).not.toHaveBeenCalled();
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    const { ipc } = fakeIpc();
    const api = createTesseraApi(ipc, '1');

    expect(() => api.subscribe('alert(1)' as unknown as () => void)).toThrow(TypeError);
    expect(ipc.on).not.toHaveBeenCalled();
  });
});
