import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatTao } from '../core/network/chain';
import { signaturesReady } from '../protocol/signature';
import { BlockClock } from './block-clock';
import { DevnetError } from './errors';
import { DevnetServer } from './http-api';
import { Ledger } from './ledger';
import { type ConsensusParams, checkParams, DEFAULT_PARAMS, type DevnetParams } from './params';
import { type BlockOutcome, Subnet } from './subnet';

export interface CoordinatorOptions {
  /** Holds `chain.sqlite`; created if missing. */
  dataDir: string;
  /** Parameters to use; consensus ones only apply when the data directory is new. */
  params?: Partial<DevnetParams>;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  log?: (line: string) => void;
  /** Called after each block is stored and pushed (tests and the CLI watch it). */
  onBlock?: (outcome: BlockOutcome) => void;
}

export interface Coordinator {
  readonly url: string;
  readonly port: number;
  readonly chainId: string;
  readonly params: DevnetParams;
  readonly subnet: Subnet;
  /** Stops making blocks, closes the API, and closes the state file. */
  stop(): Promise<void>;
}

export const STATE_FILE = 'chain.sqlite';

/**
 * Starts the devnet coordinator: opens (or creates) its state, serves the API, and makes a block
 * every `blockMs`. The chain does not advance while the coordinator is stopped: a restart
 * continues from the last stored block.
 */
export async function startCoordinator(options: CoordinatorOptions): Promise<Coordinator> {
  const requested = { ...DEFAULT_PARAMS, ...definedOnly(options.params ?? {}) };
  const problem = checkParams(requested);
  if (problem) throw new DevnetError('invalid-request', `Devnet parameters: ${problem}.`);
  await signaturesReady(); // sr25519 verification runs in WebAssembly

  mkdirSync(options.dataDir, { recursive: true });
  const explicit = new Set(
    Object.keys(definedOnly(options.params ?? {})).filter((k) => k !== 'blockMs'),
  ) as Set<keyof ConsensusParams>;
  const { blockMs, ...consensus } = requested;
  const ledger = Ledger.open(join(options.dataDir, STATE_FILE), consensus, explicit);
  const subnet = new Subnet(ledger);
  let server: DevnetServer;
  try {
    server = await DevnetServer.start(subnet, {
      blockMs,
      ...(options.host ? { host: options.host } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    ledger.close();
    throw error;
  }

  const clock = new BlockClock(blockMs, () => {
    let outcome: BlockOutcome;
    try {
      outcome = subnet.produceBlock(Date.now());
    } catch (error) {
      // The block is not made; the next tick tries again. A full disk should not end the network.
      options.log?.(`could not store block: ${(error as Error).message}`);
      return;
    }
    const { head } = outcome;
    server.broadcast({ type: 'block', ...head });
    if (outcome.newWindow) server.broadcast({ type: 'window', ...head });
    if (outcome.epoch !== undefined) {
      server.broadcast({ type: 'epoch', block: head.block, epoch: outcome.epoch });
      const paid = outcome.paid!;
      options.log?.(
        paid.hotkeys > 0
          ? `epoch ${outcome.epoch} at block ${head.block}: paid ${formatTao(paid.total)} TAO to ${paid.hotkeys} hotkeys`
          : `epoch ${outcome.epoch} at block ${head.block}: nobody earned (no validator weights agreed on)`,
      );
    }
    options.onBlock?.(outcome);
  });
  clock.start();

  let stopped: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    chainId: subnet.chainId,
    params: { ...ledger.params, blockMs },
    subnet,
    stop() {
      stopped ??= (async () => {
        clock.stop();
        await server.close();
        ledger.close();
      })();
      return stopped;
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
