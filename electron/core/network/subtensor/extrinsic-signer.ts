import type {
  Signer as PolkadotSigner,
  Registry,
  SignerPayloadJSON,
  SignerResult,
} from '@polkadot/types/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { Signer } from '../../../protocol/signature';
import { NetworkError } from '../errors';

/** MultiSignature's variant for sr25519, the only key type Bittensor wallets hold. */
const SR25519_VARIANT = 1;

/**
 * Lets @polkadot/api sign extrinsics with a Tessera `Signer` (a wallet key that never leaves
 * the core): polkadot-js builds the payload, this signs its bytes exactly as the runtime checks
 * them (hashed with blake2-256 when longer than 256 bytes, as `sp_runtime` does).
 */
export class ExtrinsicSigner implements PolkadotSigner {
  private nextId = 1;

  constructor(
    private readonly registry: Registry,
    private readonly signer: Signer,
  ) {}

  async signPayload(payload: SignerPayloadJSON): Promise<SignerResult> {
    if (payload.address !== this.signer.ss58Address) {
      throw new NetworkError(
        'invalid',
        `Asked to sign for ${payload.address} with the key of ${this.signer.ss58Address}.`,
      );
    }
    const bytes = this.registry
      .createType('ExtrinsicPayload', payload, { version: payload.version })
      .toU8a({ method: true });
    const signature = await this.signer.sign(bytes.length > 256 ? blake2AsU8a(bytes) : bytes);
    return {
      id: this.nextId++,
      signature: u8aToHex(u8aConcat(new Uint8Array([SR25519_VARIANT]), signature)),
    };
  }
}
