/**
 * The contract over the loopback bridge, for the UI in a plain browser. The token comes from the
 * URL fragment `tessera start` prints (fragments never reach a server or its logs) and travels in
 * the WebSocket subprotocol, since browsers cannot set headers on a WebSocket.
 */
import { BRIDGE_TOKEN_PROTOCOL, type BridgeServerMessage } from '../../../electron/contract/wire';
import type { CallOutcome, Transport } from './client';

export function tokenFromFragment(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{16,}$/.test(token) ? token : undefined;
}

const CLOSED: CallOutcome = {
  error: { kind: 'unavailable', message: 'The connection to the app was closed.' },
};

export function bridgeTransport(url: string, token: string): Transport {
  const pending = new Map<number, (outcome: CallOutcome) => void>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let nextId = 1;
  const socket = new WebSocket(url, [`${BRIDGE_TOKEN_PROTOCOL}${token}`]);
  const open = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('the bridge refused the connection')), {
      once: true,
    });
  });
  // A refusal with no call waiting on it is not an error of the page's own.
  open.catch(() => {});
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as BridgeServerMessage;
    if ('event' in data) for (const listener of listeners) listener(data.event, data.payload);
    else pending.get(data.id)?.('error' in data ? { error: data.error } : { result: data.result });
    if ('id' in data) pending.delete(data.id);
  });
  socket.addEventListener('close', () => {
    for (const settle of pending.values()) settle(CLOSED);
    pending.clear();
  });
  return {
    async call(method, args) {
      await open;
      // A closed socket drops what it is given without a word; the call would wait forever.
      if (socket.readyState !== WebSocket.OPEN) return CLOSED;
      const id = nextId++;
      return new Promise<CallOutcome>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, args }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
