import type { ApiPromise } from '@polkadot/api';
import type { Struct } from '@polkadot/types';
import type { Header } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import type { Signer } from '../../../protocol/signature';
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
} from '../chain';
import { formatTao, windowOfBlock } from '../chain';
import type { Commitment } from '../commitment';
import { NetworkError } from '../errors';
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from '../retry';
import { SubtensorBlockFeed } from './block-feed';
import { blockTimestamp, type SlotDurations } from './block-time';
import { commitmentFields, parseCommitment } from './commitment-data';
import { SubtensorConnection } from './connection';
import { minerEmissionIn } from './emission-events';
import {
  endpointOf,
  SUBTENSOR_BLOCK_MS,
  SUBTENSOR_GENESIS,
  type SubtensorNetwork,
} from './endpoints';
import { toNetworkError } from './rpc-errors';
import { callOf, hasCall, hasRuntimeCall, runtimeCall, storageItem } from './runtime-items';
import {
  ALL_METAGRAPH_INDEXES,
  dataFields,
  decodeSnapshot,
  type RawCommitment,
  type SubnetSnapshot,
} from './snapshot';
import { type Call, Transactions } from './transactions';
import { normalizedWeights } from './weights';

export interface SubtensorChainOptions {
  network: SubtensorNetwork;
  /** A node's ws:// or wss:// URL: required for `custom`, else it replaces the public entry point. */
  endpoint?: string;
  netuid: number;
  /** Signs commitments and weights; without one the client only reads. */
  hotkey?: Signer;
  /** Pays for registration; only needed while registering. */
  coldkey?: Signer;
  /** Blocks per protocol window (default 30: six minutes at 12 s blocks). */
  blocksPerWindow?: number;
  /** Retries of reads, and the waits between reconnections. */
  retry?: RetryPolicy;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** How long a sent transaction may take to reach a block before `timeout` (default 120 s). */
  inclusionTimeoutMs?: number;
  /**
   * The most a write signed without asking (`commit`, `setWeights`) may cost, in rao; above it
   * nothing is signed. Default 0: subtensor charges no fee for either today.
   */
  feeLimitRao?: bigint;
}

/** What a transaction will cost before it is signed, in rao. */
export interface TransactionCost {
  /** The network fee (0 for subtensor's fee-less calls: commitments, weights). */
  fee: bigint;
  /** TAO burnt by the call itself: the registration price. */
  burn: bigint;
  total: bigint;
}

export const DEFAULT_BLOCKS_PER_WINDOW = 30;
const BLOCKS_PER_DAY = 86_400_000 / SUBTENSOR_BLOCK_MS;
/** Epoch blocks read back for history; a day at the shortest tempos seen. */
const MAX_EPOCHS_READ = 80;

/**
 * The `Chain` on Bittensor's subtensor, through @polkadot/api. Reads go through the runtime APIs
 * where the runtime has them (`get_selective_mechagraph` for the metagraph and commitments) and
 * are retried on transient failures; writes are shown as a `TransactionCost` first, signed with
 * the wallet's `Signer` and waited for until they are in a block. Registration burns TAO, so
 * `register()` only finds an existing uid; paying is `registerWithColdkey(maxCost)`.
 */
export class SubtensorChain implements Chain {
  readonly params: ChainParams;
  readonly hotkey: string | undefined;
  private readonly api: ApiPromise;
  private readonly retry: RetryPolicy;
  private readonly slots: SlotDurations;
  private readonly feed: SubtensorBlockFeed;
  private readonly transactions: Transactions;
  private cached: { snapshot: SubnetSnapshot; at: number } | undefined;

  private constructor(
    private readonly connection: SubtensorConnection,
    private readonly options: SubtensorChainOptions,
    first: SubnetSnapshot,
  ) {
    this.api = connection.api;
    this.hotkey = options.hotkey?.ss58Address;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.slots = {
      aura: constantNumber(this.api, 'aura', 'slotDuration'),
      babe: constantNumber(this.api, 'babe', 'expectedBlockTime'),
    };
    this.params = {
      netuid: options.netuid,
      blocksPerWindow: options.blocksPerWindow ?? DEFAULT_BLOCKS_PER_WINDOW,
      // subtensor runs an epoch every tempo + 1 blocks (`blocks_until_next_epoch`)
      tempo: first.tempo + 1,
      blockMs: this.slots.aura ?? this.slots.babe ?? SUBTENSOR_BLOCK_MS,
    };
    this.cached = { snapshot: first, at: Date.now() };
    this.feed = new SubtensorBlockFeed(
      connection,
      (header) => this.blockInfo(header),
      this.params.blockMs,
    );
    this.transactions = new Transactions(
      this.api,
      connection.endpoint,
      options.inclusionTimeoutMs ?? 120_000,
    );
  }

