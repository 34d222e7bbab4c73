/**
 * The embedded devnet a desktop user trains on by default: the coordinator (the chain's role) and
 * the reference validator, on this machine, with their state in the data directory so a restart
 * continues the same network.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Coordinator, STATE_FILE, startCoordinator } from '../../devnet/coordinator';
import type { DevnetParams } from '../../devnet/params';
import type { ExecutionProviderName } from '../../engine/runtime/execution-providers';
import type { Trainer } from '../../engine/worker/spawn-trainer';
import { devSigner } from '../../protocol/signature';
import { devnetRun, type RunParams } from '../../protocol/windows';
import { localBucket } from '../miner/local-bucket';
import { DevnetChain } from '../network/devnet-chain';
import { Validator, type ValidatorEvent } from '../validator/validator';

/**
 * 1 s blocks, 15-block windows and one window per tempo, so rewards follow every window. Measured
 * on a 2-core CPU (nano, 15 inner steps of 4 × 64 tokens): training takes 2-5 s of a window's
 * 15 s, and the first reward arrives at the start of the third window after joining
 * (docs/PROTOCOL.md §8.8).
 */
export const EMBEDDED_DEVNET: Partial<DevnetParams> = {
  blockMs: 1_000,
  blocksPerWindow: 15,
  tempo: 15,
  immunityBlocks: 0,
};

/** The embedded validator's development key: a local network has no funds to protect. */
const VALIDATOR_KEY = '//tessera-validator';

export interface EmbeddedNetworkOptions {
  /** Holds `devnet/` (the coordinator's state) and `buckets/` (every node's folder bucket). */
  dataDir: string;
  spawnTrainer: () => Trainer;
  providers?: ExecutionProviderName[];
  threads?: number;
  /** Overrides of the devnet's consensus parameters, for a new network only. */
  params?: Partial<DevnetParams>;
  /** Overrides of the run the validator publishes (a smaller step for tests on a slow machine). */
  run?: Partial<RunParams>;
  onValidatorEvent?: (event: ValidatorEvent) => void;
}

export interface EmbeddedNetwork {
  url: string;
  chainId: string;
  buckets: string;
  /** Resolves once the validator has published the run and its first checkpoint. */
  validatorReady: Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbeddedNetwork(
  options: EmbeddedNetworkOptions,
): Promise<EmbeddedNetwork> {
  const devnetDir = join(options.dataDir, 'devnet');
  const isNew = !existsSync(join(devnetDir, STATE_FILE));
  const params = { ...EMBEDDED_DEVNET, ...options.params };
  const coordinator: Coordinator = await startCoordinator({
    dataDir: devnetDir,
    port: 0,
    // Consensus parameters are fixed when the network is made; reuse what it has.
    params: isNew ? params : { blockMs: params.blockMs! },
  });
  const buckets = join(options.dataDir, 'buckets');
  let chain: DevnetChain | undefined;
  let validator: Validator | undefined;
  try {
    const signer = await devSigner(VALIDATOR_KEY);
    chain = await DevnetChain.connect(coordinator.url, { signer });
    validator = new Validator({
      chain,
      signer,
      bucket: localBucket(buckets, signer.ss58Address),
      run: devnetRun(
        { chainId: chain.chainId, blocksPerWindow: chain.params.blocksPerWindow },
        options.run,
      ),
      spawnTrainer: options.spawnTrainer,
      ...(options.providers ? { providers: options.providers } : {}),
      ...(options.threads ? { threads: options.threads } : {}),
      allowFolders: true,
      ...(options.onValidatorEvent ? { onEvent: options.onValidatorEvent } : {}),
    });
  } catch (error) {
    await chain?.close().catch(() => undefined);
    await coordinator.stop();
    throw error;
  }
  const v = validator;
  const c = chain;
  return {
    url: coordinator.url,
    chainId: coordinator.chainId,
    buckets,
    validatorReady: v.start(),
    async stop() {
      await v.stop();
      await c.close().catch(() => undefined);
      await coordinator.stop();
    },
  };
}
