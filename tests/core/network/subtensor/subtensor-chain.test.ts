import { bnToU8a, compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, sr25519Verify } from '@polkadot/util-crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BlockInfo } from '../../../../electron/core/network/chain';
import type { BucketCommitment } from '../../../../electron/core/network/commitment';
import { NetworkError } from '../../../../electron/core/network/errors';
import { SubtensorChain } from '../../../../electron/core/network/subtensor/subtensor-chain';
import { devSigner, type Signer } from '../../../../electron/protocol/signature';
import { metadataSpec343, registryFor } from './metadata-fixtures';
import { loadRecording, type RecordedCall, RecordedChainServer } from './recorded-chain-server';
import { FEE_QUOTE, QUOTED_FEE } from './written-answers';

const NO_RETRY = { attempts: 1, baseDelayMs: 10, maxDelayMs: 20 };
const { recorded, supplied } = loadRecording();
const calls: RecordedCall[] = [...recorded, ...supplied];

/** The account whose `System.Account` the SDK recorded in its `get_balance` seed. */
const RECORDED_ACCOUNT_KEY = recorded.find(
  (c) =>
    c.method === 'state_getStorageAt' &&
    String(c.params[0]).startsWith('0x26aa394eea5630e07c48ae0c9558cef7'),
)!.params[0] as string;

/** The bucket commitment the pricing and sending tests publish. */
const COMMITMENT: BucketCommitment = {
  kind: 's3',
  endpoint: 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com',
  region: 'auto',
  bucket: 'tessera-miner',
  readAccessKeyId: 'read-key-id',
  readSecretAccessKey: 'read-secret',
};

const headSubscriptions = (server: RecordedChainServer) =>
  server.asked.filter((method) => method === 'chain_subscribeNewHead').length;

async function connect(server: RecordedChainServer) {
  return SubtensorChain.connect({
    network: 'test',
    endpoint: server.url,
    netuid: 1,
    retry: NO_RETRY,
    connectTimeoutMs: 20_000,
  });
}

describe('SubtensorChain reading recorded subtensor answers (replay stand-in)', () => {
  let server: RecordedChainServer;
  let chain: SubtensorChain;
  beforeAll(async () => {
    server = await RecordedChainServer.start(calls);
    chain = await connect(server);
  });
  afterAll(async () => {
    await chain?.close();
    await server?.close();
  });

  it('reads the metagraph through the runtime API, as recorded at block 6852690', async () => {
    const metagraph = await chain.metagraph();
    expect(metagraph.netuid).toBe(1);
    expect(metagraph.block).toBe(6_852_690);
    expect(metagraph.neurons).toHaveLength(1024);
    expect(metagraph.neurons[0]).toMatchObject({
      uid: 0,
      hotkey: '5DkMmXtWf16RNdusZGCrJ7ca7ADPgRnZLVWCWbgA7s7sy1AQ',
      stake: 2_557_172_316n,
      lastUpdate: 2_543_521,
      registeredAt: 6_575_900,
      validatorPermit: false,
    });
    const uid24 = metagraph.neurons[24]!;
    expect(uid24.emission).toBe(1_404_278_762n);
    expect(uid24.dividends).toBeCloseTo(2244 / 65535, 12);
    expect(metagraph.neurons.filter((n) => n.validatorPermit).map((n) => n.uid)).toContain(496);
    // tempo 99: an epoch every 100 blocks
    expect(chain.params).toMatchObject({ netuid: 1, tempo: 100, blockMs: 12_000 });
  });

  it('reads commitments with their uids, and keeps only those this protocol can read', async () => {
    const raw = await chain.rawCommitments();
    for (const entry of raw) {
      expect((await chain.metagraph()).neurons[entry.uid]!.hotkey).toBe(entry.hotkey);
    }
    const apex = raw.find((c) => c.hotkey === '5HEo565WAy4Dbq3Sv271SAi7syBSofyfhhwRNjFNSM2gP9M2');
    if (apex) {
      expect(apex.block).toBe(5_097_676);
      expect(apex.text).toContain("'peer_id'");
    }
    // Python-repr text and "cat" are not JSON objects
    expect(await chain.commitments()).toEqual([]);
  });

  it('reads the registration cost from the subnet burn', async () => {
    expect(await chain.registrationCost()).toBe(500_000n);
  });

  it('reads a free balance', async () => {
    const address = (await import('@polkadot/util-crypto')).encodeAddress(
      `0x${RECORDED_ACCOUNT_KEY.slice(-64)}`,
      42,
    );
    const balance = await chain.balance(address);
    // AccountInfo.data.free, u64 little-endian at bytes 16..24 of the recorded value: 0x01bc0fc3d0
    expect(balance.balance).toBe(7_450_117_072n);
    expect(balance.stake).toBe(0n);
  });

  it('reads the head block with its window and slot time', async () => {
    const head = await chain.currentBlock();
    expect(head.block).toBe(6_852_690);
    expect(head.window).toBe(Math.floor(6_852_690 / chain.params.blocksPerWindow));
    expect(new Date(head.timestamp).toISOString()).toBe('2025-11-10T15:12:24.000Z');
  });

  it('delivers recorded new heads to block subscribers, in order', async () => {
    const seen: BlockInfo[] = [];
    await new Promise<void>((resolve) => {
      const stop = chain.subscribeBlocks((block) => {
        seen.push(block);
        if (seen.length === 3) {
          stop();
          resolve();
        }
      });
    });
    expect(seen.map((b) => b.block)).toEqual([...seen.map((b) => b.block)].sort((a, b) => a - b));
    expect(new Set(seen.map((b) => b.block)).size).toBe(3);
  });
});

