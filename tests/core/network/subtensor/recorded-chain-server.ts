/**
 * STAND-IN for a subtensor node: a loopback WebSocket server that answers JSON-RPC requests with
 * responses recorded from the real chain (tests/fixtures/subtensor/README.md says where they come
 * from). It is the one stand-in these tests use; it computes nothing and knows no chain logic.
 *
 * Matching: a request is answered by the recording with the same method and parameters (hex
 * compared without `0x`, case-insensitive; `state_getStorageAt` is the same RPC as
 * `state_getStorage`). A request without a block hash — "at the head" — is answered by a
 * recording of the same call made at the head block of that recording. Subscriptions to new heads
 * replay the recorded headers in block order; the runtime-version subscription sends the head's
 * version once. Anything not recorded is answered with a JSON-RPC error naming it, so a test can
 * never pass on an invented answer. A test may add answers of its own (`written`), each marked
 * as not recorded where it is written.
 */

import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { WebSocket, WebSocketServer } from 'ws';

export interface RecordedCall {
  method: string;
  params: unknown[];
  result: unknown;
}

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/subtensor', import.meta.url));

/** The recorded exchanges, and the few answers the recording lacks (each with its reason). */
export function loadRecording(): { recorded: RecordedCall[]; supplied: RecordedCall[] } {
  const recorded = JSON.parse(
    gunzipSync(readFileSync(join(FIXTURES, 'recorded-rpc.json.gz'))).toString('utf8'),
  ).recorded as RecordedCall[];
  const metadataV15 = gunzipSync(readFileSync(join(FIXTURES, 'metadata-v15-spec343.hex.gz')))
    .toString('utf8')
    .trim();
  const supplied = JSON.parse(readFileSync(join(FIXTURES, 'supplied-rpc.json'), 'utf8'))
    .supplied as (RecordedCall & { why: string })[];
  return {
    recorded: [
      ...recorded,
      // Recorded by the same SDK script, stored apart because of its size (README).
      {
        method: 'state_call',
        params: ['Metadata_metadata_at_version', '0x0f000000'],
        result: metadataV15,
      },
    ],
    supplied: supplied.map(({ method, params, result }) => ({ method, params, result })),
  };
}

/** An answer a test writes itself, for one call matched by method and first parameter. */
export interface WrittenAnswer {
  method: string;
  firstParam: string;
  /** The answer, or how to make it from the extrinsics submitted so far. */
  result: unknown | ((submitted: readonly string[]) => unknown);
}

export interface ServerOptions {
  /**
   * Answers written by the test, NOT recorded: a corrupt replacement of a recorded one, or one the
   * recording lacks (such as a fee quote). Tests say where each value comes from.
   */
  written?: WrittenAnswer[];
  /**
   * The transaction statuses a node would send for a submitted extrinsic (`ready`,
   * `{ inBlock: hash }`...), written by the test: without it a submission is refused unanswered.
   */
  watch?: (extrinsic: string) => unknown[];
}

export class RecordedChainServer {
  /** Every method asked, in order, for assertions on what the client did. */
  readonly asked: string[] = [];
  /** Requests that had no recording, as `method params`. */
  readonly unanswered: string[] = [];
  /** The parameters of every request given a written answer, in order. */
  readonly writtenAsked: unknown[][] = [];
  /** Every extrinsic submitted with `author_submitAndWatchExtrinsic`, as sent (hex). */
  readonly submitted: string[] = [];
  private nextSubscription = 1;

  private constructor(
    private readonly server: WebSocketServer,
    private readonly calls: RecordedCall[],
    private readonly options: ServerOptions,
  ) {
    server.on('connection', (socket) => {
      socket.on('message', (data) => this.answer(socket, data.toString()));
    });
  }

