import type { Enum, Option, Struct, Vec } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import { encodeAddress } from '@polkadot/util-crypto';
import { SS58_PREFIX } from '../../../protocol/signature';
import type { Metagraph, Neuron } from '../chain';
import { NetworkError } from '../errors';
import { type DataField, commitmentText as textOf } from './commitment-data';

/**
 * Every field of `SubnetInfoRuntimeApi.get_selective_mechagraph`, as the Bittensor SDK's
 * `metagraph()` requests them (`SelectiveMetagraphIndex`, 0..73). One call answers the metagraph,
 * the pool, the burn and the commitments at one block.
 */
export const ALL_METAGRAPH_INDEXES: readonly number[] = Array.from({ length: 74 }, (_, i) => i);

/** u16 fractions on chain: 65535 is 1. */
const U16_MAX = 65_535;

/** One uid's published commitment, as raw text (not every subnet's miners commit JSON). */
export interface RawCommitment {
  hotkey: string;
  uid: number;
  block: number;
  /** The joined `RawN` fields as UTF-8, or undefined when they are something else. */
  text: string | undefined;
}

/** What one mechagraph call says about a subnet at one block. */
export interface SubnetSnapshot {
  block: number;
  tempo: number;
  /** The block of the subnet's last epoch, where its emission events are. */
  lastStep: number;
  /** The current registration burn, in rao. */
  burn: bigint;
  /** The subnet pool's reserves: TAO and alpha, in rao. */
  taoIn: bigint;
  alphaIn: bigint;
  /** Validators must commit weights and reveal them later instead of setting them. */
  commitReveal: boolean;
  metagraph: Metagraph;
  commitments: RawCommitment[];
}

/** A commitment's stored `Registration`: the block it was made at and its `Data` fields. */
export type RegistrationDecoder = (bytes: Uint8Array) => { block: number; fields: DataField[] };

/**
 * Reads the runtime's `Option<SelectiveMetagraph>` answer. Everything is checked: a missing
 * subnet is 'not-found', a missing field or vectors of different lengths 'invalid', because a
 * metagraph with shifted uids would pay the wrong miners.
 */
export function decodeSnapshot(
  answer: Codec,
  netuid: number,
  decodeRegistration: RegistrationDecoder,
): SubnetSnapshot {
  const option = answer as Option<Struct>;
  if (option.isNone) {
    throw new NetworkError('not-found', `Subnet ${netuid} does not exist on this chain.`);
  }
  const graph = option.unwrap();
  const field = <T extends Codec>(name: string): T => {
    const value = graph.get(name) as Option<T> | undefined;
    if (value === undefined || value.isNone) {
      throw new NetworkError('invalid', `The node's metagraph for subnet ${netuid} lacks ${name}.`);
    }
    return value.unwrap();
  };
  const numbers = (name: string) => [...field<Vec<Codec>>(name)].map(toBigInt);
  const block = Number(toBigInt(field('block')));
  const hotkeys = [...field<Vec<Codec>>('hotkeys')].map((key) =>
    encodeAddress(key.toU8a(), SS58_PREFIX),
  );
  const permits = [...field<Vec<Codec>>('validatorPermit')].map((p) => p.toJSON() === true);
  const columns = {
    stake: numbers('totalStake'),
    incentive: numbers('incentives'),
    consensus: numbers('consensus'),
    dividends: numbers('dividends'),
    emission: numbers('emission'),
    lastUpdate: numbers('lastUpdate'),
    registeredAt: numbers('blockAtRegistration'),
    permits,
  };
  for (const [name, values] of Object.entries(columns)) {
    if (values.length !== hotkeys.length) {
      throw new NetworkError(
        'invalid',
        `The node's metagraph for subnet ${netuid} has ${hotkeys.length} hotkeys but ${values.length} ${name} values.`,
      );
    }
  }
  const neurons: Neuron[] = hotkeys.map((hotkey, uid) => ({
    uid,
    hotkey,
    stake: columns.stake[uid]!,
    validatorPermit: permits[uid]!,
    incentive: Number(columns.incentive[uid]!) / U16_MAX,
    consensus: Number(columns.consensus[uid]!) / U16_MAX,
    dividends: Number(columns.dividends[uid]!) / U16_MAX,
    emission: columns.emission[uid]!,
    lastUpdate: Number(columns.lastUpdate[uid]!),
    registeredAt: Number(columns.registeredAt[uid]!),
  }));
  const uidOf = new Map(hotkeys.map((hotkey, uid) => [hotkey, uid]));
  const commitments = [...field<Vec<Codec>>('commitments')].flatMap((entry) => {
    const [account, bytes] = entry as unknown as [Codec, Vec<Codec>];
    const hotkey = encodeAddress(account.toU8a(), SS58_PREFIX);
    const uid = uidOf.get(hotkey);
    // A commitment outlives its hotkey's registration; only registered hotkeys take part.
    if (uid === undefined) return [];
    const registration = decodeRegistration(
      new Uint8Array([...bytes].map((b) => Number(toBigInt(b)))),
    );
    return [{ hotkey, uid, block: registration.block, text: textOf(registration.fields) }];
  });
  return {
    block,
    tempo: Number(toBigInt(field('tempo'))),
    lastStep: Number(toBigInt(field('lastStep'))),
    burn: toBigInt(field('burn')),
    taoIn: toBigInt(field('taoIn')),
    alphaIn: toBigInt(field('alphaIn')),
    commitReveal: field('commitRevealWeightsEnabled').toJSON() === true,
    metagraph: { netuid, block, neurons },
    commitments,
  };
}

/** The `Data` fields of a decoded `Registration` codec, for `commitmentText`. */
export function dataFields(registration: Struct): { block: number; fields: DataField[] } {
  const info = registration.get('info') as Struct;
  const fields = [...(info.get('fields') as Vec<Enum>)].map((data) => ({
    variant: data.type,
    bytes: data.value.toU8a(true),
  }));
  return { block: Number(toBigInt(registration.get('block')!)), fields };
}

function toBigInt(value: Codec): bigint {
  const candidate = value as Codec & { toBigInt?: () => bigint; unwrap?: () => Codec };
  if (typeof candidate.toBigInt === 'function') return candidate.toBigInt();
  // Compact<T> wraps its integer
  if (typeof candidate.unwrap === 'function') return toBigInt(candidate.unwrap());
  throw new NetworkError('invalid', `Expected an integer from the node, got ${value.toRawType()}.`);
}
