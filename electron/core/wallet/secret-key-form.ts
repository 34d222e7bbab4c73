/**
 * The two encodings of a 64-byte sr25519 secret key (reference/bittensor.md §5.2). btwallet's
 * `privateKey` holds schnorrkel's canonical scalar; polkadot-js and @scure/sr25519 hold the scalar
 * times 8 ("ed25519 form"). The 32-byte nonce half is the same in both. Mixing them up gives a
 * different public key, so every import recomputes the public key and compares.
 */
export function canonicalToEd25519Form(canonical: Uint8Array): Uint8Array {
  const out = canonical.slice();
  for (let i = 31; i >= 0; i--) {
    out[i] = ((canonical[i]! << 3) | (i > 0 ? canonical[i - 1]! >> 5 : 0)) & 0xff;
  }
  return out;
}

export function ed25519FormToCanonical(ed25519Form: Uint8Array): Uint8Array {
  const out = ed25519Form.slice();
  for (let i = 0; i < 32; i++) {
    out[i] = ((ed25519Form[i]! >> 3) | (i < 31 ? ed25519Form[i + 1]! << 5 : 0)) & 0xff;
  }
  return out;
}
