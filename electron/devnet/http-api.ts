import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { z } from 'zod';
import {
  API_PREFIX,
  DEVNET_API_VERSION,
  MAX_REQUEST_BYTES,
  type PushMessage,
  ss58Schema,
  WEBSOCKET_PATH,
  type WRITE_PARAMS,
  WRITE_PATHS,
  type WriteMethod,
} from '../core/network/devnet-api';
import { DevnetError, HTTP_STATUS } from './errors';
import { authenticate } from './request-auth';
import type { Subnet } from './subnet';

export interface DevnetServerOptions {
  /** Loopback by default: the devnet is for this machine unless asked otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  blockMs: number;
  log?: (line: string) => void;
}

type Handler = (request: IncomingMessage, url: URL, match: string | undefined) => Promise<unknown>;

/** How often idle WebSocket clients are pinged, and dropped when they stopped answering. */
const HEARTBEAT_MS = 15_000;

/**
 * The coordinator's HTTP + WebSocket JSON API (routes and formats in `README.md`). Reads are
 * open; writes carry a signature by the hotkey they act for (`request-auth.ts`). Every body is
 * size-capped and schema-checked, and every refusal is `{ error: { kind, message } }` with a
 * status that says whose fault it was.
 */
export class DevnetServer {
  private readonly http: Server;
  private readonly sockets: WebSocketServer;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly routes: Record<string, Record<string, Handler>>;
  private address: AddressInfo | undefined;

