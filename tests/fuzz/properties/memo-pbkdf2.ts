/**
 * Old bittensor Fernet coldkeys derive their key with 10 million PBKDF2 rounds (5 to 12 s on this
 * shared machine), so a fuzz case that gets past the token's structure would cost seconds. The
 * derivation is a pure function of its inputs, so this replaces node:crypto's `pbkdf2` with the
 * same function behind a cache: the reader runs unchanged and gets the very bytes it would have
 * computed. The cache starts with the Fernet test vector's key, a precomputed derivation like
 * `NACL.key` in tests/core/wallet/vectors.ts; were it wrong, that keyfile would never open and the
 * fuzz test's "opened fernet" outcome would fail. It must be imported before any wallet module,
 * which binds `pbkdf2` when it loads.
 */
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';

type Callback = (error: Error | null, key: Buffer) => void;

const original = crypto.pbkdf2;
const cache = new Map<string, Promise<Buffer>>();
const MAX_ENTRIES = 1024;

function keyOf(parts: unknown[]): string {
  return parts
    .map((p) =>
      typeof p === 'string' ? `s${p}` : `b${Buffer.from(p as Uint8Array).toString('hex')}`,
    )
    .join('\u0000');
}

/** PBKDF2-HMAC-SHA256(FERNET.password, old bittensor's salt, 10 000 000, 32 bytes). */
const FERNET_VECTOR_KEY = 'e038913aff90a88b4e354ab33f862b8475f14878073cc154bb2b9f51834170c0';
const FERNET_SALT = 'Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins';
const known = new Map([
  [
    keyOf(['thisisafakepassword', FERNET_SALT, '10000000', '32', 'sha256']),
    Promise.resolve(Buffer.from(FERNET_VECTOR_KEY, 'hex')),
  ],
]);

crypto.pbkdf2 = ((
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  iterations: number,
  keylen: number,
  digest: string,
  callback: Callback,
) => {
  const key = keyOf([password, salt, String(iterations), String(keylen), digest]);
  let derived = known.get(key) ?? cache.get(key);
  if (!derived) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    derived = new Promise<Buffer>((resolve, reject) =>
      original(password, salt, iterations, keylen, digest, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    cache.set(key, derived);
  }
  derived.then(
    (out) => callback(null, Buffer.from(out)),
    (error: Error) => callback(error, Buffer.alloc(0)),
  );
}) as typeof crypto.pbkdf2;
syncBuiltinESMExports();