describe('SubtensorChain registration and earnings on recorded answers (replay stand-in)', () => {
  const UID0 = '5DkMmXtWf16RNdusZGCrJ7ca7ADPgRnZLVWCWbgA7s7sy1AQ';
  /** A hotkey that only reads: registration lookups never sign. */
  const readOnly = (ss58Address: string): Signer => ({
    ss58Address,
    sign: () => Promise.reject(new Error('this test signs nothing')),
  });
  let server: RecordedChainServer;
  beforeAll(async () => {
    server = await RecordedChainServer.start(calls);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('finds an existing registration, and refuses validator mode without a permit', async () => {
    const chain = await SubtensorChain.connect({
      network: 'test',
      endpoint: server.url,
      netuid: 1,
      hotkey: readOnly(UID0),
      retry: NO_RETRY,
    });
    try {
      expect(await chain.register()).toEqual({ uid: 0, hotkey: UID0, block: 6_575_900 });
      const error = await chain.register({ asValidator: true }).catch((e: unknown) => e);
      expect((error as NetworkError).kind).toBe('rejected');
      expect((error as NetworkError).message).toContain('no validator permit');
      // the node keeps no state for past epochs in the recording: no history, no error
      expect(await chain.emissionHistory()).toEqual([]);
    } finally {
      await chain.close();
    }
  });

  it('signs no registration when the burn is above what the user accepted', async () => {
    const hotkey = await devSigner('//tessera-test-hotkey');
    const coldkey = await devSigner('//tessera-test-coldkey');
    const chain = await SubtensorChain.connect({
      network: 'test',
      endpoint: server.url,
      netuid: 1,
      hotkey,
      coldkey,
      retry: NO_RETRY,
    });
    try {
      const missing = await chain.register().catch((e: unknown) => e);
      expect((missing as NetworkError).kind).toBe('not-found');
      const error = await chain.registerWithColdkey(499_999n).catch((e: unknown) => e);
      expect((error as NetworkError).kind).toBe('rejected');
      expect((error as NetworkError).message).toBe(
        'Registering on subnet 1 costs 0.0005 TAO now, more than the 0.000499999 TAO accepted; nothing was signed.',
      );
      expect(server.asked.some((method) => method.startsWith('author_'))).toBe(false);
    } finally {
      await chain.close();
    }
  });
});

describe('SubtensorChain on bad recorded input', () => {
  let server: RecordedChainServer | undefined;
  let chain: SubtensorChain | undefined;
  afterEach(async () => {
    await chain?.close();
    await server?.close();
    chain = undefined;
    server = undefined;
  });

  it('refuses a truncated metagraph answer as invalid', async () => {
    const mechagraph = recorded.find((c) =>
      String(c.params[0]).includes('get_selective_mechagraph'),
    )!;
    server = await RecordedChainServer.start(calls, {
      written: [
        {
          method: 'state_call',
          firstParam: 'SubnetInfoRuntimeApi_get_selective_mechagraph',
          result: (mechagraph.result as string).slice(0, 20_000),
        },
      ],
    });
    const error = await connect(server).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('invalid');
    expect((error as NetworkError).message).toContain('metagraph of subnet 1');
  });

  it('reports a subnet the chain does not have as not-found', async () => {
    server = await RecordedChainServer.start(calls, {
      written: [
        {
          method: 'state_call',
          firstParam: 'SubnetInfoRuntimeApi_get_selective_mechagraph',
          result: '0x00',
        },
      ],
    });
    const error = await connect(server).catch((e: unknown) => e);
    expect((error as NetworkError).kind).toBe('not-found');
  });

  it('refuses a node of another network by its genesis hash', async () => {
    server = await RecordedChainServer.start(calls);
    const error = await SubtensorChain.connect({
      network: 'finney',
      endpoint: server.url,
      netuid: 1,
      retry: NO_RETRY,
    }).catch((e: unknown) => e);
    expect((error as NetworkError).kind).toBe('rejected');
    expect((error as NetworkError).message).toContain('is not finney');
  });

  it('reports a dropped connection to block subscribers and delivers blocks again once reconnected', async () => {
    server = await RecordedChainServer.start(calls);
    chain = await connect(server);
    const errors: Error[] = [];
    let blocksBefore = 0;
    let dropped = false;
    await new Promise<void>((resolve) => {
      const stop = chain!.subscribeBlocks(
        () => {
          if (!dropped && ++blocksBefore === 3) {
            dropped = true;
            server!.dropConnections();
          } else if (dropped && errors.length > 0 && headSubscriptions(server!) >= 2) {
            stop();
            resolve();
          }
        },
        (error) => errors.push(error),
      );
    });
    expect(errors[0]).toBeInstanceOf(NetworkError);
    expect((errors[0] as NetworkError).kind).toBe('unavailable');
    expect(errors[0]!.message).toContain('reconnecting');
  });

  it('reports an unreachable node as unavailable', async () => {
    const error = await SubtensorChain.connect({
      network: 'custom',
      endpoint: 'ws://127.0.0.1:9',
      netuid: 1,
      retry: { attempts: 1, baseDelayMs: 50, maxDelayMs: 100 },
      connectTimeoutMs: 1_500,
    }).catch((e: unknown) => e);
    expect((error as NetworkError).kind).toBe('unavailable');
  });
});

describe('SubtensorChain prices writes before signing (recorded chain, written fee quote)', () => {
  const { registry } = registryFor(metadataSpec343());
  let server: RecordedChainServer;
  let chain: SubtensorChain;
  let hotkey: Signer;
  let coldkey: Signer;
  beforeAll(async () => {
    server = await RecordedChainServer.start(calls, { written: [FEE_QUOTE] });
    hotkey = await devSigner('//tessera-test-hotkey');
    coldkey = await devSigner('//tessera-test-coldkey');
    chain = await SubtensorChain.connect({
      network: 'test',
      endpoint: server.url,
      netuid: 1,
      hotkey,
      coldkey,
      retry: NO_RETRY,
    });
  });
  afterAll(async () => {
    await chain?.close();
    await server?.close();
  });

  /** The extrinsic the runtime was asked to price, decoded against the recorded metadata. */
  const lastPriced = () => {
    const data = hexToU8a(server.writtenAsked.at(-1)![1] as string);
    const extrinsic = registry.createType('Extrinsic', data);
    const length = new DataView(data.buffer, data.byteOffset + data.length - 4).getUint32(0, true);
    return { extrinsic, length, encoded: extrinsic.toU8a() };
  };

  it('prices registration as the burn plus the fee the runtime quotes for the real call', async () => {
    expect(await chain.previewRegister(coldkey.ss58Address)).toEqual({
      burn: 500_000n,
      fee: QUOTED_FEE,
      total: 500_000n + QUOTED_FEE,
    });
    const { extrinsic, length, encoded } = lastPriced();
    expect(extrinsic.signer.toString()).toBe(coldkey.ss58Address);
    expect(`${extrinsic.method.section}.${extrinsic.method.method}`).toBe(
      'subtensorModule.burnedRegister',
    );
    expect(extrinsic.method.args.map((a) => a.toString())).toEqual(['1', hotkey.ss58Address]);
    // a placeholder signature: pricing signs nothing
    expect(extrinsic.signature.toHex()).toBe(`0x${'01'.repeat(64)}`);
    expect(length).toBe(encoded.length);
  });

  it('signs no registration when burn and fee together exceed what the user accepted', async () => {
    const accepted = 500_000n + QUOTED_FEE - 1n;
    const error = await chain.registerWithColdkey(accepted).catch((e: unknown) => e);
    expect((error as NetworkError).kind).toBe('rejected');
    expect((error as NetworkError).message).toBe(
      'Registering on subnet 1 costs 0.001734567 TAO now, more than the 0.001734566 TAO accepted; nothing was signed.',
    );
    expect(server.asked.some((method) => method.startsWith('author_'))).toBe(false);
  });

  it('prices the bucket commitment signed by the hotkey, and publishes nothing above the accepted fee', async () => {
    expect(await chain.previewCommit(COMMITMENT)).toEqual({
      fee: QUOTED_FEE,
      burn: 0n,
      total: QUOTED_FEE,
    });
    const { extrinsic } = lastPriced();
    expect(extrinsic.signer.toString()).toBe(hotkey.ss58Address);
    expect(`${extrinsic.method.section}.${extrinsic.method.method}`).toBe(
      'commitments.setCommitment',
    );
    const error = await chain.commitWithin(COMMITMENT, QUOTED_FEE - 1n).catch((e: unknown) => e);
    expect((error as NetworkError).kind).toBe('rejected');
    expect((error as NetworkError).message).toMatch(
      /^Publishing the commitment costs .* nothing was signed\.$/,
    );
    expect(server.asked.some((method) => method.startsWith('author_'))).toBe(false);
  });

  it('signs no commitment or weights by itself when they carry a fee (the limit defaults to none)', async () => {
    const commit = await chain.commit(COMMITMENT).catch((e: unknown) => e);
    expect((commit as NetworkError).message).toMatch(
      /^Publishing the commitment costs .*nothing was signed\.$/,
    );
    const weights = await chain.setWeights([{ uid: 395, weight: 1 }], 1).catch((e: unknown) => e);
    expect((weights as NetworkError).kind).toBe('rejected');
    expect((weights as NetworkError).message).toBe(
      'Setting weights costs 0.001234567 TAO now, more than the 0 TAO accepted; nothing was signed.',
    );
    const { extrinsic } = lastPriced();
    expect(`${extrinsic.method.section}.${extrinsic.method.method}`).toBe(
      'subtensorModule.setWeights',
    );
    expect(server.asked.some((method) => method.startsWith('author_'))).toBe(false);
  });

  it('reads from the recorded metagraph that subnet 1 wants commit-reveal weights', async () => {
    expect(await chain.commitRevealEnabled()).toBe(true);
  });

  it("prices alpha from the pool's recorded reserves when the node has no swap quote", async () => {
    // recorded at block 6852690: SubnetTAO and SubnetAlphaIn of netuid 1 in the mechagraph
    expect(await chain.alphaPrice()).toBe(9_531_496n);
    expect(server.unanswered).toContain(
      'state_call ["SwapRuntimeApi_current_alpha_price","0x0100"]',
    );
  });
});

/**
 * Sending, through the stand-in: what the client signs and submits is checked against the
 * recorded metadata and chain; the node's side of inclusion (statuses, the block holding the
 * extrinsic, its events) is NOT recorded but written here in the runtime's own encoding.
 */
describe('SubtensorChain sends a transaction and reads its outcome (written inclusion)', () => {
  const NONCE = 5;
  const { registry } = registryFor(metadataSpec343());
  const head = recorded.find((c) => c.method === 'chain_getHead' && c.params.length === 0)!
    .result as string;
  const headHeader = recorded.find(
    (c) => c.method === 'chain_getHeader' && c.params[0] === head,
  )!.result;
  const runtime = recorded.find(
    (c) =>
      c.method === 'state_getRuntimeVersion' &&
      c.params[0] === (headHeader as { parentHash: string }).parentHash,
  )!.result as { specVersion: number; transactionVersion: number };
  const genesis = supplied.find((c) => c.method === 'chain_getBlockHash')!.result as string;
  const EVENTS_KEY = '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7';

  /** `System.ExtrinsicSuccess` (pallet 0, event 0) or `ExtrinsicFailed` (event 1) for extrinsic 0. */
  const eventsOf = (error?: { pallet: number; index: number }) => {
    const dispatchInfo = u8aConcat(compactToU8a(1_000_000), compactToU8a(0), [0x00], [0x01]);
    const event = error
      ? u8aConcat([0x00, 0x01], [0x03, error.pallet, error.index, 0, 0, 0], dispatchInfo)
      : u8aConcat([0x00, 0x00], dispatchInfo);
    // one record: phase ApplyExtrinsic(0), the event, no topics
    return u8aToHex(u8aConcat(compactToU8a(1), [0x00, 0, 0, 0, 0], event, [0x00]));
  };

  async function sendingChain(events: string | null) {
    const hotkey = await devSigner('//tessera-test-hotkey');
    const server = await RecordedChainServer.start(calls, {
      written: [
        FEE_QUOTE,
        { method: 'system_accountNextIndex', firstParam: hotkey.ss58Address, result: NONCE },
        {
          method: 'chain_getBlock',
          firstParam: head,
          result: (submitted: readonly string[]) => ({
            block: { header: headHeader, extrinsics: [...submitted] },
            justifications: null,
          }),
        },
        ...(events === null
          ? []
          : [{ method: 'state_getStorage', firstParam: EVENTS_KEY, result: events }]),
      ],
      watch: () => ['ready', { inBlock: head }],
    });
    const chain = await SubtensorChain.connect({
      network: 'test',
      endpoint: server.url,
      netuid: 1,
      hotkey,
      retry: NO_RETRY,
      inclusionTimeoutMs: 20_000,
    });
    return { server, chain, hotkey };
  }

  it('signs the commitment with the hotkey over the recorded head and genesis, and waits for its block', async () => {
    const { server, chain, hotkey } = await sendingChain(eventsOf());
    try {
      expect(await chain.commitWithin(COMMITMENT, QUOTED_FEE)).toBe(QUOTED_FEE);
      expect(server.submitted).toHaveLength(1);
      const sent = registry.createType('Extrinsic', hexToU8a(server.submitted[0]!));
      expect(sent.signer.toString()).toBe(hotkey.ss58Address);
      expect(`${sent.method.section}.${sent.method.method}`).toBe('commitments.setCommitment');
      expect(sent.nonce.toNumber()).toBe(NONCE);
      expect(sent.era.asMortalEra.period.toNumber()).toBe(64);
      const u32 = (n: number) => bnToU8a(n, { bitLength: 32, isLe: true });
      // the payload as the runtime rebuilds it: call, era, nonce, tip, mode, versions, genesis,
      // the era's block, no metadata hash
      const payload = u8aConcat(
        sent.method.toU8a(),
        sent.era.toU8a(),
        compactToU8a(NONCE),
        compactToU8a(0),
        [0x00],
        u32(runtime.specVersion),
        u32(runtime.transactionVersion),
        hexToU8a(genesis),
        hexToU8a(head),
        [0x00],
      );
      const message = payload.length > 256 ? blake2AsU8a(payload) : payload;
      expect(
        sr25519Verify(message, sent.signature.toU8a(), decodeAddress(hotkey.ss58Address)),
      ).toBe(true);
    } finally {
      await chain.close();
      await server.close();
    }
  });

  it("reports a dispatch the runtime refused as rejected, with the runtime's error name", async () => {
    // SubtensorModule is pallet 7; its error index by name, from the recorded metadata
    let index = 0;
    while (
      registry.findMetaError(new Uint8Array([7, index])).name !== 'HotKeyNotRegisteredInSubNet'
    )
      index++;
    const { server, chain } = await sendingChain(eventsOf({ pallet: 7, index }));
    try {
      const error = await chain.commitWithin(COMMITMENT, QUOTED_FEE).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).kind).toBe('rejected');
      expect((error as NetworkError).message).toMatch(
        /^The chain refused the commitment: subtensorModule\.HotKeyNotRegisteredInSubNet/,
      );
    } finally {
      await chain.close();
      await server.close();
    }
  });

  it('does not call a transaction done when its block is known but its events are not', async () => {
    const { server, chain } = await sendingChain(null);
    try {
      const error = await chain.commitWithin(COMMITMENT, QUOTED_FEE).catch((e: unknown) => e);
      expect((error as NetworkError).kind).toBe('timeout');
      expect((error as NetworkError).message).toMatch(/outcome could not be read/);
    } finally {
      await chain.close();
      await server.close();
    }
  });
});
