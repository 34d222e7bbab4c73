import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodecError,
  type CodecParams,
  compressWithFeedback,
  decompressTensor,
  defaultCodecParams,
  ErrorFeedback,
} from '../../../electron/protocol/codec/index';
import { seededValues } from './reference';

const shapes = fc.constantFrom([64, 64], [37, 90], [130], [128, 192], [5]);

describe('error feedback', () => {
  it('keeps beta * e + delta minus exactly what was sent, and leaves unsent entries whole', () => {
    fc.assert(
      fc.property(shapes, fc.nat(), fc.boolean(), (shape, seed, dct) => {
        const params: CodecParams = { ...defaultCodecParams, dct, chunk: dct ? 16 : 64 };
        const n = shape.reduce((a, b) => a * b, 1);
        const residual = seededValues(seed, n, 'normal');
        const delta = seededValues(seed + 1, n, 'normal');
        const folded = residual.map((e, i) => 0.95 * e + delta[i]!);
        const message = compressWithFeedback(residual, delta, shape, params, 0.95);
        const sent = decompressTensor(message, shape, params);
        for (let i = 0; i < n; i++) {
          const expected = Math.fround(folded[i]! - sent[i]!);
          if (residual[i] !== expected) {
            throw new Error(`entry ${i}: residual ${residual[i]}, expected ${expected}`);
          }
        }
        if (!dct) {
          // Unsent entries carry over untouched; sent ones keep only their quantisation error.
          for (let i = 0; i < n; i++) if (sent[i] === 0) expect(residual[i]).toBe(folded[i]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('with beta = 1, everything sent plus the residual adds up to every delta ever folded in', () => {
    const layout = [
      ['w', [64, 128]],
      ['b', [96]],
    ] as const;
    const feedback = new ErrorFeedback(layout, defaultCodecParams, 1);
    const totalDelta = new Map(
      layout.map(([name, s]) => [name, new Float64Array(s[0]! * (s[1] ?? 1))]),
    );
    const totalSent = new Map(
      layout.map(([name, s]) => [name, new Float64Array(s[0]! * (s[1] ?? 1))]),
    );
    for (let window = 0; window < 20; window++) {
      const delta = new Map(
        layout.map(([name, s], i) => [
          name,
          seededValues(window * 7 + i, s[0]! * (s[1] ?? 1), 'normal'),
        ]),
      );
      const message = feedback.compress(delta);
      for (const [name, shape] of layout) {
        const sent = decompressTensor(message.get(name)!, shape, defaultCodecParams);
        delta.get(name)!.forEach((d, i) => {
          totalDelta.get(name)![i]! += d;
          totalSent.get(name)![i]! += sent[i]!;
        });
      }
    }
    for (const [name] of layout) {
      const residual = feedback.residual(name)!;
      let worst = 0;
      totalDelta.get(name)!.forEach((d, i) => {
        worst = Math.max(worst, Math.abs(totalSent.get(name)![i]! + residual[i]! - d));
      });
      // float32 residual updates, 20 windows of values ~1e-3: rounding is below 1e-8.
      expect(worst).toBeLessThan(1e-8);
    }
  });

  it('refuses to send a pseudo-gradient that is not finite (a diverged model)', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const delta = seededValues(3, 64 * 96, 'normal');
      delta[5000] = bad;
      expect(() =>
        compressWithFeedback(new Float32Array(64 * 96), delta, [64, 96], defaultCodecParams),
      ).toThrow(CodecError);
      expect(() =>
        compressWithFeedback(new Float32Array(40), delta.subarray(0, 40), [40], {
          ...defaultCodecParams,
          dct: true,
        }),
      ).not.toThrow();
    }
  });

  it('forgets everything on a null round', () => {
    const feedback = new ErrorFeedback([['w', [8]]], defaultCodecParams);
    feedback.compress(new Map([['w', Float32Array.from({ length: 8 }, (_, i) => i)]]));
    feedback.reset();
    expect([...feedback.residual('w')!]).toEqual(new Array(8).fill(0));
  });
});
