import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { dataDirectory } from '../../core/paths';
import { assignPages } from '../../engine/data';
import { ConfigError, type configs, namedConfig } from '../../engine/model/config';
import { EXECUTION_PROVIDERS } from '../../engine/runtime/execution-providers';
import type { Progress } from '../../engine/worker/messages';
import { spawnTrainer } from '../../engine/worker/spawn-trainer';
import type { Command } from '../command';
import { choiceFlag, integerFlag, positiveFlag } from '../flags';
import { CliUsageError, parseFlags } from '../usage-error';

/** Peak learning rates that train each size stably from scratch with AdamW. */
const PEAK_LR: Record<string, number> = { nano: 3e-3, small: 6e-4, '1b': 3e-4 };
const BATCH: Record<string, number> = { nano: 8, small: 8, '1b': 4 };

export const train: Command = {
  name: 'train',
  summary: 'Train a model on the shipped corpus in a trainer process and print its progress',
  usage: [
    'Usage: tessera train [--config nano|small|1b] [--steps N] [--provider cuda|dml|webgpu|cpu]',
    '                     [--batch N] [--seq N] [--lr X] [--threads N] [--seed S]',
    '                     [--checkpoint FILE] [--save FILE] [--json]',
    '',
    'Trains locally, outside any network: useful to see what this machine does per second.',
    '',
    '  --config      model size (default nano)',
    '  --steps       optimizer steps (default 200)',
    '  --provider    use only this execution provider (default: the fastest that checks out)',
    '  --batch       sequences per step (default 8, 4 for 1b)',
    "  --seq         tokens per sequence (default: the model's context length)",
    '  --lr          peak learning rate (default per config; warm-up then cosine decay)',
    '  --threads     CPU threads (default: all cores)',
    '  --seed        seed of the initial weights and the page order (default "tessera")',
    '  --checkpoint  resume from this checkpoint file',
    '  --save        write a checkpoint here at the end',
    '  --json        one JSON object per line, then a summary line',
  ].join('\n'),

  async run(argv) {
    const flags = parseFlags(argv, {
      config: { type: 'string', default: 'nano' },
      steps: { type: 'string' },
      provider: { type: 'string' },
      batch: { type: 'string' },
      seq: { type: 'string' },
      lr: { type: 'string' },
      threads: { type: 'string' },
      seed: { type: 'string', default: 'tessera' },
      checkpoint: { type: 'string' },
      save: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    let config: (typeof configs)[keyof typeof configs];
    try {
      config = namedConfig(flags.config) as typeof config;
    } catch (error) {
      if (error instanceof ConfigError)
        throw new CliUsageError('invalid-value', `--config: ${error.message}`);
      throw error;
    }
    const steps = integerFlag('steps', flags.steps, 200);
    const provider = choiceFlag('provider', flags.provider, EXECUTION_PROVIDERS);
    const batch = integerFlag('batch', flags.batch, BATCH[config.name] ?? 8, 1, 4096);
    const seq = integerFlag(
      'seq',
      flags.seq,
      config.max_position_embeddings,
      2,
      config.max_position_embeddings,
    );
    const peakLr = positiveFlag('lr', flags.lr, PEAK_LR[config.name] ?? 3e-4);
    const threads = integerFlag('threads', flags.threads, availableParallelism(), 1, 1024);
    const print = flags.json
      ? (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)
      : (_value: unknown) => {};
    const say = flags.json
      ? (_line: string) => {}
      : (line: string) => process.stdout.write(`${line}\n`);

    const trainer = spawnTrainer();
    const interrupt = () => void trainer.stop(2_000);
    process.once('SIGINT', interrupt);
    try {
      say(`Starting a trainer for ${config.name}...`);
      const ready = await trainer.init({
        config,
        batch,
        seq,
        seed: flags.seed,
        threads,
        cacheDir: join(dataDirectory(), 'cache'),
        ...(provider ? { providers: [provider] } : {}),
        ...(flags.checkpoint ? { checkpoint: flags.checkpoint } : {}),
      });
      print({ ready });
      say(
        `Training ${config.name} (${(ready.parameters / 1e6).toFixed(2)} M parameters) on ${ready.provider}`,
      );
      for (const f of ready.fallbacks) say(`  not using ${f.provider}: ${f.reason}`);

      const pages = assignPages({
        hotkey: 'local',
        window: 0,
        runSeed: flags.seed,
        pagesPerWindow: Math.min(steps * batch, Math.floor(ready.pageCount / 2)),
        totalPages: ready.pageCount,
      });
      const every = Math.max(1, Math.floor(steps / 20));
      const onProgress = (p: Progress) => {
        print(p);
        if (p.step % every === 0 || p.step === p.innerSteps) {
          say(
            `step ${String(p.step).padStart(5)}/${p.innerSteps}  loss ${p.loss.toFixed(4)}  ` +
              `${Math.round(p.tokensPerSec)} tokens/s  ${p.msPerStep.toFixed(0)} ms/step${p.skipped ? '  (skipped: not finite)' : ''}`,
          );
        }
      };
      const result = await trainer.train(
        {
          pages,
          innerSteps: steps,
          schedule: {
            peakLr,
            minLr: peakLr / 10,
            warmupSteps: Math.min(100, Math.ceil(steps / 10)),
            decaySteps: steps,
          },
        },
        onProgress,
      );
      if (flags.save) {
        await trainer.save(flags.save);
        say(`Checkpoint written to ${flags.save}`);
      }
      const summary = {
        provider: ready.provider,
        config: config.name,
        params: ready.parameters,
        steps: result.steps,
        startLoss: result.startLoss,
        endLoss: result.finalLoss,
        tokensPerSec: result.tokensPerSec,
      };
      print({ summary });
      say(
        `Done: loss ${result.startLoss.toFixed(3)} -> ${result.finalLoss.toFixed(3)} in ${result.steps} steps, ` +
          `${Math.round(result.tokensPerSec)} tokens/s on ${ready.provider}`,
      );
      return 0;
    } finally {
      process.off('SIGINT', interrupt);
      await trainer.stop();
    }
  },
};
