/**
 * Test-side adversaries: miners that register and publish a bucket like anyone else, then upload
 * what an honest miner would not. They use the real payload encoder or write raw bytes, so the
 * validator's defences are tested against real files in real buckets.
 */

import { payloadCap } from '../../electron/core/miner/gather';
import { localBucket } from '../../electron/core/miner/local-bucket';
import type { Chain } from '../../electron/core/network/chain';
import { configs, parameterShapes } from '../../electron/engine/model/config';
import { modelConfigHash } from '../../electron/protocol/canonical-json';
import { compressTensor } from '../../electron/protocol/codec';
import { encodePayload } from '../../electron/protocol/payload';
import type { Signer } from '../../electron/protocol/signature';
import { objectKeys, type RunParams, windowStartBlock } from '../../electron/protocol/windows';

export type Behaviour = 'lazy' | 'hostile';

export interface Adversary {
  hotkey: string;
  uploads: { window: number; kind: string }[];
  stop(): void;
}

/** Gaussian noise of about an honest update's size: valid, signed, and useless. */
async function randomPayload(run: RunParams, window: number, signer: Signer, seed: number) {
  const config = configs.nano;
  const layout = parameterShapes(config);
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pseudoGradient = new Map(
    layout.map(([name, shape]) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const dense = new Float32Array(n);
      for (let i = 0; i < n; i++) dense[i] = 0.05 * (rand() + rand() + rand() - 1.5);
      return [name, compressTensor(dense, shape, run.codec)] as const;
    }),
  );
  return encodePayload(
    {
      runId: run.runId,
      window,
      configHash: modelConfigHash(config),
      codec: run.codec,
      layout,
      pseudoGradient,
    },
    signer,
  );
}

export async function startAdversary(options: {
  behaviour: Behaviour;
  chain: Chain;
  signer: Signer;
  /** Another key, for payloads signed by someone else. */
  other: Signer;
  bucketsDir: string;
  run: RunParams;
}): Promise<Adversary> {
  const { chain, signer, run, behaviour } = options;
  await chain.register();
  const bucket = localBucket(options.bucketsDir, signer.ss58Address);
  await chain.commit(bucket.commitment);
  const uploads: { window: number; kind: string }[] = [];
  const done = new Set<number>();
  let busy = false;
  const hostileKinds = ['garbage', 'oversized', 'unsigned', 'other-hotkey'] as const;
  const unsubscribe = chain.subscribeBlocks(({ block, window }) => {
    // Upload in the middle of the window, like a miner that trained.
    if (
      busy ||
      done.has(window) ||
      block < windowStartBlock(window, run.blocksPerWindow) + run.blocksPerWindow / 2
    )
      return;
    busy = true;
    done.add(window);
    void (async () => {
      const key = objectKeys.gradient(window, signer.ss58Address);
      let kind: string;
      let bytes: Uint8Array;
      if (behaviour === 'lazy') {
        kind = 'random';
        bytes = await randomPayload(run, window, signer, window);
      } else {
        kind = hostileKinds[window % hostileKinds.length]!;
        if (kind === 'garbage') bytes = new TextEncoder().encode('not a payload at all');
        else if (kind === 'oversized') {
          bytes = new Uint8Array(
            payloadCap({ layout: parameterShapes(configs.nano), codec: run.codec }) + 1,
          );
        } else if (kind === 'unsigned') {
          const signed = await randomPayload(run, window, signer, window);
          // Same length, every signature digit zero: well-formed, canonical, and not signed.
          const text = Buffer.from(signed).toString('latin1');
          bytes = Buffer.from(
            text.replace(/"signature":"[0-9a-f]{128}"/, `"signature":"${'0'.repeat(128)}"`),
            'latin1',
          );
        } else bytes = await randomPayload(run, window, options.other, window);
      }
      await bucket.store.put(key, bytes).catch(() => undefined);
      uploads.push({ window, kind });
    })().finally(() => {
      busy = false;
    });
  });
  return { hotkey: signer.ss58Address, uploads, stop: unsubscribe };
}
