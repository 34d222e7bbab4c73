import { sr25519Sign } from '@polkadot/util-crypto';
import { type Signer, verifySignature } from '../../protocol/signature';
import { WalletError } from './errors';
import { type Keypair, ss58Address } from './keypair';

/**
 * A signer handle over one key pair. The secret stays in this object in the core process; the
 * handle can be locked, after which it forgets the secret and refuses to sign.
 */
export class KeypairSigner implements Signer {
  readonly ss58Address: string;
  private pair: Keypair | undefined;

  constructor(
    pair: Keypair,
    private readonly label: string,
    /** Called on every signature: the keystore's inactivity timer listens here. */
    private readonly onUse: () => void = () => {},
  ) {
    this.pair = pair;
    this.ss58Address = ss58Address(pair.publicKey);
  }

  get locked(): boolean {
    return this.pair === undefined;
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    if (this.pair === undefined) {
      throw new WalletError('locked', `${this.label} is locked; unlock it to sign.`);
    }
    this.onUse();
    return sr25519Sign(message, this.pair);
  }

  /** Forgets the secret, overwriting its bytes (best effort: JS may hold copies elsewhere). */
  lock(): void {
    this.pair?.secretKey.fill(0);
    this.pair?.secretSeed?.fill(0);
    this.pair = undefined;
  }
}

const BYTES_OPEN = new TextEncoder().encode('<Bytes>');
const BYTES_CLOSE = new TextEncoder().encode('</Bytes>');

/**
 * Whether `signature` signs `message` for `address`, also as the polkadot-js extension's
 * `signRaw` signs it (wrapped in `<Bytes>…</Bytes>`), which btwallet accepts too.
 */
export function verifyMessage(address: string, message: Uint8Array, signature: Uint8Array) {
  const wrapped = new Uint8Array(BYTES_OPEN.length + message.length + BYTES_CLOSE.length);
  wrapped.set(BYTES_OPEN);
  wrapped.set(message, BYTES_OPEN.length);
  wrapped.set(BYTES_CLOSE, BYTES_OPEN.length + message.length);
  return (
    verifySignature(address, message, signature) || verifySignature(address, wrapped, signature)
  );
}
