import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Struct } from '@polkadot/types';
import type { ISubmittableResult } from '@polkadot/types/types';
import type { Signer } from '../../../protocol/signature';
import { NetworkError } from '../errors';
import { ExtrinsicSigner } from './extrinsic-signer';
import { toNetworkError } from './rpc-errors';
import { runtimeCall } from './runtime-items';
import { extensionsError, misencodedExtensions } from './signed-extensions';

export type Call = SubmittableExtrinsic<'promise'>;

/** Blocks a signed transaction stays valid for. */
const MORTAL_PERIOD = 64;

/**
 * Prices and sends extrinsics for one client: refuses to sign while the runtime has an extension
 * polkadot-js would mis-encode, sends one transaction at a time (nonces from the node's pool) and
 * waits until each is in a block. A failed dispatch is 'rejected' with the runtime's reason.
 * Nothing is retried, since a retry after a timeout could pay twice.
 */
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly api: ApiPromise,
    private readonly endpoint: string,
    private readonly inclusionTimeoutMs: number,
  ) {}

  /**
   * The network fee `payer` would pay for `call`, in rao, without signing anything: the runtime
   * prices a copy carrying a placeholder signature (`TransactionPaymentApi.query_info`). The fee
   * follows the call's weight and length; the placeholder's nonce of 0 may be a byte or two
   * shorter than the real one, a difference of a few rao at most.
   */
  async fee(call: Call, payer: string): Promise<bigint> {
    this.checkExtensions();
    try {
      const priced = this.api
        .tx(this.api.registry.createType('Call', call.method.toU8a()))
        .signFake(payer, {
          nonce: 0,
          genesisHash: this.api.genesisHash,
          runtimeVersion: this.api.runtimeVersion,
          ...(await this.mortalAtHead()),
        });
      const queryInfo = runtimeCall(this.api, 'transactionPaymentApi', 'queryInfo');
      // The runtime API takes the extrinsic as opaque length-prefixed bytes.
      const info = (await queryInfo(priced.toU8a(), priced.encodedLength)) as unknown as Struct;
      return BigInt(info.get('partialFee')!.toString());
    } catch (error) {
      throw toNetworkError(error, 'estimate the fee', this.endpoint);
    }
  }

  /** Signs `call` with `signer`, sends it after any earlier one, and waits until it is in a block. */
  send(call: Call, signer: Signer, what: string): Promise<void> {
    const next = () => this.sendNow(call, signer, what);
    const result = this.queue.then(next, next);
    this.queue = result.catch(() => {});
    return result;
  }

  private async sendNow(call: Call, signer: Signer, what: string): Promise<void> {
    this.checkExtensions();
    const extrinsicSigner = new ExtrinsicSigner(this.api.registry, signer);
    let options: Parameters<Call['signAndSend']>[1];
    try {
      // The node's next nonce counts what is already in its pool.
      const [nonce, mortality] = await Promise.all([
        this.api.rpc.system.accountNextIndex(signer.ss58Address),
        this.mortalAtHead(),
      ]);
      options = { signer: extrinsicSigner, nonce, ...mortality };
    } catch (error) {
      throw toNetworkError(error, `prepare the ${what}`, this.endpoint);
    }
    await new Promise<void>((resolve, reject) => {
      let stop: (() => void) | undefined;
      const finish = (error?: NetworkError) => {
        clearTimeout(timer);
        stop?.();
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () =>
          finish(
            new NetworkError(
              'timeout',
              `The ${what} was sent but not in a block after ${this.inclusionTimeoutMs / 1000} s; it may still be included.`,
            ),
          ),
        this.inclusionTimeoutMs,
      );
      call
        .signAndSend(signer.ss58Address, options, (result) => {
          const outcome = this.outcome(result, what);
          if (outcome !== 'pending') finish(outcome);
        })
        .then(
          (unsubscribe) => {
            stop = unsubscribe;
          },
          (error) => finish(toNetworkError(error, `send the ${what}`, this.endpoint)),
        );
    });
  }

  /** An era of `MORTAL_PERIOD` blocks from the head, and the head's hash it is signed against. */
  private async mortalAtHead() {
    const head = await this.api.rpc.chain.getHeader();
    return {
      blockHash: head.hash,
      era: this.api.registry.createType('ExtrinsicEra', {
        current: head.number.toNumber(),
        period: MORTAL_PERIOD,
      }),
    };
  }

  private checkExtensions(): void {
    const wrong = misencodedExtensions(this.api.runtimeMetadata);
    if (wrong.length > 0) throw extensionsError(wrong);
  }

  private outcome(result: ISubmittableResult, what: string): NetworkError | undefined | 'pending' {
    if (result.dispatchError) {
      const error = result.dispatchError;
      let reason = error.toString();
      if (error.isModule) {
        const { section, name, docs } = this.api.registry.findMetaError(error.asModule);
        reason = `${section}.${name}${docs.length ? `: ${docs.join(' ')}` : ''}`;
      }
      return new NetworkError('rejected', `The chain refused the ${what}: ${reason}.`);
    }
    const status = result.status;
    if (result.internalError) {
      // In a block, but its events could not be read: as after a timeout, the outcome is unknown.
      return new NetworkError(
        'timeout',
        `The ${what} reached a block but its outcome could not be read (${result.internalError.message}); check it before sending it again.`,
      );
    }
    if (status.isInBlock || status.isFinalized) return undefined;
    if (status.isInvalid || status.isDropped || status.isUsurped) {
      return new NetworkError('rejected', `The ${what} was dropped by the node (${status.type}).`);
    }
    return 'pending';
  }
}
