import type { ApiPromise } from '@polkadot/api';
import type {
  ApiDecoration,
  QueryableStorageEntry,
  SubmittableExtrinsicFunction,
} from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { NetworkError } from '../errors';

/**
 * Storage items, calls and runtime APIs by name, as the connected runtime's metadata decorates
 * them. Subtensor renames and removes items between runtimes (reference §10.4), so a missing one
 * is a typed refusal naming it, not a crash.
 */
export function storageItem(
  api: ApiPromise | ApiDecoration<'promise'>,
  pallet: string,
  item: string,
): QueryableStorageEntry<'promise'> {
  const entry = api.query[pallet]?.[item];
  if (!entry) throw missing(`storage ${pallet}.${item}`);
  return entry;
}

export function hasCall(api: ApiPromise, pallet: string, call: string): boolean {
  return api.tx[pallet]?.[call] !== undefined;
}

export function callOf(
  api: ApiPromise,
  pallet: string,
  call: string,
): SubmittableExtrinsicFunction<'promise'> {
  const fn = api.tx[pallet]?.[call];
  if (!fn) throw missing(`call ${pallet}.${call}`);
  return fn;
}

export function hasRuntimeCall(api: ApiPromise, section: string, method: string): boolean {
  return api.call[section]?.[method] !== undefined;
}

export function runtimeCall(
  api: ApiPromise,
  section: string,
  method: string,
): (...args: unknown[]) => Promise<Codec> {
  const fn = api.call[section]?.[method];
  if (!fn) throw missing(`runtime API ${section}.${method}`);
  return fn as (...args: unknown[]) => Promise<Codec>;
}

function missing(what: string): NetworkError {
  return new NetworkError(
    'rejected',
    `This subtensor runtime has no ${what}; Tessera needs an update for it.`,
  );
}
