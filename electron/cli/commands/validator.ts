import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isLoopback, localBucket } from '../../core/miner/local-bucket';
import { DevnetChain } from '../../core/network/devnet-chain';
import { dataDirectory } from '../../core/paths';
import { Validator } from '../../core/validator/validator';
import { EXECUTION_PROVIDERS } from '../../engine/runtime/execution-providers';
import { spawnTrainer } from '../../engine/worker/spawn-trainer';
import { devSigner } from '../../protocol/signature';
import { devnetRun } from '../../protocol/windows';
import type { Command } from '../command';
import { choiceFlag, integerFlag } from '../flags';
import { CliUsageError, parseFlags } from '../usage-error';
import { sayValidator } from './start';

export const validator: Command = {
  name: 'validator',
  summary: 'Run the reference validator on a devnet: score miners, set weights, publish the model',
  usage: [
    'Usage: tessera validator --network URL [--provider P] [--threads N] [--data-dir DIR]',
    '                         [--weights-every N] [--checkpoint-every N] [--dev-key URI] [--json]',
    '',
    "Gathers every miner's payload each window, checks signature, timing and format, scores each",
    "update by loss improvement on the miner's own pages versus random pages, sets weights, applies",
    'the aggregate and publishes peer lists and checkpoints to its bucket. Runs until Ctrl-C.',
    '',
    '  --network           the devnet coordinator URL (required)',
    '  --provider          use only this execution provider',
    '  --threads           CPU threads for the evaluation trainer',
    '  --data-dir          where its bucket lives (default: <tessera data>/network)',
    '  --weights-every     set weights every N windows (default 1)',
    '  --checkpoint-every  publish a checkpoint every N windows (default 1)',
    '  --dev-key           development key (default //tessera-validator; not a wallet)',
    '  --json              one JSON object per line',
  ].join('\n'),

  async run(argv) {
    const flags = parseFlags(argv, {
      network: { type: 'string' },
      provider: { type: 'string' },
      threads: { type: 'string' },
      'data-dir': { type: 'string' },
      'weights-every': { type: 'string' },
      'checkpoint-every': { type: 'string' },
      'dev-key': { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    if (!flags.network)
      throw new CliUsageError('invalid-value', '--network is required (a devnet URL)');
    const provider = choiceFlag('provider', flags.provider, EXECUTION_PROVIDERS);
    const threads = integerFlag('threads', flags.threads, availableParallelism(), 1, 256);
    const dataDir = flags['data-dir'] ?? join(dataDirectory(), 'network');
    const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
    const say = (line: string) => process.stdout.write(`${line}\n`);
    const signer = await devSigner(flags['dev-key'] ?? '//tessera-validator');
    const chain = await DevnetChain.connect(flags.network, { signer });
    const node = new Validator({
      chain,
      signer,
      bucket: localBucket(join(dataDir, 'buckets'), signer.ss58Address),
      run: devnetRun({ chainId: chain.chainId, blocksPerWindow: chain.params.blocksPerWindow }),
      spawnTrainer: () => spawnTrainer(),
      ...(provider ? { providers: [provider] } : {}),
      threads,
      allowFolders: isLoopback(flags.network),
      weightsEvery: integerFlag('weights-every', flags['weights-every'], 1, 1, 1000),
      checkpointEvery: integerFlag('checkpoint-every', flags['checkpoint-every'], 1, 1, 1000),
      onEvent: (e) => (flags.json ? print({ source: 'validator', ...e }) : sayValidator(say, e)),
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
