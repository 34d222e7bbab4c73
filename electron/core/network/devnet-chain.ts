import type { z } from 'zod';
import type { Signer } from '../../protocol/signature';
import type {
  Balance,
  BlockInfo,
  Chain,
  ChainParams,
  CommitmentRecord,
  EmissionRecord,
  Metagraph,
  RegisterOptions,
  Registration,
  Unsubscribe,
  WeightEntry,
} from './chain';
import { windowOfBlock } from './chain';
import { type Commitment, commitmentSchema } from './commitment';
import {
  API_PREFIX,
  balanceSchema,
  blockInfoSchema,
  commitmentsSchema,
  emissionsSchema,
  infoSchema,
  metagraphSchema,
  registrationSchema,
  signedMessage,
  WEBSOCKET_PATH,
  WRITE_PATHS,
  type WriteMethod,
  type WriteParams,
  writeReceiptSchema,
} from './devnet-api';
import { DevnetBlockFeed } from './devnet-block-feed';
import { DevnetHttp, type DevnetHttpOptions } from './devnet-http';
import { NetworkError } from './errors';
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from './retry';

export interface DevnetChainOptions extends DevnetHttpOptions {
  /** Signs writes; without one the client can only read. */
  signer?: Signer;
  retry?: RetryPolicy;
}

export type DevnetInfo = z.infer<typeof infoSchema>;

/**
 * A `Chain` backed by the embedded devnet's coordinator (`electron/devnet`): reads over HTTP,
 * blocks over a WebSocket, writes signed by the signer's hotkey. Transient failures are retried
 * with backoff; writes are sent one at a time so their nonces arrive in order, and are safe to
 * retry because every write is idempotent (register returns the existing uid, commit and weights
 * replace).
 */
export class DevnetChain implements Chain {
  readonly params: ChainParams;
  readonly hotkey: string | undefined;
  private readonly signer: Signer | undefined;
  private readonly retry: RetryPolicy;
  private readonly feed: DevnetBlockFeed;
  private lastNonce = 0;
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly http: DevnetHttp,
    readonly info: DevnetInfo,
    options: DevnetChainOptions,
  ) {
    this.signer = options.signer;
    this.hotkey = options.signer?.ss58Address;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.params = {
      netuid: info.netuid,
      blocksPerWindow: info.blocksPerWindow,
      tempo: info.tempo,
      blockMs: info.blockMs,
    };
    const socketUrl = `${http.url.replace(/^http/, 'ws')}${WEBSOCKET_PATH}`;
    this.feed = new DevnetBlockFeed(socketUrl, info, this.retry);
  }

  /** Connects to the coordinator at `url` (e.g. `http://127.0.0.1:7345`) and reads its parameters. */
  static async connect(url: string, options: DevnetChainOptions = {}): Promise<DevnetChain> {
    const http = new DevnetHttp(url.replace(/\/+$/, ''), options);
    const info = await withRetries(options.retry ?? DEFAULT_RETRY, () =>
      http.request('GET', '/info', undefined, infoSchema),
    );
    return new DevnetChain(http, info, options);
  }

  get url(): string {
    return this.http.url;
  }

  get chainId(): string {
    return this.info.chainId;
  }

  windowOf(block: number): number {
    return windowOfBlock(block, this.params.blocksPerWindow);
  }

  currentBlock(): Promise<BlockInfo> {
    return this.get('/block', blockInfoSchema);
  }

  subscribeBlocks(
    onBlock: (block: BlockInfo) => void,
    onError?: (error: Error) => void,
  ): Unsubscribe {
    return this.feed.subscribe(onBlock, onError);
  }

  metagraph(): Promise<Metagraph> {
    return this.get('/metagraph', metagraphSchema);
  }

  async register(options: RegisterOptions = {}): Promise<Registration> {
    const { pruned, ...registration } = await this.write(
      'register',
      { asValidator: options.asValidator ?? false },
      registrationSchema,
    );
    return { ...registration, ...(pruned ? { pruned } : {}) };
  }

  async commit(commitment: Commitment): Promise<void> {
    const checked = commitmentSchema.safeParse(commitment);
    if (!checked.success) {
      throw new NetworkError(
        'invalid',
        `The commitment is not valid: ${checked.error.issues[0]!.message}.`,
      );
    }
    await this.write('commit', { commitment: checked.data }, writeReceiptSchema);
  }

  async commitments(): Promise<CommitmentRecord[]> {
    return (await this.get('/commitments', commitmentsSchema)).commitments;
  }

  async setWeights(weights: readonly WeightEntry[], versionKey: number): Promise<void> {
    await this.write(
      'set-weights',
      { uids: weights.map((w) => w.uid), weights: weights.map((w) => w.weight), versionKey },
      writeReceiptSchema,
    );
  }

  async balance(hotkey?: string): Promise<Balance> {
    return this.get(`/balances/${encodeURIComponent(this.hotkeyOr(hotkey))}`, balanceSchema);
  }

  async emissionHistory(
    hotkey?: string,
    options: { sinceBlock?: number } = {},
  ): Promise<EmissionRecord[]> {
    const since = options.sinceBlock !== undefined ? `?since=${options.sinceBlock}` : '';
    const path = `/emissions/${encodeURIComponent(this.hotkeyOr(hotkey))}${since}`;
    return (await this.get(path, emissionsSchema)).emissions;
  }

  /** The devnet pays in TAO. */
  async alphaPrice(): Promise<null> {
    return null;
  }

  async close(): Promise<void> {
    this.feed.close();
  }

  private hotkeyOr(hotkey: string | undefined): string {
    const chosen = hotkey ?? this.hotkey;
    if (!chosen) {
      throw new NetworkError('invalid', 'No hotkey given, and this client has no signer.');
    }
    return chosen;
  }

  private get<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T>> {
    return withRetries(this.retry, () => this.http.request('GET', path, undefined, schema));
  }

  /** Signs and sends one write, after any earlier write of this client has finished. */
  private write<M extends WriteMethod, T extends z.ZodType>(
    method: M,
    params: WriteParams<M>,
    schema: T,
  ): Promise<z.output<T>> {
    const signer = this.signer;
    if (!signer) {
      return Promise.reject(
        new NetworkError('invalid', `This client has no signer, so it cannot ${method}.`),
      );
    }
    const path = WRITE_PATHS[method].slice(API_PREFIX.length);
    const send = () =>
      withRetries(this.retry, async () => {
        // A fresh nonce per attempt: a retry after a timeout must not look like a replay.
        const nonce = Math.max(Date.now(), this.lastNonce + 1);
        this.lastNonce = nonce;
        const message = signedMessage(this.info.chainId, method, signer.ss58Address, nonce, params);
        const signature = `0x${Buffer.from(await signer.sign(message)).toString('hex')}`;
        const body = { hotkey: signer.ss58Address, nonce, params, signature };
        return this.http.request('POST', path, body, schema);
      });
    const result = this.writes.then(send, send);
    this.writes = result.catch(() => {});
    return result;
  }
}
