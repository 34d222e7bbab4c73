import type { ModelConfig } from '../model/config';
import { initWeights } from '../model/init';
import {
  type ExecutionProviderName,
  executionProvidersFor,
  providerInstallProblem,
} from './execution-providers';
import { timeMatmul } from './provider-check';
import { sessionOptions } from './session-options';
import { TrainSession } from './train-session';

export interface ProviderFallback {
  provider: ExecutionProviderName;
  reason: string;
}

export interface ProviderChoice {
  provider: ExecutionProviderName;
  /** Each faster provider that was passed over, with why; shown to the user. */
  fallbacks: ProviderFallback[];
}

/** Agreement a provider must reach with the CPU on the warm-up steps. */
const LOSS_TOLERANCE = 1e-3;
const GRAD_NORM_TOLERANCE = 1e-2;
const WARMUP_STEPS = 2;

/**
 * Picks the first provider, in preference order, whose warm-up training steps agree with the CPU
 * and which multiplies matrices faster than the CPU does. The warm-up uses the same model widths
 * with one layer, so every op and kernel shape of the real step is exercised at a fraction of the
 * cost. The speed check passes over software adapters (Mesa's lavapipe, WARP) and GPUs too weak
 * to beat this machine's CPU; it is skipped when the caller names a single provider.
 */
export async function chooseProvider(
  config: ModelConfig,
  preferred: readonly ExecutionProviderName[] = executionProvidersFor(),
  threads?: number,
): Promise<ProviderChoice> {
  const fallbacks: ProviderFallback[] = [];
  const available = new Set(executionProvidersFor());
  const candidates = preferred.filter((p) => p !== 'cpu');
  let reference: number[][] | undefined;
  let cpuGflops: number | undefined;
  const judgeSpeed = preferred.includes('cpu');
  for (const provider of candidates) {
    const reason = available.has(provider)
      ? providerInstallProblem(provider)
      : `not built into onnxruntime for ${process.platform}/${process.arch}`;
    if (reason) {
      fallbacks.push({ provider, reason });
      continue;
    }
    try {
      reference ??= await warmup(config, 'cpu', threads);
      const result = await warmup(config, provider, threads);
      const disagreement = compare(reference, result);
      if (disagreement) {
        fallbacks.push({ provider, reason: `wrong result: ${disagreement}` });
        continue;
      }
      if (!judgeSpeed) return { provider, fallbacks };
      cpuGflops ??= await timeMatmul(sessionOptions('cpu', threads));
      const gflops = await timeMatmul(sessionOptions(provider, threads));
      if (gflops > cpuGflops) return { provider, fallbacks };
      fallbacks.push({
        provider,
        reason: `slower than the CPU (${gflops.toFixed(1)} vs ${cpuGflops.toFixed(1)} GFLOP/s on a matrix product), as a software adapter is`,
      });
    } catch (error) {
      fallbacks.push({ provider, reason: firstLine(error) });
    }
  }
  if (!preferred.includes('cpu')) {
    throw new Error(
      `no usable execution provider among ${preferred.join(', ')}: ${fallbacks.map((f) => `${f.provider}: ${f.reason}`).join('; ')}`,
    );
  }
  return { provider: 'cpu', fallbacks };
}

async function warmup(config: ModelConfig, provider: ExecutionProviderName, threads?: number) {
  const small = { ...config, num_hidden_layers: 1 };
  const seq = Math.min(16, config.max_position_embeddings);
  const session = await TrainSession.create({
    config: small,
    batch: 1,
    seq,
    provider,
    threads,
    weights: initWeights(small, 'tessera/provider-warmup'),
  });
  try {
    const tokens = Int32Array.from({ length: seq }, (_, i) => (i * 7919) % config.vocab_size);
    const targets = Int32Array.from(
      { length: seq },
      (_, i) => (i * 104729 + 1) % config.vocab_size,
    );
    const results: number[][] = [];
    for (let i = 0; i < WARMUP_STEPS; i++) {
      const r = await session.step(tokens, targets, 1e-3);
      results.push([r.loss, r.gradNorm]);
    }
    return results;
  } finally {
    await session.release();
  }
}

function compare(reference: number[][], result: number[][]): string | undefined {
  for (const [i, [loss, norm]] of reference.entries()) {
    const [l, n] = result[i]!;
    if (!(Math.abs(l! - loss!) <= LOSS_TOLERANCE * Math.abs(loss!))) {
      return `step ${i + 1} loss ${l} vs CPU ${loss}`;
    }
    if (!(Math.abs(n! - norm!) <= GRAD_NORM_TOLERANCE * Math.abs(norm!))) {
      return `step ${i + 1} gradient norm ${n} vs CPU ${norm}`;
    }
  }
  return undefined;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}
