import type { Metadata } from '@polkadot/types';
import { allExtensions } from '@polkadot/types/extrinsic/signedExtensions';
import type { ExtDef } from '@polkadot/types/extrinsic/signedExtensions/types';
import type { PortableRegistry } from '@polkadot/types/metadata';
import { NetworkError } from '../errors';

/**
 * Subtensor's own transaction extensions, declared for @polkadot/api. polkadot-js encodes only
 * extensions it knows by name and treats any other as empty; subtensor's runtime
 * (`runtime/src/lib.rs`, `TxExtension`) wraps the fee extension as
 * `ChargeTransactionPaymentWrapper`, which carries the compact tip, so left undeclared the tip
 * byte would be missing and every signature would be invalid. The others encode nothing.
 */
export const SUBTENSOR_SIGNED_EXTENSIONS: ExtDef = {
  ChargeTransactionPaymentWrapper: { extrinsic: { tip: 'Compact<Balance>' }, payload: {} },
  SudoTransactionExtension: { extrinsic: {}, payload: {} },
  CheckShieldedTxValidity: { extrinsic: {}, payload: {} },
  SubtensorTransactionExtension: { extrinsic: {}, payload: {} },
  DrandPriority: { extrinsic: {}, payload: {} },
};

export interface TransactionExtension {
  identifier: string;
  /** Type of what the extension adds to the extrinsic. */
  type: number;
  /** Type of what it adds, unsent, to the signed payload. */
  implicit: number;
}

/** The runtime's transaction extensions, in order, as its metadata states them. */
export function transactionExtensions(metadata: Metadata): TransactionExtension[] {
  // Read each version's own field: polkadot-js's upgrade of v14/v15 to v16 loses
  // `additionalSigned` (it reports type 0 for every extension).
  if (metadata.version === 14 || metadata.version === 15) {
    const extrinsic = metadata.version === 14 ? metadata.asV14.extrinsic : metadata.asV15.extrinsic;
    return extrinsic.signedExtensions.map((e) => ({
      identifier: e.identifier.toString(),
      type: e.type.toNumber(),
      implicit: e.additionalSigned.toNumber(),
    }));
  }
  return metadata.asLatest.extrinsic.transactionExtensions.map((e) => ({
    identifier: e.identifier.toString(),
    type: e.type.toNumber(),
    implicit: e.implicit.toNumber(),
  }));
}

/**
 * The extensions polkadot-js would encode wrongly with `declared`: those whose metadata type
 * carries bytes (on the extrinsic or in the signed payload) while polkadot-js has no fields for
 * them, or the other way round. Signing with any of these present would make an invalid
 * transaction, so writes are refused while the list is not empty.
 */
export function misencodedExtensions(
  metadata: Metadata,
  declared: ExtDef = SUBTENSOR_SIGNED_EXTENSIONS,
): string[] {
  const lookup = metadata.asLatest.lookup;
  return transactionExtensions(metadata).flatMap((extension) => {
    const known = declared[extension.identifier] ?? allExtensions[extension.identifier];
    const sendsBytes = !isEmptyType(lookup, extension.type);
    const signsBytes = !isEmptyType(lookup, extension.implicit);
    const encodesBytes = known !== undefined && Object.keys(known.extrinsic).length > 0;
    const encodesSigned = known !== undefined && Object.keys(known.payload).length > 0;
    return sendsBytes === encodesBytes && signsBytes === encodesSigned
      ? []
      : [extension.identifier];
  });
}

/** Whether values of a type encode to zero bytes (unit structs, empty tuples, PhantomData). */
export function isEmptyType(lookup: PortableRegistry, id: number, depth = 0): boolean {
  if (depth > 16) return false;
  const def = lookup.getSiType(id).def;
  if (def.isComposite) {
    return def.asComposite.fields.every((f) => isEmptyType(lookup, f.type.toNumber(), depth + 1));
  }
  if (def.isTuple) return def.asTuple.every((t) => isEmptyType(lookup, t.toNumber(), depth + 1));
  if (def.isArray) {
    const array = def.asArray;
    return array.len.toNumber() === 0 || isEmptyType(lookup, array.type.toNumber(), depth + 1);
  }
  return false;
}

/** A typed refusal naming the extensions that would make the transaction invalid. */
export function extensionsError(names: readonly string[]): NetworkError {
  return new NetworkError(
    'rejected',
    `This subtensor runtime uses transaction extensions Tessera cannot encode (${names.join(', ')}); ` +
      'it will not sign transactions the chain would reject. Update Tessera.',
  );
}
