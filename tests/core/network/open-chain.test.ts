import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../../electron/core/network/errors';
import { openChain } from '../../../electron/core/network/open-chain';
import { SubtensorChain } from '../../../electron/core/network/subtensor/subtensor-chain';
import { loadRecording, RecordedChainServer } from './subtensor/recorded-chain-server';

describe('openChain', () => {
  let server: RecordedChainServer;
  beforeAll(async () => {
    const { recorded, supplied } = loadRecording();
    server = await RecordedChainServer.start([...recorded, ...supplied]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('opens subtensor for Bittensor settings, at the endpoint they name', async () => {
    const chain = await openChain(
      { kind: 'bittensor', network: 'test', endpoint: server.url, netuid: 1 },
      { blocksPerWindow: 25, retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 20 } },
    );
    try {
      expect(chain).toBeInstanceOf(SubtensorChain);
      expect(chain.params).toMatchObject({ netuid: 1, blocksPerWindow: 25 });
      expect(chain.hotkey).toBeUndefined();
    } finally {
      await chain.close();
    }
  });

  it('needs the coordinator URL for the embedded devnet', async () => {
    const error = await openChain({ kind: 'devnet' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('invalid');
  });
});