  private constructor(
    private readonly subnet: Subnet,
    private readonly options: DevnetServerOptions,
  ) {
    this.routes = this.makeRoutes();
    this.http = createServer((request, response) => void this.handle(request, response));
    this.http.requestTimeout = 30_000;
    this.http.headersTimeout = 10_000;
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
    this.http.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head));
    this.sockets.on('connection', (socket) => this.welcome(socket));
    this.heartbeat = setInterval(() => this.pingClients(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  static async start(subnet: Subnet, options: DevnetServerOptions): Promise<DevnetServer> {
    const server = new DevnetServer(subnet, options);
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.http.off('error', reject);
        resolve();
      });
    });
    server.address = server.http.address() as AddressInfo;
    return server;
  }

  get port(): number {
    return this.address?.port ?? 0;
  }

  get url(): string {
    const host =
      this.address?.family === 'IPv6' ? `[${this.address.address}]` : this.address?.address;
    return `http://${host}:${this.port}`;
  }

  /** Sends a push to every connected WebSocket client. */
  broadcast(message: PushMessage): void {
    const text = JSON.stringify(message);
    for (const client of this.sockets.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(text);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private makeRoutes(): Record<string, Record<string, Handler>> {
    const subnet = this.subnet;
    const read =
      (handler: (url: URL, match: string | undefined) => unknown): Handler =>
      async (_request, url, match) =>
        handler(url, match);
    return {
      [`${API_PREFIX}/info`]: { GET: read(() => this.info()) },
      [`${API_PREFIX}/block`]: { GET: read(() => subnet.head()) },
      [`${API_PREFIX}/metagraph`]: {
        GET: read(() => ({
          netuid: subnet.netuid,
          block: subnet.head().block,
          neurons: subnet
            .neurons()
            .map(({ validator, ...n }) => ({ ...n, validatorPermit: validator })),
        })),
      },
      [`${API_PREFIX}/commitments`]: {
        GET: read(() => ({ block: subnet.head().block, commitments: subnet.commitments() })),
      },
      [WRITE_PATHS['set-weights']]: {
        GET: read(() => ({ block: subnet.head().block, validators: this.weightsView() })),
        POST: (request) => this.write('set-weights', request),
      },
      [`${API_PREFIX}/balances/*`]: {
        GET: read((_url, hotkey) => ({ hotkey, ...subnet.balance(checkHotkey(hotkey)) })),
      },
      [`${API_PREFIX}/emissions/*`]: {
        GET: read((url, hotkey) => ({
          hotkey,
          emissions: subnet.emissions(checkHotkey(hotkey), sinceParam(url)),
        })),
      },
      [WRITE_PATHS.register]: { POST: (request) => this.write('register', request) },
      [WRITE_PATHS.commit]: { POST: (request) => this.write('commit', request) },
    };
  }

  private info() {
    const params = this.subnet.params;
    const head = this.subnet.head();
    return {
      name: 'tessera-devnet',
      apiVersion: DEVNET_API_VERSION,
      chainId: this.subnet.chainId,
      netuid: this.subnet.netuid,
      blockMs: this.options.blockMs,
      blocksPerWindow: params.blocksPerWindow,
      tempo: params.tempo,
      maxUids: params.maxUids,
      immunityBlocks: params.immunityBlocks,
      validatorStake: params.validatorStake,
      emissionPerBlock: params.emissionPerBlock,
      ...head,
    };
  }

  private weightsView() {
    const hotkeys = new Map(this.subnet.neurons().map((n) => [n.uid, n.hotkey]));
    return this.subnet.weights().map((row) => ({ ...row, hotkey: hotkeys.get(row.uid) ?? '' }));
  }

  /** A signed write: authenticate it, then apply it. */
  private async write(method: WriteMethod, request: IncomingMessage): Promise<unknown> {
    const body = await readJsonBody(request);
    const { hotkey, params } = authenticate(this.subnet, method, body, Date.now());
    let result: unknown;
    switch (method) {
      case 'register': {
        const p = params as z.infer<(typeof WRITE_PARAMS)['register']>;
        result = { hotkey, ...this.subnet.register(hotkey, p.asValidator) };
        break;
      }
      case 'commit': {
        const p = params as z.infer<(typeof WRITE_PARAMS)['commit']>;
        result = this.subnet.commit(hotkey, p.commitment);
        break;
      }
      case 'set-weights': {
        const p = params as z.infer<(typeof WRITE_PARAMS)['set-weights']>;
        result = this.subnet.setWeights(hotkey, p.uids, p.weights, p.versionKey);
        break;
      }
    }
    this.options.log?.(`${method} by ${hotkey}: ${JSON.stringify(result, jsonReplacer)}`);
    return result;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://devnet');
      const { routes, match } = this.route(url.pathname);
      if (!routes) throw new DevnetError('not-found', `There is no ${url.pathname} here.`);
      const handler = routes[request.method ?? ''];
      if (!handler) {
        response.setHeader('allow', Object.keys(routes).join(', '));
        throw new DevnetError(
          'method-not-allowed',
          `${url.pathname} takes ${Object.keys(routes).join(' or ')}, not ${request.method}.`,
        );
      }
      send(response, 200, await handler(request, url, match));
    } catch (error) {
      const refusal =
        error instanceof DevnetError
          ? error
          : new DevnetError(
              'storage-failed',
              `The coordinator failed: ${(error as Error).message}.`,
            );
      if (!(error instanceof DevnetError)) this.options.log?.(`error: ${(error as Error).stack}`);
      if (refusal.kind === 'too-large') response.setHeader('connection', 'close');
      send(response, HTTP_STATUS[refusal.kind], {
        error: { kind: refusal.kind, message: refusal.message },
      });
    }
  }

  private route(pathname: string): { routes?: Record<string, Handler>; match?: string } {
    const exact = this.routes[pathname];
    if (exact) return { routes: exact };
    const cut = pathname.lastIndexOf('/');
    const wildcard = this.routes[`${pathname.slice(0, cut)}/*`];
    if (wildcard && cut < pathname.length - 1) {
      try {
        return { routes: wildcard, match: decodeURIComponent(pathname.slice(cut + 1)) };
      } catch {
        throw new DevnetError('invalid-request', `${pathname} is not a valid path.`);
      }
    }
    return {};
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://devnet').pathname;
    if (path !== WEBSOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (client) =>
      this.sockets.emit('connection', client, request),
    );
  }

  /** A new client hears the current block at once, then every block after it. */
  private welcome(client: WebSocket): void {
    const alive = client as WebSocket & { alive?: boolean };
    alive.alive = true;
    client.on('pong', () => {
      alive.alive = true;
    });
    client.on('message', () => {}); // pushes only; anything a client says is ignored
    client.on('error', () => client.terminate());
    client.send(JSON.stringify({ type: 'block', ...this.subnet.head() } satisfies PushMessage));
  }

  private pingClients(): void {
    for (const client of this.sockets.clients) {
      const alive = client as WebSocket & { alive?: boolean };
      if (alive.alive === false) {
        client.terminate();
        continue;
      }
      alive.alive = false;
      client.ping();
    }
  }
}

function checkHotkey(hotkey: string | undefined): string {
  const parsed = ss58Schema.safeParse(hotkey);
  if (!parsed.success) {
    throw new DevnetError(
      'invalid-request',
      `${JSON.stringify(hotkey)} is not an SS58 hotkey address.`,
    );
  }
  return parsed.data;
}

function sinceParam(url: URL): number | undefined {
  const text = url.searchParams.get('since');
  if (text === null) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DevnetError(
      'invalid-request',
      `since must be a block number, got ${JSON.stringify(text)}.`,
    );
  }
  return value;
}

/** The request body as JSON, refused once it passes MAX_REQUEST_BYTES (announced or not). */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const tooLarge = () =>
    new DevnetError('too-large', `Request bodies are at most ${MAX_REQUEST_BYTES} bytes.`);
  const announced = Number(request.headers['content-length']);
  if (Number.isFinite(announced) && announced > MAX_REQUEST_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > MAX_REQUEST_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DevnetError(
      'invalid-json',
      `The request body is not JSON: ${(error as Error).message}.`,
    );
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, jsonReplacer);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** Amounts are bigint rao; JSON carries them as decimal strings. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
