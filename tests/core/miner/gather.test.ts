import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gather, type PeerBucket, payloadCap } from '../../../electron/core/miner/gather';
import { localBucket } from '../../../electron/core/miner/local-bucket';
import { modelHash } from '../../../electron/core/miner/model-state';
import { outerStep } from '../../../electron/core/miner/outer-step';
import {
  type CodecParams,
  compressTensor,
  type ParameterLayout,
} from '../../../electron/protocol/codec';
import { encodePayload } from '../../../electron/protocol/payload';
import { devSigner, type Signer } from '../../../electron/protocol/signature';
import { objectKeys } from '../../../electron/protocol/windows';

const layout: ParameterLayout = [
  ['a.weight', [16, 16]],
  ['b.weight', [32]],
];
const codec: CodecParams = { chunk: 8, topk: 8, dct: false, quantRange: 6 };
const expectation = { runId: 'gather-test', configHash: 'c'.repeat(64), codec, layout };
const dir = mkdtempSync(join(tmpdir(), 'tessera-gather-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dense(seed: number, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.3) * 0.01);
}

async function payload(signer: Signer, window: number, seed: number): Promise<Uint8Array> {
  const pseudoGradient = new Map(
    layout.map(
      ([name, shape]) =>
        [
          name,
          compressTensor(
            dense(
              seed + name.length,
              shape.reduce((a, b) => a * b, 1),
            ),
            shape,
            codec,
          ),
        ] as const,
    ),
  );
  return encodePayload({ ...expectation, window, pseudoGradient }, signer);
}

async function peer(name: string): Promise<PeerBucket & { signer: Signer }> {
  const signer = await devSigner(`//gather/${name}`);
  return {
    hotkey: signer.ss58Address,
    uid: 0,
    store: localBucket(dir, signer.ss58Address).store,
    signer,
  };
}

describe('gathering a window', () => {
  it('keeps valid on-time payloads and reports every other peer with why, without throwing', async () => {
    const [honest, second, missing, late, garbage, impostor, huge] = await Promise.all(
      ['honest', 'second', 'missing', 'late', 'garbage', 'impostor', 'huge'].map(peer),
    );
    const window = 4;
    const key = (p: PeerBucket) => objectKeys.gradient(window, p.hotkey);
    await honest!.store.put(key(honest!), await payload(honest!.signer, window, 1));
    await second!.store.put(key(second!), await payload(second!.signer, window, 2));
    await garbage!.store.put(key(garbage!), new TextEncoder().encode('{"not":"safetensors"}'));
    await impostor!.store.put(key(impostor!), await payload(honest!.signer, window, 3));
    await huge!.store.put(key(huge!), new Uint8Array(payloadCap(expectation) + 1));
    const deadlineTime = Date.now();
    await new Promise((r) => setTimeout(r, 20));
    await late!.store.put(key(late!), await payload(late!.signer, window, 4));

    const peers = [honest!, second!, missing!, late!, garbage!, impostor!, huge!];
    const result = await gather({ window, peers, expectation, deadlineTime });
    const status = Object.fromEntries(
      result.outcomes.map((o) => [
        o.hotkey,
        o.status === 'invalid' ? `invalid:${o.rejection.kind}` : o.status,
      ]),
    );
    expect(status).toEqual({
      [honest!.hotkey]: 'ok',
      [second!.hotkey]: 'ok',
      [missing!.hotkey]: 'missing',
      [late!.hotkey]: 'late',
      [garbage!.hotkey]: 'invalid:malformed',
      [impostor!.hotkey]: 'invalid:hotkey',
      [huge!.hotkey]: 'invalid:too-large',
    });
    expect(result.gathered.map((g) => g.hotkey)).toEqual([honest!.hotkey, second!.hotkey].sort());
    // Without a deadline (a replay the validator vouched for) the late one counts.
    const replay = await gather({ window, peers: [late!], expectation, deadlineTime: undefined });
    expect(replay.gathered).toHaveLength(1);
  });

  it('gives every participant the same model from the same set, whatever order it arrived in', async () => {
    const [p1, p2, p3] = await Promise.all(['x', 'y', 'z'].map(peer));
    const window = 9;
    for (const [i, p] of [p1!, p2!, p3!].entries())
      await p.store.put(
        objectKeys.gradient(window, p.hotkey),
        await payload(p.signer, window, 10 + i),
      );
    const weights = new Map(
      layout.map(([name, shape]) => [
        name,
        dense(
          99,
          shape.reduce((a, b) => a * b, 1),
        ),
      ]),
    );
    const state = { window, weights, hash: modelHash(weights, layout) };
    const hashes = [];
    for (const order of [
      [p1!, p2!, p3!],
      [p3!, p1!, p2!],
    ]) {
      const { gathered } = await gather({
        window,
        peers: order,
        expectation,
        deadlineTime: undefined,
      });
      const next = outerStep({ state, gathered, layout, codec, outerLr: 1 });
      expect(next.window).toBe(window + 1);
      hashes.push(next.hash);
    }
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[0]).not.toBe(state.hash);
    // Nothing gathered: the same weights carry over to the next window.
    expect(outerStep({ state, gathered: [], layout, codec, outerLr: 1 }).hash).toBe(state.hash);
  });
});
