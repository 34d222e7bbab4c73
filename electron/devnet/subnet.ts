import type { Commitment } from '../core/network/commitment';
import { NONCE_TOLERANCE_MS } from '../core/network/devnet-api';
import { canonicalJson } from '../protocol/canonical-json';
import { splitEmission } from './emission';
import { DevnetError } from './errors';
import type { CommitmentRow, EmissionRow, Ledger, NeuronRow, WeightsRow } from './ledger';
import { NETUID } from './params';
import { yumaConsensus } from './yuma';

export interface HeadBlock {
  block: number;
  window: number;
  timestamp: number;
}

/** What making one block did, for the pushes that announce it. */
export interface BlockOutcome {
  head: HeadBlock;
  /** The block starts a new window. */
  newWindow: boolean;
  /** The epoch number when this block was a tempo boundary and emissions were paid. */
  epoch?: number;
  /** At an epoch: the rao paid out and to how many hotkeys. */
  paid?: { total: bigint; hotkeys: number };
}

/**
 * The rules of the devnet's one subnet, over the ledger: blocks, registration and pruning,
 * commitments, weights, and emissions at each tempo. Every change is one ledger transaction.
 * Callers have already checked who is asking (`request-auth.ts`); these methods check what is
 * asked.
 */
export class Subnet {
  constructor(private readonly ledger: Ledger) {}

  get chainId(): string {
    return this.ledger.chainId;
  }

  get params() {
    return this.ledger.params;
  }

  get netuid(): number {
    return NETUID;
  }

  head(): HeadBlock {
    const { block, timestamp } = this.ledger.head();
    return { block, window: this.windowOf(block), timestamp };
  }

  windowOf(block: number): number {
    return Math.floor(block / this.params.blocksPerWindow);
  }

  /** Makes the next block; at a tempo boundary, runs consensus and pays the tempo's emission. */
  produceBlock(now: number): BlockOutcome {
    return this.ledger.transaction(() => {
      const block = this.ledger.head().block + 1;
      this.ledger.setHead(block, now);
      const outcome: BlockOutcome = {
        head: { block, window: this.windowOf(block), timestamp: now },
        newWindow: block % this.params.blocksPerWindow === 0,
      };
      if (block % this.params.tempo === 0) {
        outcome.paid = this.runEpoch(block);
        outcome.epoch = block / this.params.tempo;
      }
      return outcome;
    });
  }

  /**
   * Accepts `nonce` from `hotkey` once: it must be near our clock and above the last one this
   * hotkey used. Consumed even if the request is then refused, so a refused request cannot be
   * replayed later when it might succeed.
   */
  acceptNonce(hotkey: string, nonce: number, now: number): void {
    if (Math.abs(nonce - now) > NONCE_TOLERANCE_MS) {
      throw new DevnetError(
        'stale-nonce',
        `The request's nonce ${nonce} is more than ${NONCE_TOLERANCE_MS / 60_000} minutes from the coordinator's clock (${now}); nonces are the sender's time in milliseconds.`,
      );
    }
    this.ledger.transaction(() => {
      const last = this.ledger.lastNonce(hotkey);
      if (last !== undefined && nonce <= last) {
        throw new DevnetError(
          'replayed',
          `Nonce ${nonce} was not above ${last}, the last one ${hotkey} used: the request is a replay or out of order.`,
        );
      }
      this.ledger.setNonce(hotkey, nonce);
    });
  }

  register(hotkey: string, asValidator: boolean): { uid: number; block: number; pruned?: string } {
    return this.ledger.transaction(() => {
      const existing = this.ledger.neuronByHotkey(hotkey);
      if (existing) {
        if (existing.validator !== asValidator) {
          throw new DevnetError(
            'already-registered',
            `${hotkey} is already registered as a ${existing.validator ? 'validator' : 'miner'} at uid ${existing.uid}.`,
          );
        }
        return { uid: existing.uid, block: existing.registeredAt };
      }
      const block = this.ledger.head().block;
      const neurons = this.ledger.neurons();
      let uid: number;
      let pruned: string | undefined;
      if (neurons.length < this.params.maxUids) {
        uid = lowestFreeUid(neurons);
      } else {
        const victim = this.pruningCandidate(neurons, block);
        if (!victim) {
          throw new DevnetError(
            'subnet-full',
            `The subnet's ${this.params.maxUids} uids are all validators or still immune; try again later.`,
          );
        }
        this.ledger.deleteNeuron(victim.uid);
        uid = victim.uid;
        pruned = victim.hotkey;
      }
      this.ledger.insertNeuron({
        uid,
        hotkey,
        registeredAt: block,
        stake: asValidator ? this.params.validatorStake : 0n,
        validator: asValidator,
      });
      return { uid, block, ...(pruned ? { pruned } : {}) };
    });
  }

  commit(hotkey: string, commitment: Commitment): { block: number } {
    return this.ledger.transaction(() => {
      this.registered(hotkey);
      const block = this.ledger.head().block;
      this.ledger.setCommitment(hotkey, canonicalJson(commitment), block);
      return { block };
    });
  }

