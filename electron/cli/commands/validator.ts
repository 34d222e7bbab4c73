import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isLoopback, localBucket } from '../../core/miner/local-bucket';
import { type Chain, formatTao } from '../../core/network/chain';
import type { BucketCommitment } from '../../core/network/commitment';
import { DevnetChain } from '../../core/network/devnet-chain';
import type { ObjectStore } from '../../core/network/object-store';
import { S3Store } from '../../core/network/s3-store';
import { SUBTENSOR_ENDPOINTS, type SubtensorNetwork } from '../../core/network/subtensor/endpoints';
import { SubtensorChain } from '../../core/network/subtensor/subtensor-chain';
import { describeValidatorEvent } from '../../core/node/describe-events';
import { dataDirectory } from '../../core/paths';
import { Validator } from '../../core/validator/validator';
import { btcliWalletRoot, Keystore } from '../../core/wallet';
import { EXECUTION_PROVIDERS } from '../../engine/runtime/execution-providers';
import { spawnTrainer } from '../../engine/worker/spawn-trainer';
import { devSigner, type Signer } from '../../protocol/signature';
import { checkRunParams, devnetRun, type RunParams } from '../../protocol/windows';
import {
  BITTENSOR_FLAGS,
  BITTENSOR_NETWORKS,
  BITTENSOR_USAGE,
  type BittensorTarget,
  bittensorTarget,
  isBittensorNetwork,
  s3KeysFromEnvironment,
  strayBittensorFlag,
} from '../bittensor-flags';
import type { Command } from '../command';
import { choiceFlag, integerFlag } from '../flags';
import { CliUsageError, parseFlags } from '../usage-error';

