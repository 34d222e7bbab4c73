/**
 * `npm run bench:engine [-- --json] [--configs nano,small] [--threads N]`
 *
 * Tessera's fused CPU training step against the same model in PyTorch eager, one after the other
 * in this invocation, with the same batch, sequence length and thread count. Prints per config:
 * tokens/s of each and their ratio, Tessera's achieved GFLOP/s against the peak of a large ONNX
 * MatMul here, and the share of step time spent in JavaScript outside session.run.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { configs, type ModelConfig } from '../../electron/engine/model/config';
import { initWeights } from '../../electron/engine/model/init';
import { timeMatmul } from '../../electron/engine/runtime/provider-check';
import { sessionOptions } from '../../electron/engine/runtime/session-options';
import { TrainSession } from '../../electron/engine/runtime/train-session';

interface Case {
  config: ModelConfig;
  batch: number;
  seq: number;
  warmup: number;
  steps: number;
}

/** nano as the network trains it; small (124 M) at a batch a 2-core CPU steps in seconds. */
const CASES: Record<string, Case> = {
  nano: { config: configs.nano, batch: 8, seq: 128, warmup: 3, steps: 20 },
  small: { config: configs.small, batch: 1, seq: 128, warmup: 2, steps: 5 },
};

const TORCH_SCRIPT = fileURLToPath(new URL('../reference/torch_train_bench.py', import.meta.url));
const PYTHON = process.env.TESSERA_BENCH_PYTHON ?? '/usr/bin/python3';

async function benchTessera(c: Case, threads: number) {
  const session = await TrainSession.create({
    config: c.config,
    batch: c.batch,
    seq: c.seq,
    provider: 'cpu',
    threads,
    weights: initWeights(c.config, 'bench'),
  });
  const n = c.batch * c.seq;
  const batchAt = (s: number) => ({
    tokens: Int32Array.from(
      { length: n },
      (_, i) => (i * 2654435761 + s * 97) % c.config.vocab_size,
    ),
    targets: Int32Array.from(
      { length: n },
      (_, i) => (i * 40503 + s * 13 + 1) % c.config.vocab_size,
    ),
  });
  for (let s = 0; s < c.warmup; s++) {
    const b = batchAt(s);
    await session.step(b.tokens, b.targets, 1e-4);
  }
  let run = 0;
  let total = 0;
  const started = performance.now();
  for (let s = 0; s < c.steps; s++) {
    const b = batchAt(c.warmup + s);
    const r = await session.step(b.tokens, b.targets, 1e-4);
    run += r.runMs;
    total += r.totalMs;
  }
  // Wall time between steps (building the next batch here) counts as JavaScript too.
  const wall = performance.now() - started;
  const flops = session.flopsPerStep;
  await session.release();
  const msPerStep = wall / c.steps;
  return {
    tokensPerSec: (n * c.steps) / (wall / 1000),
    msPerStep,
    jsShare: (wall - run) / wall,
    gflops: flops / (msPerStep * 1e6),
    stepJsShare: (total - run) / total,
  };
}

function benchTorch(c: Case, threads: number) {
  const hf = Object.fromEntries(
    Object.entries(c.config).filter(([k]) => k !== 'name' && k !== 'tokenizer'),
  );
  const child = spawnSync(
    PYTHON,
    [
      TORCH_SCRIPT,
      '--config',
      JSON.stringify(hf),
      '--batch',
      String(c.batch),
      '--seq',
      String(c.seq),
      '--threads',
      String(threads),
      '--steps',
      String(c.steps),
      '--warmup',
      String(c.warmup),
    ],
    { encoding: 'utf8' },
  );
  if (child.error || child.status !== 0) {
    const why = child.error?.message ?? child.stderr.trim();
    throw new Error(`PyTorch baseline unavailable (${PYTHON}): ${why}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as {
    tokensPerSec: number;
    msPerStep: number;
    matmulGflops: number;
    torch: string;
    blas: string;
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      configs: { type: 'string', default: 'nano,small' },
      threads: { type: 'string', default: String(availableParallelism()) },
    },
  });
  const threads = Number(values.threads);
  const names = values.configs.split(',');
  const unknown = names.filter((n) => !Object.hasOwn(CASES, n));
  if (unknown.length > 0 || !Number.isInteger(threads) || threads < 1) {
    process.stderr.write(
      `bench:engine: unknown config ${unknown.join(', ')} or bad --threads; configs: ${Object.keys(CASES).join(', ')}\n`,
    );
    return 2;
  }
  const peakGflops = await timeMatmul(sessionOptions('cpu', threads), 2048);
  for (const name of names) {
    const c = CASES[name]!;
    let torch: ReturnType<typeof benchTorch>;
    try {
      torch = benchTorch(c, threads);
    } catch (error) {
      process.stderr.write(`bench:engine: ${(error as Error).message}\n`);
      return 1;
    }
    const tessera = await benchTessera(c, threads);
    const line = {
      bench: 'engine',
      config: name,
      batch: c.batch,
      seq: c.seq,
      threads,
      tessera: {
        tokensPerSec: round(tessera.tokensPerSec),
        msPerStep: round(tessera.msPerStep),
        jsShare: round(tessera.jsShare, 4),
        gflops: round(tessera.gflops),
      },
      pytorch: {
        tokensPerSec: round(torch.tokensPerSec),
        msPerStep: round(torch.msPerStep),
        matmulGflops: round(torch.matmulGflops),
        version: torch.torch,
        blas: torch.blas,
      },
      ratio: round(tessera.tokensPerSec / torch.tokensPerSec, 3),
      peakGflops: round(peakGflops),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(line)}\n`);
    else {
      process.stdout.write(
        `${name} (batch ${c.batch} x ${c.seq}, ${threads} threads): Tessera ${line.tessera.tokensPerSec} tokens/s ` +
          `(${line.tessera.gflops} GFLOP/s of ${line.peakGflops} peak, JS ${(tessera.jsShare * 100).toFixed(1)}%), ` +
          `PyTorch ${line.pytorch.tokensPerSec} tokens/s (matmul ${line.pytorch.matmulGflops} GFLOP/s, ${torch.blas}); ratio ${line.ratio}\n`,
      );
    }
  }
  return 0;
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

process.exitCode = await main();