  /** Connects, checks the node is the network asked for and that the subnet exists. */
  static async connect(options: SubtensorChainOptions): Promise<SubtensorChain> {
    if (!Number.isInteger(options.netuid) || options.netuid < 0 || options.netuid > 65_535) {
      throw new NetworkError('invalid', `${options.netuid} is not a subnet number (0 to 65535).`);
    }
    const endpoint = endpointOf(options.network, options.endpoint);
    const connection = await SubtensorConnection.open({
      endpoint,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    });
    try {
      const expected = SUBTENSOR_GENESIS[options.network];
      const genesis = connection.api.genesisHash.toHex();
      if (expected !== undefined && genesis !== expected) {
        throw new NetworkError(
          'rejected',
          `The node at ${endpoint} is not ${options.network} (its genesis is ${genesis}).`,
        );
      }
      const snapshot = await readSnapshot(
        connection,
        options.netuid,
        options.retry ?? DEFAULT_RETRY,
      );
      return new SubtensorChain(connection, options, snapshot);
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  get endpoint(): string {
    return this.connection.endpoint;
  }

  windowOf(block: number): number {
    return windowOfBlock(block, this.params.blocksPerWindow);
  }

  currentBlock(): Promise<BlockInfo> {
    return this.read('read the head block', async () =>
      this.blockInfo(await this.api.rpc.chain.getHeader()),
    );
  }

  subscribeBlocks(
    onBlock: (block: BlockInfo) => void,
    onError?: (error: Error) => void,
  ): Unsubscribe {
    return this.feed.subscribe(onBlock, onError);
  }

  async metagraph(): Promise<Metagraph> {
    return (await this.snapshot()).metagraph;
  }

  /**
   * Every registered hotkey's commitment as published, JSON or not (other subnets' miners commit
   * free text); `commitments()` keeps those this protocol can read.
   */
  async rawCommitments(): Promise<RawCommitment[]> {
    return (await this.snapshot()).commitments;
  }

  async commitments(): Promise<CommitmentRecord[]> {
    return (await this.rawCommitments()).flatMap(({ hotkey, uid, block, text }) => {
      const commitment = text === undefined ? undefined : parseCommitment(text);
      return commitment ? [{ hotkey, uid, block, commitment }] : [];
    });
  }

  /** The uid of a hotkey on this subnet, or undefined when it is not registered. */
  async uidOf(hotkey: string): Promise<number | undefined> {
    return (await this.metagraph()).neurons.find((n) => n.hotkey === hotkey)?.uid;
  }

  /** What registering costs right now (the subnet's burn), in rao; it moves every block. */
  async registrationCost(): Promise<bigint> {
    return (await this.snapshot({ fresh: true })).burn;
  }

  /**
   * The subnet's alpha price in rao of TAO per alpha (10^9 = 1 TAO per alpha): the swap's own
   * quote, or the pool's reserves where the runtime has no quote to give (older runtimes, or a
   * node that refuses the call).
   */
  async alphaPrice(): Promise<bigint> {
    if (hasRuntimeCall(this.api, 'swapRuntimeApi', 'currentAlphaPrice')) {
      const quote = runtimeCall(this.api, 'swapRuntimeApi', 'currentAlphaPrice');
      try {
        return await this.read('read the alpha price', async () =>
          BigInt((await quote(this.params.netuid)).toString()),
        );
      } catch (error) {
        if (!(error instanceof NetworkError) || error.kind !== 'rejected') throw error;
      }
    }
    const { taoIn, alphaIn } = await this.snapshot();
    if (alphaIn === 0n)
      throw new NetworkError(
        'not-found',
        `Subnet ${this.params.netuid}'s pool holds no alpha, so alpha has no price yet.`,
      );
    return (taoIn * 1_000_000_000n) / alphaIn;
  }

  async balance(hotkey?: string): Promise<Balance> {
    const address = this.hotkeyOr(hotkey);
    const free = await this.read(`read the balance of ${address}`, async () => {
      const account = (await storageItem(
        this.api,
        'system',
        'account',
      )(address)) as unknown as Struct;
      return BigInt((account.get('data') as Struct).get('free')!.toString());
    });
    const neuron = (await this.metagraph()).neurons.find((n) => n.hotkey === address);
    return { hotkey: address, balance: free, stake: neuron?.stake ?? 0n };
  }

  /**
   * The signer's existing registration. Registering burns TAO, so it is never done here:
   * `registerWithColdkey` does it after the cost was shown. Validator permits come from stake,
   * so `asValidator` is only granted to a hotkey that already holds one.
   */
  async register(options: RegisterOptions = {}): Promise<Registration> {
    const hotkey = this.requireSigner(this.options.hotkey, 'register', 'hotkey');
    const snapshot = await this.snapshot({ fresh: true });
    const neuron = snapshot.metagraph.neurons.find((n) => n.hotkey === hotkey.ss58Address);
    if (!neuron) {
      throw new NetworkError(
        'not-found',
        `${hotkey.ss58Address} is not registered on subnet ${this.params.netuid}. Registering burns TAO: ` +
          'show the cost and register with the coldkey.',
      );
    }
    if (options.asValidator && !neuron.validatorPermit) {
      throw new NetworkError(
        'rejected',
        `${hotkey.ss58Address} has no validator permit on subnet ${this.params.netuid}; permits go to the ` +
          'most staked hotkeys, so stake TAO to it first.',
      );
    }
    return { uid: neuron.uid, hotkey: hotkey.ss58Address, block: neuron.registeredAt };
  }

  /**
   * The cost of registering the hotkey, paid by `coldkeyAddress`, before anything is signed: the
   * burn and the network fee. A locked coldkey's address is enough to price it.
   */
  async previewRegister(coldkeyAddress: string): Promise<TransactionCost> {
    const hotkey = this.requireSigner(this.options.hotkey, 'register', 'hotkey');
    return this.registrationPrice(
      hotkey.ss58Address,
      await this.registrationCost(),
      coldkeyAddress,
    );
  }

  /**
   * Registers the hotkey, paying from the coldkey, unless burn and fee together have risen above
   * `maxCostRao` (what the user was shown and accepted): then nothing is signed. `paid` is the
   * cost as priced before signing (none when the hotkey was registered already).
   */
  async registerWithColdkey(maxCostRao: bigint): Promise<Registration & { paid: bigint }> {
    const coldkey = this.requireSigner(this.options.coldkey, 'register', 'coldkey');
    const hotkey = this.requireSigner(this.options.hotkey, 'register', 'hotkey');
    // one read of the subnet tells both whether the hotkey is registered and the burn now
    const snapshot = await this.snapshot({ fresh: true });
    const existing = registrationIn(snapshot, hotkey.ss58Address);
    if (existing) return { ...existing, paid: 0n };
    const { burn } = snapshot;
    // the burn alone may already be too much: no need to ask the node for a fee
    const cost =
      burn > maxCostRao
        ? { burn, fee: 0n, total: burn }
        : await this.registrationPrice(hotkey.ss58Address, burn, coldkey.ss58Address);
    this.refuseAbove(cost.total, maxCostRao, `Registering on subnet ${this.params.netuid}`);
    await this.transactions.send(
      // on chain, register_limit refuses a burn that rose past what is left for it
      this.registerCall(hotkey.ss58Address, maxCostRao - cost.fee),
      coldkey,
      'registration',
    );
    const registration = registrationIn(await this.snapshot({ fresh: true }), hotkey.ss58Address);
    if (!registration) {
      throw new NetworkError(
        'rejected',
        `The registration of ${hotkey.ss58Address} did not take effect.`,
      );
    }
    return { ...registration, paid: cost.total };
  }

  async previewCommit(commitment: Commitment): Promise<TransactionCost> {
    const hotkey = this.requireSigner(this.options.hotkey, 'commit', 'hotkey');
    const fee = await this.transactions.fee(this.commitCall(commitment), hotkey.ss58Address);
    return { fee, burn: 0n, total: fee };
  }

  /** Publishes the commitment if its fee is within the client's `feeLimitRao`. */
  async commit(commitment: Commitment): Promise<void> {
    await this.commitWithin(commitment, this.options.feeLimitRao ?? 0n);
  }

  /** Publishes the commitment unless its fee has risen above `maxCostRao`; returns the fee. */
  async commitWithin(commitment: Commitment, maxCostRao: bigint): Promise<bigint> {
    const hotkey = this.requireSigner(this.options.hotkey, 'commit', 'hotkey');
    const { total } = await this.previewCommit(commitment);
    this.refuseAbove(total, maxCostRao, 'Publishing the commitment');
    await this.transactions.send(this.commitCall(commitment), hotkey, 'commitment');
    // the next read should show the new commitment, not the subnet as cached before it
    this.cached = undefined;
    return total;
  }

  async previewSetWeights(
    weights: readonly WeightEntry[],
    versionKey: number,
  ): Promise<TransactionCost> {
    const hotkey = this.requireSigner(this.options.hotkey, 'set weights', 'hotkey');
    const fee = await this.transactions.fee(
      this.weightsCall(weights, versionKey),
      hotkey.ss58Address,
    );
    return { fee, burn: 0n, total: fee };
  }

  /** Sets weights if the fee is within the client's `feeLimitRao`. */
  async setWeights(weights: readonly WeightEntry[], versionKey: number): Promise<void> {
    const hotkey = this.requireSigner(this.options.hotkey, 'set weights', 'hotkey');
    const { total } = await this.previewSetWeights(weights, versionKey);
    this.refuseAbove(total, this.options.feeLimitRao ?? 0n, 'Setting weights');
    await this.transactions.send(this.weightsCall(weights, versionKey), hotkey, 'weights');
  }

  /**
   * Whether the subnet wants weights committed and revealed later: `setWeights` is then refused
   * by the chain, and this client does not implement commit-reveal.
   */
  async commitRevealEnabled(): Promise<boolean> {
    return (await this.snapshot({ fresh: true })).commitReveal;
  }

  /**
   * What the hotkey earned as a miner at each epoch since `sinceBlock` (default: a day back),
   * read from the epochs' `IncentiveAlphaEmittedToMiners` events, in alpha rao. Nodes that
   * keep no old state (most but archive nodes) end the history early.
   */
  async emissionHistory(
    hotkey?: string,
    options: { sinceBlock?: number } = {},
  ): Promise<EmissionRecord[]> {
    const address = this.hotkeyOr(hotkey);
    const { lastStep: lastEpoch, tempo, metagraph } = await this.snapshot();
    const neuron = metagraph.neurons.find((n) => n.hotkey === address);
    if (!neuron) return [];
    const { uid } = neuron;
    const head = (await this.currentBlock()).block;
    // before its registration the uid was someone else's
    const since = Math.max(options.sinceBlock ?? head - BLOCKS_PER_DAY, neuron.registeredAt);
    const history: EmissionRecord[] = [];
    for (let n = 0, block = lastEpoch; n < MAX_EPOCHS_READ && block >= since && block > 0; n++) {
      let earned: bigint | undefined;
      try {
        const hash = await this.api.rpc.chain.getBlockHash(block);
        const events = await storageItem(await this.api.at(hash), 'system', 'events')();
        earned = minerEmissionIn(events as unknown as Codec[], this.params.netuid, uid);
      } catch {
        break; // state pruned on this node: history ends here
      }
      if (earned !== undefined) history.unshift({ block, incentive: earned, dividends: 0n });
      block -= tempo + 1;
    }
    return history;
  }

  async close(): Promise<void> {
    this.feed.close();
    await this.connection.close();
  }

  // --- reads ---

  /**
   * The subnet at the head, reused within one block time: a metagraph, its commitments and the
   * burn come from one call, and callers often want several of them at once.
   */
  private async snapshot(options: { fresh?: boolean } = {}): Promise<SubnetSnapshot> {
    const cached = this.cached;
    if (!options.fresh && cached && Date.now() - cached.at < this.params.blockMs)
      return cached.snapshot;
    const snapshot = await readSnapshot(this.connection, this.params.netuid, this.retry);
    this.cached = { snapshot, at: Date.now() };
    return snapshot;
  }

  /** Burn and network fee of registering `hotkey` with `burn` as the limit, paid by `payer`. */
  private async registrationPrice(
    hotkey: string,
    burn: bigint,
    payer: string,
  ): Promise<TransactionCost> {
    const fee = await this.transactions.fee(this.registerCall(hotkey, burn), payer);
    return { fee, burn, total: fee + burn };
  }

  private read<T>(doing: string, call: () => Promise<T>): Promise<T> {
    return withRetries(this.retry, async () => {
      try {
        return await call();
      } catch (error) {
        throw toNetworkError(error, doing, this.endpoint);
      }
    });
  }

  private blockInfo(header: Header): BlockInfo {
    const block = header.number.toNumber();
    return { block, window: this.windowOf(block), timestamp: blockTimestamp(header, this.slots) };
  }

  // --- calls ---

  private registerCall(hotkey: string, limitRao: bigint): Call {
    // register_limit fails on chain if the price rose past the limit between preview and block
    if (hasCall(this.api, 'subtensorModule', 'registerLimit')) {
      return callOf(this.api, 'subtensorModule', 'registerLimit')(
        this.params.netuid,
        hotkey,
        limitRao,
      );
    }
    return callOf(this.api, 'subtensorModule', 'burnedRegister')(this.params.netuid, hotkey);
  }

  private commitCall(commitment: Commitment): Call {
    return callOf(
      this.api,
      'commitments',
      'setCommitment',
    )(this.params.netuid, {
      fields: commitmentFields(commitment),
    });
  }

  private weightsCall(weights: readonly WeightEntry[], versionKey: number): Call {
    const { uids, values } = normalizedWeights(weights);
    return callOf(this.api, 'subtensorModule', 'setWeights')(
      this.params.netuid,
      uids,
      values,
      versionKey,
    );
  }

  private hotkeyOr(hotkey: string | undefined): string {
    const chosen = hotkey ?? this.hotkey;
    if (!chosen)
      throw new NetworkError('invalid', 'No hotkey given, and this client has no hotkey.');
    return chosen;
  }

  /** What the user accepted is the most a write may cost: above it, nothing is signed. */
  private refuseAbove(cost: bigint, maxCostRao: bigint, doing: string): void {
    if (cost <= maxCostRao) return;
    throw new NetworkError(
      'rejected',
      `${doing} costs ${formatTao(cost)} TAO now, more than the ${formatTao(maxCostRao)} TAO accepted; ` +
        'nothing was signed.',
    );
  }

  private requireSigner(signer: Signer | undefined, action: string, key: string): Signer {
    if (!signer) {
      throw new NetworkError('invalid', `This client has no ${key}, so it cannot ${action}.`);
    }
    return signer;
  }
}

function constantNumber(api: ApiPromise, pallet: string, name: string): number | undefined {
  const value = api.consts[pallet]?.[name];
  return value === undefined ? undefined : Number(value.toString());
}

function registrationIn(snapshot: SubnetSnapshot, hotkey: string): Registration | undefined {
  const neuron = snapshot.metagraph.neurons.find((n) => n.hotkey === hotkey);
  return neuron && { uid: neuron.uid, hotkey, block: neuron.registeredAt };
}

/** One `get_selective_mechagraph` call, decoded (`snapshot.ts`). */
function readSnapshot(
  connection: SubtensorConnection,
  netuid: number,
  retry: RetryPolicy,
): Promise<SubnetSnapshot> {
  const { api, endpoint } = connection;
  return withRetries(retry, async () => {
    try {
      const mechagraph = runtimeCall(api, 'subnetInfoRuntimeApi', 'getSelectiveMechagraph');
      const answer = await mechagraph(netuid, 0, ALL_METAGRAPH_INDEXES);
      const registrationType = api.registry.createLookupType(
        storageItem(api, 'commitments', 'commitmentOf').creator.meta.type.asMap.value,
      );
      return decodeSnapshot(answer, netuid, (bytes) =>
        dataFields(api.registry.createType(registrationType, bytes) as unknown as Struct),
      );
    } catch (error) {
      throw toNetworkError(error, `read the metagraph of subnet ${netuid}`, endpoint);
    }
  });
}