  static async start(
    calls: RecordedCall[],
    options: ServerOptions = {},
  ): Promise<RecordedChainServer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new RecordedChainServer(server, calls, options);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Closes every client connection, as a node restart would; the server keeps listening. */
  dropConnections(): void {
    for (const client of this.server.clients) client.terminate();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(socket: WebSocket, text: string): void {
    const request = JSON.parse(text) as { id: number; method: string; params?: unknown[] };
    const params = request.params ?? [];
    this.asked.push(request.method);
    const reply = (body: object) => {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, ...body }));
      }
    };
    const heads = HEAD_SUBSCRIPTIONS.includes(request.method);
    if (heads || request.method === 'state_subscribeRuntimeVersion') {
      const subscription = `recorded-${this.nextSubscription++}`;
      reply({ result: subscription });
      const [notice, results] = heads
        ? ['chain_newHead', this.recordedHeaders()]
        : ['state_runtimeVersion', [this.lookup('state_getRuntimeVersion', [])?.result]];
      for (const result of results) {
        socket.send(
          JSON.stringify({ jsonrpc: '2.0', method: notice, params: { subscription, result } }),
        );
      }
      return;
    }
    if (request.method === 'author_submitAndWatchExtrinsic' && this.options.watch) {
      const extrinsic = String(params[0]);
      this.submitted.push(extrinsic);
      const subscription = `watched-${this.nextSubscription++}`;
      reply({ result: subscription });
      for (const result of this.options.watch(extrinsic)) {
        socket.send(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'author_extrinsicUpdate',
            params: { subscription, result },
          }),
        );
      }
      return;
    }
    if (/_unsubscribe|_unwatch/.test(request.method)) {
      reply({ result: true });
      return;
    }
    const written = this.options.written?.find(
      (answer) =>
        answer.method === request.method && normalize(params[0]) === normalize(answer.firstParam),
    );
    if (written) {
      this.writtenAsked.push(params);
      const { result } = written;
      reply({ result: typeof result === 'function' ? result(this.submitted) : result });
      return;
    }
    const found =
      request.method === 'state_queryStorageAt'
        ? this.queryStorageAt(params)
        : this.lookup(request.method, params);
    if (found) {
      reply({ result: found.result });
      return;
    }
    this.unanswered.push(`${request.method} ${JSON.stringify(params)}`);
    reply({ error: { code: -32601, message: `not in the recording: ${request.method}` } });
  }

  private lookup(method: string, params: unknown[]): RecordedCall | undefined {
    const wanted = canonical(method, params);
    const exact = this.calls.find((c) => canonical(c.method, c.params) === wanted);
    if (exact || (params.length > 0 && isBlockHash(params[params.length - 1]))) return exact;
    // asked at the head: a recording of the same call made at a block
    return this.calls.find(
      (c) =>
        c.params.length > 0 &&
        isBlockHash(c.params[c.params.length - 1]) &&
        canonical(c.method, c.params.slice(0, -1)) === wanted,
    );
  }

  /**
   * `state_queryStorageAt(keys, at?)` is the batch form of `state_getStorage`: answered when
   * every key has a recording, with those recorded values.
   */
  private queryStorageAt(params: unknown[]): RecordedCall | undefined {
    const [keys, at] = params as [string[], string | undefined];
    const changes: [string, unknown][] = [];
    let block: unknown = at ?? null;
    for (const key of keys) {
      const found = this.lookup('state_getStorage', at ? [key, at] : [key]);
      if (!found) return undefined;
      block ??= found.params[1] ?? null;
      changes.push([key, found.result]);
    }
    return { method: 'state_queryStorageAt', params, result: [{ block, changes }] };
  }

  private recordedHeaders(): unknown[] {
    const byNumber = new Map<number, unknown>();
    for (const call of this.calls) {
      const header = call.result as { number?: string } | null;
      if (call.method === 'chain_getHeader' && header?.number)
        byNumber.set(Number(header.number), header);
    }
    return [...byNumber.entries()].sort(([a], [b]) => a - b).map(([, header]) => header);
  }
}

const ALIASES: Record<string, string> = { state_getStorageAt: 'state_getStorage' };
/** polkadot-js asks with the singular name; both are the same RPC in substrate. */
const HEAD_SUBSCRIPTIONS = ['chain_subscribeNewHead', 'chain_subscribeNewHeads'];

function canonical(method: string, params: unknown[]): string {
  const trimmed = [...params];
  while (
    trimmed.length > 0 &&
    (trimmed[trimmed.length - 1] === null || trimmed[trimmed.length - 1] === undefined)
  ) {
    trimmed.pop();
  }
  return `${ALIASES[method] ?? method} ${JSON.stringify(trimmed.map(normalize))}`;
}

function normalize(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const hex = value.startsWith('0x') ? value.slice(2) : value;
  return /^[0-9a-fA-F]*$/.test(hex) && hex.length % 2 === 0 ? hex.toLowerCase() : value;
}

function isBlockHash(value: unknown): boolean {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{64}$/.test(value);
}
