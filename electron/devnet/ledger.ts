import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Commitment } from '../core/network/commitment';
import { DevnetError } from './errors';
import type { ConsensusParams } from './params';

/** One uid's row, as the subnet rules read and write it. */
export interface NeuronRow {
  uid: number;
  hotkey: string;
  registeredAt: number;
  stake: bigint;
  validator: boolean;
  incentive: number;
  consensus: number;
  dividends: number;
  emission: bigint;
  lastUpdate: number;
}

export interface WeightsRow {
  uid: number;
  versionKey: number;
  block: number;
  /** Normalised to sum to 1, by target uid. */
  weights: { uid: number; weight: number }[];
}

export interface CommitmentRow {
  hotkey: string;
  uid: number;
  block: number;
  commitment: Commitment;
}

export interface EmissionRow {
  block: number;
  incentive: bigint;
  dividends: bigint;
}

const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  block INTEGER NOT NULL,
  timestamp INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS neurons (
  uid INTEGER PRIMARY KEY,
  hotkey TEXT NOT NULL UNIQUE,
  registered_at INTEGER NOT NULL,
  stake INTEGER NOT NULL,
  validator INTEGER NOT NULL,
  incentive REAL NOT NULL DEFAULT 0,
  consensus REAL NOT NULL DEFAULT 0,
  dividends REAL NOT NULL DEFAULT 0,
  emission INTEGER NOT NULL DEFAULT 0,
  last_update INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS commitments (
  hotkey TEXT PRIMARY KEY REFERENCES neurons(hotkey) ON DELETE CASCADE,
  body TEXT NOT NULL,
  block INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS weight_sets (
  uid INTEGER PRIMARY KEY REFERENCES neurons(uid) ON DELETE CASCADE,
  version_key INTEGER NOT NULL,
  block INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS weights (
  validator_uid INTEGER NOT NULL REFERENCES weight_sets(uid) ON DELETE CASCADE,
  target_uid INTEGER NOT NULL REFERENCES neurons(uid) ON DELETE CASCADE,
  weight REAL NOT NULL,
  PRIMARY KEY (validator_uid, target_uid)
);
CREATE TABLE IF NOT EXISTS balances (hotkey TEXT PRIMARY KEY, balance INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS emissions (
  hotkey TEXT NOT NULL,
  block INTEGER NOT NULL,
  incentive INTEGER NOT NULL,
  dividends INTEGER NOT NULL,
  PRIMARY KEY (hotkey, block)
);
CREATE TABLE IF NOT EXISTS nonces (hotkey TEXT PRIMARY KEY, last INTEGER NOT NULL);
`;

/**
 * The devnet's state in one SQLite file. Every change the subnet rules make goes through a
 * transaction, with WAL and synchronous=FULL, so a crash (even SIGKILL or power loss) loses at
 * most the block being made, never half of one. The file is held with an exclusive lock while
 * open, so two coordinators cannot run on one data directory.
 *
 * Amounts are INTEGER rao read back as bigint; everything else is small enough for a number.
 */
export class Ledger {
  readonly chainId: string;
  readonly params: ConsensusParams;
  private readonly db: Database.Database;

  private constructor(db: Database.Database, chainId: string, params: ConsensusParams) {
    this.db = db;
    this.chainId = chainId;
    this.params = params;
  }

  /**
   * Opens the ledger at `path`, creating it with `params` (and a fresh chain id) when it is new.
   * An existing ledger keeps its own parameters; asking for different ones is an error.
   */
  static open(
    path: string,
    params: ConsensusParams,
    explicit: ReadonlySet<keyof ConsensusParams>,
  ): Ledger {
    let db: Database.Database;
    try {
      // A short busy wait: the only other user of the file can be a second coordinator.
      db = new Database(path, { timeout: 250 });
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // Taking the write lock now makes a second coordinator on this file fail at start.
      db.exec('BEGIN IMMEDIATE; COMMIT;');
    } catch (error) {
      const busy = (error as { code?: string }).code?.startsWith('SQLITE_BUSY');
      throw new DevnetError(
        busy ? 'data-dir-in-use' : 'storage-failed',
        busy
          ? `The devnet state at ${path} is in use by another coordinator.`
          : `Could not open the devnet state at ${path}: ${(error as Error).message}.`,
      );
    }
    try {
      db.exec(SCHEMA);
      const meta = (key: string) =>
        (
          db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
            | { value: string }
            | undefined
        )?.value;
      const version = meta('schema');
      if (version === undefined) {
        const chainId = randomBytes(16).toString('hex');
        db.transaction(() => {
          const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
          put.run('schema', SCHEMA_VERSION);
          put.run('chain_id', chainId);
          put.run('params', serializeParams(params));
          db.prepare('INSERT INTO head (id, block, timestamp) VALUES (1, 0, ?)').run(Date.now());
        })();
        return new Ledger(db, chainId, params);
      }
      if (version !== SCHEMA_VERSION) {
        throw new DevnetError(
          'storage-failed',
          `The devnet state at ${path} has schema ${version}; this build reads ${SCHEMA_VERSION}.`,
        );
      }
      const stored = deserializeParams(meta('params')!);
      for (const name of explicit) {
        if (stored[name] !== params[name]) {
          throw new DevnetError(
            'params-mismatch',
            `The devnet at ${path} was created with ${name} ${stored[name]}, not ${params[name]}; ` +
              'use a new data directory to change it.',
          );
        }
      }
      return new Ledger(db, meta('chain_id')!, stored);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `change` as one transaction: all of it is stored, or none. */
  transaction<T>(change: () => T): T {
    return this.db.transaction(change).immediate();
  }

  head(): { block: number; timestamp: number } {
    return this.db.prepare('SELECT block, timestamp FROM head WHERE id = 1').get() as {
      block: number;
      timestamp: number;
    };
  }

  setHead(block: number, timestamp: number): void {
    this.db.prepare('UPDATE head SET block = ?, timestamp = ? WHERE id = 1').run(block, timestamp);
  }

  neurons(): NeuronRow[] {
    return (this.neuronQuery('ORDER BY uid').all() as RawNeuron[]).map(toNeuron);
  }

  neuronByHotkey(hotkey: string): NeuronRow | undefined {
    const raw = this.neuronQuery('WHERE hotkey = ?').get(hotkey) as RawNeuron | undefined;
    return raw && toNeuron(raw);
  }

  insertNeuron(
    neuron: Pick<NeuronRow, 'uid' | 'hotkey' | 'registeredAt' | 'stake' | 'validator'>,
  ): void {
    this.db
      .prepare(
        'INSERT INTO neurons (uid, hotkey, registered_at, stake, validator, last_update) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        neuron.uid,
        neuron.hotkey,
        neuron.registeredAt,
        neuron.stake,
        neuron.validator ? 1 : 0,
        neuron.registeredAt,
      );
  }

  /** Removes a uid with its commitment and weights (both its own and those given to it). */
  deleteNeuron(uid: number): void {
    this.db.prepare('DELETE FROM neurons WHERE uid = ?').run(uid);
  }

  setEpochResult(
    uid: number,
    result: { incentive: number; consensus: number; dividends: number; emission: bigint },
  ): void {
    this.db
      .prepare(
        'UPDATE neurons SET incentive = ?, consensus = ?, dividends = ?, emission = ? WHERE uid = ?',
      )
      .run(result.incentive, result.consensus, result.dividends, result.emission, uid);
  }

  weights(): WeightsRow[] {
    const sets = this.db
      .prepare('SELECT uid, version_key AS versionKey, block FROM weight_sets ORDER BY uid')
      .all() as Omit<WeightsRow, 'weights'>[];
    const entries = this.db.prepare(
      'SELECT target_uid AS uid, weight FROM weights WHERE validator_uid = ? ORDER BY target_uid',
    );
    return sets.map((set) => ({
      ...set,
      weights: entries.all(set.uid) as { uid: number; weight: number }[],
    }));
  }

  replaceWeights(row: WeightsRow): void {
    this.db.prepare('DELETE FROM weight_sets WHERE uid = ?').run(row.uid);
    this.db
      .prepare('INSERT INTO weight_sets (uid, version_key, block) VALUES (?, ?, ?)')
      .run(row.uid, row.versionKey, row.block);
    const insert = this.db.prepare(
      'INSERT INTO weights (validator_uid, target_uid, weight) VALUES (?, ?, ?)',
    );
    for (const entry of row.weights) insert.run(row.uid, entry.uid, entry.weight);
    this.db.prepare('UPDATE neurons SET last_update = ? WHERE uid = ?').run(row.block, row.uid);
  }

  commitments(): CommitmentRow[] {
    const rows = this.db
      .prepare(
        `SELECT c.hotkey, n.uid, c.block, c.body FROM commitments c
         JOIN neurons n ON n.hotkey = c.hotkey ORDER BY n.uid`,
      )
      .all() as { hotkey: string; uid: number; block: number; body: string }[];
    return rows.map(({ body, ...row }) => ({ ...row, commitment: JSON.parse(body) as Commitment }));
  }

  setCommitment(hotkey: string, body: string, block: number): void {
    this.db
      .prepare(
        `INSERT INTO commitments (hotkey, body, block) VALUES (?, ?, ?)
         ON CONFLICT(hotkey) DO UPDATE SET body = excluded.body, block = excluded.block`,
      )
      .run(hotkey, body, block);
  }

  balance(hotkey: string): bigint {
    const row = this.db
      .prepare('SELECT balance FROM balances WHERE hotkey = ?')
      .safeIntegers(true)
      .get(hotkey) as { balance: bigint } | undefined;
    return row?.balance ?? 0n;
  }

  /** Adds to a hotkey's balance and records the payment in its emission history. */
  pay(hotkey: string, block: number, incentive: bigint, dividends: bigint): void {
    this.db
      .prepare(
        `INSERT INTO balances (hotkey, balance) VALUES (?, ?)
         ON CONFLICT(hotkey) DO UPDATE SET balance = balance + excluded.balance`,
      )
      .run(hotkey, incentive + dividends);
    this.db
      .prepare('INSERT INTO emissions (hotkey, block, incentive, dividends) VALUES (?, ?, ?, ?)')
      .run(hotkey, block, incentive, dividends);
  }

  emissions(hotkey: string, sinceBlock = 0): EmissionRow[] {
    const rows = this.db
      .prepare(
        'SELECT block, incentive, dividends FROM emissions WHERE hotkey = ? AND block >= ? ORDER BY block',
      )
      .safeIntegers(true)
      .all(hotkey, sinceBlock) as { block: bigint; incentive: bigint; dividends: bigint }[];
    return rows.map((row) => ({ ...row, block: Number(row.block) }));
  }

  lastNonce(hotkey: string): number | undefined {
    const row = this.db.prepare('SELECT last FROM nonces WHERE hotkey = ?').get(hotkey) as
      | { last: number }
      | undefined;
    return row?.last;
  }

  setNonce(hotkey: string, nonce: number): void {
    this.db
      .prepare(
        `INSERT INTO nonces (hotkey, last) VALUES (?, ?)
         ON CONFLICT(hotkey) DO UPDATE SET last = excluded.last`,
      )
      .run(hotkey, nonce);
  }

  private neuronQuery(tail: string) {
    return this.db
      .prepare(
        `SELECT uid, hotkey, registered_at, stake, validator, incentive, consensus, dividends,
                emission, last_update FROM neurons ${tail}`,
      )
      .safeIntegers(true);
  }
}

interface RawNeuron {
  uid: bigint;
  hotkey: string;
  registered_at: bigint;
  stake: bigint;
  validator: bigint;
  incentive: number;
  consensus: number;
  dividends: number;
  emission: bigint;
  last_update: bigint;
}

function toNeuron(raw: RawNeuron): NeuronRow {
  return {
    uid: Number(raw.uid),
    hotkey: raw.hotkey,
    registeredAt: Number(raw.registered_at),
    stake: raw.stake,
    validator: raw.validator === 1n,
    incentive: raw.incentive,
    consensus: raw.consensus,
    dividends: raw.dividends,
    emission: raw.emission,
    lastUpdate: Number(raw.last_update),
  };
}

function serializeParams(params: ConsensusParams): string {
  return JSON.stringify(params, (_key, value) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

function deserializeParams(text: string): ConsensusParams {
  const raw = JSON.parse(text) as Record<string, number | string>;
  return {
    blocksPerWindow: Number(raw.blocksPerWindow),
    tempo: Number(raw.tempo),
    maxUids: Number(raw.maxUids),
    immunityBlocks: Number(raw.immunityBlocks),
    validatorStake: BigInt(raw.validatorStake!),
    emissionPerBlock: BigInt(raw.emissionPerBlock!),
  };
}
