import { WebSocket } from 'ws';
import type { Bridge } from '../../electron/bridge';
import { tokenProtocol } from '../../electron/bridge/token';
import type { BridgeServerMessage } from '../../electron/contract/wire';

export interface HandshakeOptions {
  /** The subprotocols to offer; the bridge's token protocol when left out. */
  protocols?: string[];
  origin?: string;
  host?: string;
  path?: string;
}

export type Handshake = { status: 101; client: BridgeClient } | { status: number };

/** Tries to open the bridge's WebSocket as a program would, and says how the server answered. */
export function handshake(bridge: Bridge, options: HandshakeOptions = {}): Promise<Handshake> {
  const socket = new WebSocket(
    `ws://127.0.0.1:${bridge.port}${options.path ?? '/bridge'}`,
    options.protocols ?? [tokenProtocol(bridge.token)],
    {
      ...(options.origin === undefined ? {} : { origin: options.origin }),
      ...(options.host === undefined ? {} : { headers: { host: options.host } }),
    },
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ status: 101, client: new BridgeClient(socket) }));
    socket.once('unexpected-response', (request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      request.destroy();
    });
    socket.on('error', reject);
  });
}

/** Opens a connection that must be admitted. */
export async function connect(
  bridge: Bridge,
  options: HandshakeOptions = {},
): Promise<BridgeClient> {
  const result = await handshake(bridge, options);
  if (!('client' in result)) throw new Error(`the bridge refused with ${result.status}`);
  return result.client;
}

/** A test's view of one connection: everything the server sent, and how it ended. */
export class BridgeClient {
  readonly received: BridgeServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters = new Set<() => void>();
  private nextId = 1;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as BridgeServerMessage);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters) wake();
      }),
    );
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  /** Sends one call and resolves with the server's answer to its id. */
  async call(method: string, args: unknown = {}): Promise<BridgeServerMessage> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, args }));
    return this.waitFor((message) => 'id' in message && message.id === id);
  }

  /** The first message, received so far or later, that matches; fails once the socket closed. */
  waitFor(matches: (message: BridgeServerMessage) => boolean): Promise<BridgeServerMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(matches);
        if (found) resolve(found);
        else if (this.socket.readyState === WebSocket.CLOSED)
          reject(new Error('the bridge closed the connection first'));
        else return;
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}
