/**
 * Offline: subtensor's real metadata (tests/fixtures/subtensor/README.md) decoded, and the
 * extrinsics Tessera sends encoded and signed against it exactly as @polkadot/api does when it
 * signs through `ExtrinsicSigner`, then checked byte by byte.
 */
import type { Struct, TypeRegistry } from '@polkadot/types';
import type { Call } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { compactToU8a, u8aConcat, u8aToHex, u8aToU8a } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, sr25519Verify } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BucketCommitment } from '../../../../electron/core/network/commitment';
import { NetworkError } from '../../../../electron/core/network/errors';
import {
  commitmentFields,
  commitmentText,
  parseCommitment,
} from '../../../../electron/core/network/subtensor/commitment-data';
import { minerEmissionIn } from '../../../../electron/core/network/subtensor/emission-events';
import { ExtrinsicSigner } from '../../../../electron/core/network/subtensor/extrinsic-signer';
import {
  misencodedExtensions,
  transactionExtensions,
} from '../../../../electron/core/network/subtensor/signed-extensions';
import { dataFields } from '../../../../electron/core/network/subtensor/snapshot';
import { normalizedWeights } from '../../../../electron/core/network/subtensor/weights';
import { devSigner, type Signer } from '../../../../electron/protocol/signature';
import {
  metadataSpec343,
  metadataSpec381,
  metadataWithWrapper,
  registryFor,
} from './metadata-fixtures';

const GENESIS = '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03';
const COMMITMENT: BucketCommitment = {
  kind: 's3',
  endpoint: 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com',
  region: 'auto',
  bucket: '0123456789abcdef0123456789abcdef',
  readAccessKeyId: 'a'.repeat(32),
  readSecretAccessKey: 'b'.repeat(64),
};

let hotkey: Signer;
beforeAll(async () => {
  hotkey = await devSigner('//Alice');
});

/** What polkadot-js's `signAsync` does with a `signer` option (api/submittable/createClass.ts). */
async function signWith(
  registry: TypeRegistry,
  call: Call,
  signer: Signer,
  nonce: number,
  tip: bigint,
) {
  const specVersion = registry.createType('u32', 343);
  const payload = registry.createTypeUnsafe('SignerPayload', [
    {
      address: signer.ss58Address,
      blockHash: GENESIS,
      blockNumber: 0,
      era: registry.createType('ExtrinsicEra', new Uint8Array([0])),
      genesisHash: GENESIS,
      method: call,
      nonce,
      tip,
      runtimeVersion: { specVersion, transactionVersion: registry.createType('u32', 1) },
      signedExtensions: registry.signedExtensions,
      version: 4,
    },
  ]) as Codec & { toPayload(): Parameters<ExtrinsicSigner['signPayload']>[0] };
  const result = await new ExtrinsicSigner(registry, signer).signPayload(payload.toPayload());
  const extrinsic = registry.createType('Extrinsic', call, { version: 4 });
  extrinsic.addSignature(signer.ss58Address, result.signature, payload.toPayload());
  return { bytes: extrinsic.toU8a(), signature: u8aToU8a(result.signature) };
}

/**
 * The signed payload built by hand from the runtime's extension list, independent of
 * polkadot-js's payload encoder: call ‖ era ‖ nonce ‖ tip ‖ mode ‖ spec ‖ tx version ‖ genesis ‖
 * block hash ‖ metadata hash (None).
 */
function expectedPayload(call: Call, nonce: number, tip: bigint): Uint8Array {
  const u32 = (n: number) => new Uint8Array([n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24]);
  return u8aConcat(
    call.toU8a(),
    [0x00],
    compactToU8a(nonce),
    compactToU8a(tip),
    [0x00],
    u32(343),
    u32(1),
    GENESIS,
    GENESIS,
    [0x00],
  );
}

/** sender ‖ signature ‖ era ‖ nonce ‖ tip ‖ mode ‖ call, after the length and version byte. */
function expectedExtrinsicBody(
  signer: Signer,
  signature: Uint8Array,
  call: Call,
  nonce: number,
  tip: bigint,
) {
  return u8aConcat(
    [0x84],
    [0x00],
    decodeAddress(signer.ss58Address),
    signature,
    [0x00],
    compactToU8a(nonce),
    compactToU8a(tip),
    [0x00],
    call.toU8a(),
  );
}

