/** Building blocks for forged payloads: a signed update of noise, or of nothing, for any window. */
import { payloadCap } from '../../../../electron/core/miner/gather';
import {
  type CompressedPseudoGradient,
  compressTensor,
  type ParameterLayout,
} from '../../../../electron/protocol/codec';
import { encodePayload } from '../../../../electron/protocol/payload';
import type { Signer } from '../../../../electron/protocol/signature';
import { objectKeys } from '../../../../electron/protocol/windows';
import type { HostileContext } from './strategy';

/**
 * Compressing a whole model's worth of noise takes a while, and most strategies want one every
 * window; they share it (each gets its own map, and they replace tensors rather than edit them).
 */
const noiseByLayout = new WeakMap<ParameterLayout, Map<number, CompressedPseudoGradient>>();

/** Gaussian-ish noise of about an honest update's size, seeded, compressed like a real one. */
export function noiseUpdate(ctx: HostileContext, seed: number): CompressedPseudoGradient {
  let bySeed = noiseByLayout.get(ctx.layout);
  if (!bySeed) {
    bySeed = new Map();
    noiseByLayout.set(ctx.layout, bySeed);
  }
  let update = bySeed.get(seed);
  if (!update) {
    if (bySeed.size >= 4) bySeed.delete(bySeed.keys().next().value!);
    update = freshNoise(ctx, seed);
    bySeed.set(seed, update);
  }
  return new Map(update);
}

function freshNoise(ctx: HostileContext, seed: number): CompressedPseudoGradient {
  let s = seed >>> 0;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return compressed(ctx.layout, ctx, () => 0.05 * (uniform() + uniform() + uniform() - 1.5));
}

/** The pseudo-gradient of a miner that did not train: start − end = 0 everywhere. */
export function zeroUpdate(ctx: HostileContext): CompressedPseudoGradient {
  return compressed(ctx.layout, ctx, () => 0);
}

function compressed(
  layout: ParameterLayout,
  ctx: HostileContext,
  value: () => number,
): CompressedPseudoGradient {
  return new Map(
    layout.map(([name, shape]) => {
      const dense = new Float32Array(shape.reduce((a, b) => a * b, 1));
      for (let i = 0; i < dense.length; i++) dense[i] = value();
      return [name, compressTensor(dense, shape, ctx.run.codec)] as const;
    }),
  );
}

/** The first honest miner's payload for `window` found in its bucket, bytes as uploaded. */
export async function honestUpload(
  ctx: HostileContext,
  window: number,
): Promise<{ hotkey: string; bytes: Uint8Array } | undefined> {
  const maxBytes = payloadCap({ layout: ctx.layout, codec: ctx.run.codec });
  for (const { hotkey, store } of ctx.honest) {
    const bytes = await store
      .get(objectKeys.gradient(window, hotkey), { maxBytes })
      .catch(() => undefined);
    if (bytes) return { hotkey, bytes };
  }
  return undefined;
}

/** A correctly signed payload of `pseudoGradient`, with any field of the content overridden. */
export function signed(
  ctx: HostileContext,
  window: number,
  pseudoGradient: CompressedPseudoGradient,
  overrides: { signer?: Signer; layout?: ParameterLayout } = {},
): Promise<Uint8Array> {
  return encodePayload(
    {
      runId: ctx.run.runId,
      window,
      configHash: ctx.configHash,
      codec: ctx.run.codec,
      layout: overrides.layout ?? ctx.layout,
      pseudoGradient,
    },
    overrides.signer ?? ctx.signer,
  );
}