const FLAGS = {
  network: { type: 'string' },
  ...BITTENSOR_FLAGS,
  wallet: { type: 'string' },
  hotkey: { type: 'string' },
  'wallet-path': { type: 'string' },
  run: { type: 'string' },
  provider: { type: 'string' },
  threads: { type: 'string' },
  'data-dir': { type: 'string' },
  'weights-every': { type: 'string' },
  'checkpoint-every': { type: 'string' },
  'dev-key': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof FLAGS>>;

/** Which network the validator runs against, from its flags. */
export type ValidatorTarget =
  | { kind: 'devnet'; url: string; devKey: string }
  | ({
      kind: 'bittensor';
      wallet: string;
      hotkey: string;
      walletPath: string;
      runFile: string;
    } & BittensorTarget);

export const validator: Command = {
  name: 'validator',
  summary: 'Run the reference validator: score miners, set weights, publish the model',
  usage: [
    'Usage: tessera validator --network URL [--dev-key URI] [options]',
    '       tessera validator --network finney|test|local|custom --netuid N --run FILE',
    '                         --bucket NAME [--bucket-endpoint URL] [--region R]',
    '                         [--wallet W] [--hotkey H] [--wallet-path DIR] [--endpoint URL] [options]',
    '',
    "Gathers every miner's payload each window, checks signature, timing and format, scores each",
    "update by loss improvement on the miner's own pages versus random pages, sets weights, applies",
    'the aggregate and publishes peer lists and checkpoints to its bucket. Runs until Ctrl-C.',
    '',
    '  --network           a devnet coordinator URL, or a Bittensor network (required)',
    '  --dev-key           devnet only: development key (default //tessera-validator; not a wallet)',
    '',
    'On Bittensor (docs/OPERATORS.md):',
    ...BITTENSOR_USAGE,
    '  --wallet, --hotkey  the btcli wallet and hotkey to validate with (default: default, default)',
    '  --wallet-path       the wallets folder (default: $BT_WALLET_PATH or ~/.bittensor/wallets)',
    '  --run               the run parameters, JSON (RunParams: model, windows, codec, ...)',
    '',
    'Both:',
    '  --provider          use only this execution provider',
    '  --threads           CPU threads for the evaluation trainer',
    '  --data-dir          devnet: where its bucket lives (default: <tessera data>/network)',
    '  --weights-every     set weights every N windows (default 1)',
    '  --checkpoint-every  publish a checkpoint every N windows (default 1)',
    '  --json              one JSON object per line',
  ].join('\n'),

  async run(argv) {
    const flags = parseFlags(argv, FLAGS);
    const target = validatorTarget(flags);
    const provider = choiceFlag('provider', flags.provider, EXECUTION_PROVIDERS);
    const threads = integerFlag('threads', flags.threads, availableParallelism(), 1, 256);
    const weightsEvery = integerFlag('weights-every', flags['weights-every'], 1, 1, 1000);
    const checkpointEvery = integerFlag('checkpoint-every', flags['checkpoint-every'], 1, 1, 1000);
    const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
    const say = (line: string) => process.stdout.write(`${line}\n`);

    const setup =
      target.kind === 'devnet'
        ? await devnetSetup(target, flags['data-dir'] ?? join(dataDirectory(), 'network'))
        : await bittensorSetup(target);
    const { chain, signer, bucket, run, allowFolders } = setup;
    const node = new Validator({
      chain,
      signer,
      bucket,
      run,
      spawnTrainer: () => spawnTrainer(),
      ...(provider ? { providers: [provider] } : {}),
      threads,
      allowFolders,
      weightsEvery,
      checkpointEvery,
      onEvent: (e) => {
        if (flags.json) return print({ source: 'validator', ...e });
        const line = describeValidatorEvent(e);
        if (line !== undefined) say(line);
      },
    });
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    try {
      await node.start();
      await stopped;
    } finally {
      await node.stop();
      await chain.close();
    }
    return 0;
  },
};

/** Checks the flags of one mode against the other's; every mistake is a usage error naming it. */
export function validatorTarget(flags: Flags): ValidatorTarget {
  const network = flags.network;
  if (!network) {
    throw new CliUsageError(
      'invalid-value',
      `--network is required (a devnet URL, or one of ${BITTENSOR_NETWORKS.join(', ')})`,
    );
  }
  const chainOnly = ['wallet', 'hotkey', 'wallet-path', 'run'] as const;
  if (!isBittensorNetwork(network)) {
    if (!/^https?:\/\//.test(network)) {
      throw new CliUsageError(
        'invalid-value',
        `--network must be a devnet URL (http://...) or one of ${BITTENSOR_NETWORKS.join(', ')}, got '${network}'`,
      );
    }
    const stray = strayBittensorFlag(flags) ?? chainOnly.find((name) => flags[name] !== undefined);
    if (stray)
      throw new CliUsageError('invalid-value', `--${stray} applies only to Bittensor networks`);
    return { kind: 'devnet', url: network, devKey: flags['dev-key'] ?? '//tessera-validator' };
  }
  if (flags['dev-key'] !== undefined) {
    throw new CliUsageError(
      'invalid-value',
      '--dev-key is for devnets; on Bittensor use --wallet and --hotkey',
    );
  }
  const target = bittensorTarget(network, flags);
  if (flags.run === undefined)
    throw new CliUsageError('invalid-value', `--run is required on ${network}`);
  return {
    kind: 'bittensor',
    ...target,
    wallet: flags.wallet ?? 'default',
    hotkey: flags.hotkey ?? 'default',
    walletPath: flags['wallet-path'] ?? btcliWalletRoot(),
    runFile: flags.run,
  };
}

interface ValidatorSetup {
  chain: Chain;
  signer: Signer;
  bucket: { store: ObjectStore; commitment: BucketCommitment };
  run: RunParams;
  allowFolders: boolean;
}

async function devnetSetup(
  target: Extract<ValidatorTarget, { kind: 'devnet' }>,
  dataDir: string,
): Promise<ValidatorSetup> {
  const signer = await devSigner(target.devKey);
  const chain = await DevnetChain.connect(target.url, { signer });
  return {
    chain,
    signer,
    bucket: localBucket(join(dataDir, 'buckets'), signer.ss58Address),
    run: devnetRun({ chainId: chain.chainId, blocksPerWindow: chain.params.blocksPerWindow }),
    allowFolders: isLoopback(target.url),
  };
}

async function bittensorSetup(
  target: Extract<ValidatorTarget, { kind: 'bittensor' }>,
): Promise<ValidatorSetup> {
  const run = readRun(target.runFile);
  const bucket = bucketFromEnvironment(target.bucket, process.env);
  const keystore = await Keystore.open({ root: target.walletPath });
  const signer = await keystore.hotkeySigner(target.wallet, target.hotkey);
  const chain = await SubtensorChain.connect({
    network: target.network,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    netuid: target.netuid,
    hotkey: signer,
    blocksPerWindow: run.blocksPerWindow,
    feeLimitRao: target.maxFeeRao,
  });
  try {
    await checkWrites(chain, bucket.commitment, target.maxFeeRao);
  } catch (error) {
    await chain.close();
    throw error;
  }
  process.stderr.write(
    `Validating subnet ${target.netuid} on ${target.network} (${target.endpoint ?? SUBTENSOR_ENDPOINTS[target.network as Exclude<SubtensorNetwork, 'custom'>]}) as ${signer.ss58Address}\n`,
  );
  return { chain, signer, bucket, run, allowFolders: false };
}

/**
 * The validator signs its commitment once and weights every few windows without asking, so
 * their fees are shown before it starts, and a subnet it cannot set weights on is refused.
 */
async function checkWrites(
  chain: SubtensorChain,
  commitment: BucketCommitment,
  maxFeeRao: bigint,
): Promise<void> {
  const { netuid } = chain.params;
  if (await chain.commitRevealEnabled())
    throw new Error(
      `subnet ${netuid} wants weights committed and revealed later, which this validator does not do; ` +
        `its owner can turn that off: btcli sudo set --netuid ${netuid} --param commit_reveal_weights_enabled --value false`,
    );
  const uid = await chain.uidOf(chain.hotkey!);
  if (uid === undefined)
    throw new Error(
      `${chain.hotkey} is not registered on subnet ${netuid}: register it with btcli first`,
    );
  const [commit, weights] = await Promise.all([
    chain.previewCommit(commitment),
    chain.previewSetWeights([{ uid, weight: 1 }], 1),
  ]);
  process.stderr.write(
    `Fees: publishing the bucket ${formatTao(commit.total)} TAO, setting weights ${formatTao(weights.total)} TAO each time; ` +
      `any above --max-fee (${formatTao(maxFeeRao)} TAO) is refused unsigned.\n`,
  );
  if (commit.total > maxFeeRao || weights.total > maxFeeRao)
    throw new Error(
      'a fee is above --max-fee, so nothing was signed: raise --max-fee to accept it',
    );
}

function readRun(file: string): RunParams {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(
      'invalid-value',
      `--run: cannot read ${file} (${(error as Error).message})`,
    );
  }
  try {
    return checkRunParams(JSON.parse(text));
  } catch (error) {
    throw new CliUsageError(
      'invalid-value',
      `--run: ${file} is not a valid run (${(error as Error).message})`,
    );
  }
}

/** The validator's own bucket: written with the write keys, published with the read keys. */
export function bucketFromEnvironment(
  bucket: { name: string; endpoint?: string; region: string },
  env: NodeJS.ProcessEnv,
): { store: S3Store; commitment: BucketCommitment } {
  const keys = s3KeysFromEnvironment(env);
  const location = {
    ...(bucket.endpoint ? { endpoint: bucket.endpoint } : {}),
    region: bucket.region,
    bucket: bucket.name,
  };
  const commitment: BucketCommitment = {
    kind: 's3',
    ...location,
    readAccessKeyId: keys.readAccessKeyId,
    readSecretAccessKey: keys.readSecretAccessKey,
  };
  const store = new S3Store({
    ...location,
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
  });
  return { store, commitment };
}