function verifies(payload: Uint8Array, signature: Uint8Array, signer: Signer): boolean {
  const message = payload.length > 256 ? blake2AsU8a(payload) : payload;
  return sr25519Verify(message, signature.subarray(1), decodeAddress(signer.ss58Address));
}

describe('subtensor metadata, decoded offline', () => {
  it.each([
    ['runtime 343 (V15)', metadataSpec343, 15],
    ['runtime 381 (V16)', metadataSpec381, 16],
  ])('%s has the calls Tessera sends at the indices it expects', (_, load, version) => {
    const { registry, metadata } = registryFor(load());
    expect(metadata.version).toBe(version);
    const at = (pallet: number, call: number) => {
      const found = registry.findMetaCall(new Uint8Array([pallet, call]));
      return `${found.section}.${found.method}`;
    };
    expect(at(7, 7)).toBe('subtensorModule.burnedRegister');
    expect(at(18, 0)).toBe('commitments.setCommitment');
    expect(at(7, 0)).toBe('subtensorModule.setWeights');
    const runtimeVersion = registry.createType(
      'RuntimeVersion',
      metadata.asLatest.pallets
        .find((p) => p.name.eq('System'))!
        .constants.find((c) => c.name.eq('Version'))!.value,
    );
    expect((runtimeVersion.toJSON() as { specName: string }).specName).toBe('node-subtensor');
  });

  it('lists subtensor’s own transaction extensions, which encode no bytes there', () => {
    const { metadata } = registryFor(metadataSpec343());
    expect(transactionExtensions(metadata).map((e) => e.identifier)).toEqual([
      'CheckNonZeroSender',
      'CheckSpecVersion',
      'CheckTxVersion',
      'CheckGenesis',
      'CheckMortality',
      'CheckNonce',
      'CheckWeight',
      'ChargeTransactionPayment',
      'SubtensorTransactionExtension',
      'DrandPriority',
      'CheckMetadataHash',
    ]);
    expect(misencodedExtensions(metadata)).toEqual([]);
  });
});

describe.each([
  ['runtime 343', metadataSpec343],
  ['runtime 381', metadataSpec381],
  ['runtime 381 with ChargeTransactionPaymentWrapper', metadataWithWrapper],
])('extrinsics signed against %s', (_, load) => {
  it('burned_register: every extension byte in place and a signature the runtime accepts', async () => {
    const { registry } = registryFor(load());
    const call = registry.createType('Call', {
      callIndex: [7, 7],
      args: { netuid: 3, hotkey: hotkey.ss58Address },
    });
    const { bytes, signature } = await signWith(registry, call, hotkey, 7, 5n);
    const body = expectedExtrinsicBody(hotkey, signature, call, 7, 5n);
    expect(u8aToHex(bytes)).toBe(u8aToHex(u8aConcat(compactToU8a(body.length), body)));
    expect(verifies(expectedPayload(call, 7, 5n), signature, hotkey)).toBe(true);

    const decoded = registry.createType('Extrinsic', bytes);
    expect(decoded.signer.toString()).toBe(hotkey.ss58Address);
    expect(decoded.tip.toBigInt()).toBe(5n);
    expect(decoded.nonce.toNumber()).toBe(7);
    expect(decoded.method.section).toBe('subtensorModule');
  });

  it('set_commitment: a bucket location in Raw fields, read back whole', async () => {
    const { registry, metadata } = registryFor(load());
    const fields = commitmentFields(COMMITMENT);
    // about 290 bytes of JSON: two full Raw128 fields and the rest
    expect(fields.map((f) => Object.keys(f)[0])).toEqual([
      'Raw128',
      'Raw128',
      expect.stringMatching(/^Raw\d+$/),
    ]);
    const call = registry.createType('Call', {
      callIndex: [18, 0],
      args: { netuid: 3, info: { fields } },
    });
    const { bytes, signature } = await signWith(registry, call, hotkey, 0, 0n);
    expect(verifies(expectedPayload(call, 0, 0n), signature, hotkey)).toBe(true);

    // What the chain then stores (Registration) and the metagraph returns, decoded as Tessera does
    const decodedCall = registry.createType('Extrinsic', bytes).method;
    const info = decodedCall.args[1] as Struct;
    const storage = metadata.asLatest.pallets
      .find((p) => p.name.eq('Commitments'))!
      .storage.unwrap();
    const registrationType = registry.createLookupType(
      storage.items.find((i) => i.name.eq('CommitmentOf'))!.type.asMap.value,
    );
    const stored = registry.createType(registrationType, { deposit: 0, block: 1234, info });
    const { block, fields: data } = dataFields(stored as unknown as Struct);
    expect(block).toBe(1234);
    expect(parseCommitment(commitmentText(data)!)).toEqual(COMMITMENT);
  });

  it('set_weights: u16 weights scaled to the largest, uids ascending', async () => {
    const { registry } = registryFor(load());
    const { uids, values } = normalizedWeights([
      { uid: 5, weight: 0.5 },
      { uid: 2, weight: 1 },
      { uid: 9, weight: 0 },
    ]);
    expect(uids).toEqual([2, 5]);
    expect(values).toEqual([65535, 32768]);
    const call = registry.createType('Call', {
      callIndex: [7, 0],
      args: { netuid: 3, dests: uids, weights: values, version_key: 42 },
    });
    const { signature } = await signWith(registry, call, hotkey, 1, 0n);
    expect(verifies(expectedPayload(call, 1, 0n), signature, hotkey)).toBe(true);
  });
});