  setWeights(
    hotkey: string,
    uids: readonly number[],
    weights: readonly number[],
    versionKey: number,
  ): { block: number } {
    return this.ledger.transaction(() => {
      const neuron = this.registered(hotkey);
      if (!neuron.validator) {
        throw new DevnetError(
          'not-validator',
          `${hotkey} (uid ${neuron.uid}) has no validator permit; only validators set weights.`,
        );
      }
      const known = new Set(this.ledger.neurons().map((n) => n.uid));
      for (const uid of uids) {
        if (uid === neuron.uid) {
          throw new DevnetError('invalid-weights', 'A validator cannot put weight on its own uid.');
        }
        if (!known.has(uid)) {
          throw new DevnetError('invalid-weights', `Uid ${uid} is not registered on the subnet.`);
        }
      }
      const total = weights.reduce((a, b) => a + b, 0);
      if (!(total > 0) || !Number.isFinite(total)) {
        throw new DevnetError('invalid-weights', 'Weights must be finite and not all zero.');
      }
      const block = this.ledger.head().block;
      this.ledger.replaceWeights({
        uid: neuron.uid,
        versionKey,
        block,
        weights: uids
          .map((uid, k) => ({ uid, weight: weights[k]! / total }))
          .filter((entry) => entry.weight > 0)
          .sort((a, b) => a.uid - b.uid),
      });
      return { block };
    });
  }

  neurons(): NeuronRow[] {
    return this.ledger.neurons();
  }

  commitments(): CommitmentRow[] {
    return this.ledger.commitments();
  }

  weights(): WeightsRow[] {
    return this.ledger.weights();
  }

  balance(hotkey: string): { balance: bigint; stake: bigint } {
    return {
      balance: this.ledger.balance(hotkey),
      stake: this.ledger.neuronByHotkey(hotkey)?.stake ?? 0n,
    };
  }

  emissions(hotkey: string, sinceBlock?: number): EmissionRow[] {
    return this.ledger.emissions(hotkey, sinceBlock);
  }

  private registered(hotkey: string): NeuronRow {
    const neuron = this.ledger.neuronByHotkey(hotkey);
    if (!neuron) {
      throw new DevnetError('not-registered', `${hotkey} is not registered on the subnet.`);
    }
    return neuron;
  }

  /**
   * The uid a new registration takes from a full subnet: the lowest incentive among miners past
   * their immunity, the oldest registration on a tie. Validators are never pruned here: the
   * devnet's stake is granted, not earned, and a network without its validators pays nobody.
   */
  private pruningCandidate(neurons: NeuronRow[], block: number): NeuronRow | undefined {
    return neurons
      .filter((n) => !n.validator && block - n.registeredAt >= this.params.immunityBlocks)
      .sort(
        (a, b) => a.incentive - b.incentive || a.registeredAt - b.registeredAt || a.uid - b.uid,
      )[0];
  }

  /** One Yuma epoch at `block`: consensus over current weights, then pay the tempo's emission. */
  private runEpoch(block: number): { total: bigint; hotkeys: number } {
    const neurons = this.ledger.neurons();
    const index = new Map(neurons.map((n, i) => [n.uid, i]));
    const rows = new Map(this.ledger.weights().map((row) => [row.uid, row]));
    const stakes = neurons.map((n) => (n.validator ? Number(n.stake) : 0));
    const weights = neurons.map((n) => {
      const row = rows.get(n.uid);
      if (!n.validator || !row) return undefined;
      const dense = new Array<number>(neurons.length).fill(0);
      for (const entry of row.weights) {
        const j = index.get(entry.uid);
        if (j !== undefined && j !== index.get(n.uid)) dense[j] = entry.weight;
      }
      // Weights on uids since pruned were dropped with them; what is left is renormalised.
      const sum = dense.reduce((a, b) => a + b, 0);
      return sum > 0 ? dense.map((w) => w / sum) : undefined;
    });
    const result = yumaConsensus({ stakes, weights });
    const pool = BigInt(this.params.tempo) * this.params.emissionPerBlock;
    const paid = splitEmission(pool, result.incentive, result.dividends);
    let total = 0n;
    let hotkeys = 0;
    neurons.forEach((neuron, i) => {
      const incentive = paid.incentive[i]!;
      const dividends = paid.dividends[i]!;
      this.ledger.setEpochResult(neuron.uid, {
        incentive: result.incentive[i]!,
        consensus: result.consensus[i]!,
        dividends: result.dividends[i]!,
        emission: incentive + dividends,
      });
      if (incentive + dividends > 0n) {
        this.ledger.pay(neuron.hotkey, block, incentive, dividends);
        total += incentive + dividends;
        hotkeys++;
      }
    });
    return { total, hotkeys };
  }
}

function lowestFreeUid(neurons: readonly NeuronRow[]): number {
  const taken = new Set(neurons.map((n) => n.uid));
  let uid = 0;
  while (taken.has(uid)) uid++;
  return uid;
}
