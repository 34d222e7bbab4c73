import { describe, expect, it } from 'vitest';
import {
  decodePayload,
  SIGNING_DOMAIN,
  signingMessage,
} from '../../../electron/protocol/payload/index';
import { decodeSafetensors, encodeSafetensors } from '../../../electron/protocol/safetensors';
import {
  devSigner,
  isCanonicalAddress,
  verifySignature,
} from '../../../electron/protocol/signature';
import { expectation, signedPayload } from './fixtures';

describe('signatures', () => {
  it("derives Substrate's well-known development keys", async () => {
    expect((await devSigner()).ss58Address).toBe(
      '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    );
    expect((await devSigner('//Bob')).ss58Address).toBe(
      '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
    );
  });

  it('verifies sr25519 signatures, and never throws on garbage', async () => {
    const alice = await devSigner();
    const message = new TextEncoder().encode('tessera');
    const signature = await alice.sign(message);
    expect(verifySignature(alice.ss58Address, message, signature)).toBe(true);
    expect(verifySignature(alice.ss58Address, new TextEncoder().encode('tesserA'), signature)).toBe(
      false,
    );
    expect(verifySignature((await devSigner('//Bob')).ss58Address, message, signature)).toBe(false);
    expect(verifySignature(alice.ss58Address, message, new Uint8Array(64))).toBe(false);
    expect(verifySignature(alice.ss58Address, message, new Uint8Array(3))).toBe(false);
    expect(verifySignature('nonsense', message, signature)).toBe(false);
  });

  it('accepts only canonical SS58 (prefix 42) addresses', async () => {
    expect(isCanonicalAddress((await devSigner()).ss58Address)).toBe(true);
    // Alice with the Polkadot prefix (0): the same key, another spelling.
    expect(isCanonicalAddress('15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5')).toBe(false);
    expect(isCanonicalAddress('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ')).toBe(false);
  });

  it('signs the domain tag and the SHA-256 of the file without its signature entry', async () => {
    const alice = await devSigner();
    const bytes = await signedPayload(alice);
    const file = decodeSafetensors(bytes);
    const { signature, ...unsigned } = file.metadata;
    const message = signingMessage(encodeSafetensors(file.tensors, unsigned));
    expect(Buffer.from(message.subarray(0, SIGNING_DOMAIN.length)).toString()).toBe(
      'tessera/payload/v1:',
    );
    expect(message.length).toBe(SIGNING_DOMAIN.length + 32);
    expect(verifySignature(alice.ss58Address, message, Buffer.from(signature!, 'hex'))).toBe(true);
  });

  it('rejects a payload re-signed by another key under the original hotkey', async () => {
    const bob = await devSigner('//Bob');
    const bytes = await signedPayload();
    const file = decodeSafetensors(bytes);
    const { signature: _, ...unsigned } = file.metadata;
    const forged = await bob.sign(signingMessage(encodeSafetensors(file.tensors, unsigned)));
    const meta = { ...file.metadata, signature: Buffer.from(forged).toString('hex') };
    const result = decodePayload(encodeSafetensors(file.tensors, meta), expectation());
    expect(result.ok ? 'accepted' : result.rejection.kind).toBe('signature');
  });

  it('rejects a payload re-signed by another key, honestly claiming it, when Alice is expected', async () => {
    const bob = await devSigner('//Bob');
    const bytes = await signedPayload(bob);
    expect(decodePayload(bytes, expectation()).ok).toBe(true);
    const alice = (await devSigner()).ss58Address;
    const result = decodePayload(bytes, expectation({ hotkey: alice }));
    expect(result.ok ? 'accepted' : result.rejection.kind).toBe('hotkey');
  });

  it('rejects the payload with any single byte changed, wherever it is', async () => {
    const bytes = await signedPayload();
    expect(decodePayload(bytes, expectation()).ok).toBe(true);
    // Every byte position, each with a different flip; sr25519 checks happen for the data bytes.
    const kinds = new Map<string, number>();
    for (let at = 0; at < bytes.length; at++) {
      const changed = Uint8Array.from(bytes);
      changed[at] = changed[at]! ^ (1 << (at % 8));
      const result = decodePayload(changed, expectation());
      if (result.ok) throw new Error(`a change at byte ${at} was accepted`);
      kinds.set(result.rejection.kind, (kinds.get(result.rejection.kind) ?? 0) + 1);
    }
    // The data section is most of the file, and only the signature can catch a value change.
    expect(kinds.get('signature')).toBeGreaterThan(bytes.length / 3);
  }, 120_000);
});