describe('the custom fee extension', () => {
  it('is found missing when polkadot-js is not told about it, and the tip byte would be lost', async () => {
    const { registry, metadata } = registryFor(metadataWithWrapper(), {});
    expect(misencodedExtensions(metadata, {})).toEqual(['ChargeTransactionPaymentWrapper']);
    const call = registry.createType('Call', {
      callIndex: [7, 7],
      args: { netuid: 3, hotkey: hotkey.ss58Address },
    });
    const { bytes, signature } = await signWith(registry, call, hotkey, 7, 5n);
    const body = expectedExtrinsicBody(hotkey, signature, call, 7, 5n);
    expect(u8aToHex(bytes)).not.toBe(u8aToHex(u8aConcat(compactToU8a(body.length), body)));
  });

  it('is declared by Tessera for the runtime that has it', () => {
    const { metadata } = registryFor(metadataWithWrapper());
    expect(transactionExtensions(metadata).map((e) => e.identifier)).toContain(
      'ChargeTransactionPaymentWrapper',
    );
    expect(misencodedExtensions(metadata)).toEqual([]);
  });
});

describe('commitments and emissions against the metadata types', () => {
  it('refuses a commitment over the three Raw128 fields the runtime stores', () => {
    const big = { ...COMMITMENT, readSecretAccessKey: 'c'.repeat(256) };
    expect(() => commitmentFields(big)).toThrow(NetworkError);
    try {
      commitmentFields(big);
    } catch (error) {
      expect((error as NetworkError).kind).toBe('too-large');
      expect((error as NetworkError).message).toContain('384');
    }
  });

  it('sums a uid’s miner emission from IncentiveAlphaEmittedToMiners events of its subnet', () => {
    const { registry, metadata } = registryFor(metadataSpec343());
    const pallet = metadata.asLatest.pallets.find((p) => p.name.eq('SubtensorModule'))!;
    const variants = registry.lookup.getSiType(pallet.events.unwrap().type).def.asVariant.variants;
    const emitted = variants.find((v) => v.name.eq('IncentiveAlphaEmittedToMiners'))!;
    const [netuidField, emissionsField] = emitted.fields;
    const eventBytes = (netuid: number, emissions: bigint[]) =>
      u8aConcat(
        [0x00, 0, 0, 0, 0], // Phase::ApplyExtrinsic(0)
        [pallet.index.toNumber(), emitted.index.toNumber()],
        registry.createType(registry.createLookupType(netuidField!.type), netuid).toU8a(),
        registry.createType(registry.createLookupType(emissionsField!.type), emissions).toU8a(),
        [0x00], // no topics
      );
    const events = registry.createType(
      'Vec<EventRecord>',
      u8aConcat(
        compactToU8a(3),
        eventBytes(3, [10n, 20n, 30n]),
        eventBytes(3 + 4096, [0n, 5n]),
        eventBytes(4, [99n, 99n]),
      ),
    );
    expect(minerEmissionIn(events, 3, 1)).toBe(25n);
    expect(minerEmissionIn(events, 3, 2)).toBe(30n);
    expect(minerEmissionIn(events, 5, 1)).toBeUndefined();
  });
});
