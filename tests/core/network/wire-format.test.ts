import { beforeAll, describe, expect, it } from 'vitest';
import { formatTao } from '../../../electron/core/network/chain';
import {
  bucketCommitmentSchema,
  commitmentSchema,
  MAX_COMMITMENT_BYTES,
} from '../../../electron/core/network/commitment';
import { signedMessage } from '../../../electron/core/network/devnet-api';
import { canonicalJson } from '../../../electron/protocol/canonical-json';
import { devSigner, signaturesReady, verifySignature } from '../../../electron/protocol/signature';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'é' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"é","z":null}]},"b":1}',
    );
  });

  it('gives the same text for the same value built in any order', () => {
    const one = { uids: [1, 2], weights: [0.25, 0.75], versionKey: 3 };
    const two = { versionKey: 3, weights: [0.25, 0.75], uids: [1, 2] };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(JSON.parse(canonicalJson(one))).toEqual(one);
  });

  it.each([[NaN], [Infinity], [undefined], [1n], [{ a: undefined }], [new Date(0)], [() => 1]])(
    'refuses %s, which JSON cannot carry',
    (value) => {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    },
  );
});

describe('signedMessage', () => {
  beforeAll(() => signaturesReady());
  const chainId = '0123456789abcdef0123456789abcdef';

  it('binds chain, method, hotkey, nonce and params, whatever the key order', () => {
    const base = signedMessage(chainId, 'set-weights', 'hk', 5, {
      uids: [1],
      weights: [1],
      versionKey: 0,
    });
    const reordered = signedMessage(chainId, 'set-weights', 'hk', 5, {
      versionKey: 0,
      weights: [1],
      uids: [1],
    });
    expect(reordered).toEqual(base);
    for (const other of [
      signedMessage('f'.repeat(32), 'set-weights', 'hk', 5, {
        uids: [1],
        weights: [1],
        versionKey: 0,
      }),
      signedMessage(chainId, 'commit', 'hk', 5, { uids: [1], weights: [1], versionKey: 0 }),
      signedMessage(chainId, 'set-weights', 'hk2', 5, { uids: [1], weights: [1], versionKey: 0 }),
      signedMessage(chainId, 'set-weights', 'hk', 6, { uids: [1], weights: [1], versionKey: 0 }),
      signedMessage(chainId, 'set-weights', 'hk', 5, { uids: [2], weights: [1], versionKey: 0 }),
    ]) {
      expect(other).not.toEqual(base);
    }
    expect(new TextDecoder().decode(base)).toBe(
      `["tessera-devnet/v1","${chainId}","set-weights","hk",5,{"uids":[1],"versionKey":0,"weights":[1]}]`,
    );
  });

  it("verifies with the signer's hotkey and no other", async () => {
    const alice = await devSigner('//Alice');
    const bob = await devSigner('//Bob');
    const message = signedMessage(chainId, 'register', alice.ss58Address, 1, {
      asValidator: false,
    });
    const signature = await alice.sign(message);
    expect(verifySignature(alice.ss58Address, message, signature)).toBe(true);
    expect(verifySignature(bob.ss58Address, message, signature)).toBe(false);
  });
});

describe('commitments', () => {
  it('are JSON objects of at most MAX_COMMITMENT_BYTES', () => {
    expect(
      commitmentSchema.safeParse({ kind: 'fs', path: '/x', extra: [1, { a: null }] }).success,
    ).toBe(true);
    for (const bad of [
      'text',
      [1, 2],
      null,
      3,
      { a: undefined },
      { big: 'x'.repeat(MAX_COMMITMENT_BYTES) },
    ]) {
      expect(commitmentSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('read as bucket locations: a folder, or an S3 bucket with read-only keys', () => {
    expect(bucketCommitmentSchema.parse({ kind: 'fs', path: '/tmp/b' })).toEqual({
      kind: 'fs',
      path: '/tmp/b',
    });
    const r2 = {
      kind: 's3',
      endpoint: 'https://acc.r2.cloudflarestorage.com',
      region: 'auto',
      bucket: 'acc',
      readAccessKeyId: 'id',
      readSecretAccessKey: 'secret',
    };
    expect(bucketCommitmentSchema.parse(r2)).toEqual(r2);
    expect(bucketCommitmentSchema.safeParse({ ...r2, writeSecretAccessKey: 'oops' }).success).toBe(
      false,
    );
    expect(bucketCommitmentSchema.safeParse({ ...r2, endpoint: 'file:///etc' }).success).toBe(
      false,
    );
    expect(bucketCommitmentSchema.safeParse({ kind: 'ftp', path: '/x' }).success).toBe(false);
  });
});

describe('formatTao', () => {
  it.each([
    [0n, '0'],
    [1n, '0.000000001'],
    [1_500_000_000n, '1.5'],
    [21_000_000n * 1_000_000_000n, '21000000'],
    [-2_000_000_000n, '-2'],
  ])('%s rao is %s TAO', (rao, text) => {
    expect(formatTao(rao)).toBe(text);
  });
});
