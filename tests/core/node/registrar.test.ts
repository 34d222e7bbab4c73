/** The registrar's own chain connection, against the recorded-chain stand-in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../../electron/contract/settings';
import { settingsSchema } from '../../../electron/contract/settings';
import type { NodeService } from '../../../electron/core/node/node-service';
import { Registrar } from '../../../electron/core/node/registrar';
import { devSigner } from '../../../electron/protocol/signature';
import { loadRecording, RecordedChainServer } from '../network/subtensor/recorded-chain-server';

describe('Registrar', () => {
  let server: RecordedChainServer;
  let settings: Settings;
  beforeAll(async () => {
    const { recorded, supplied } = loadRecording();
    server = await RecordedChainServer.start([...recorded, ...supplied]);
    settings = settingsSchema.parse({
      network: { kind: 'bittensor', network: 'custom', endpoint: server.url, netuid: 1 },
    });
  });
  afterAll(() => server?.close());

  const registrar = () =>
    new Registrar(
      // not running: the registrar opens its own connection
      { chain: () => undefined } as unknown as NodeService,
      () => settings,
      () => devSigner('//tessera-test-hotkey'),
      async () => null,
      () => {
        throw new Error('locked');
      },
    );

  it('opens one connection for callers that ask at the same time, and closes it', async () => {
    const r = registrar();
    const [a, b, c] = await Promise.all([r.chain(), r.chain(), r.chain()]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect((await a.metagraph()).netuid).toBe(1);
    await r.close();
    await expect(a.currentBlock()).rejects.toThrow();
  });

  it('opens a new connection when the settings name another network', async () => {
    const r = registrar();
    const first = await r.chain();
    settings = {
      ...settings,
      network: { ...settings.network, endpoint: `${server.url}/` } as Settings['network'],
    };
    const second = await r.chain();
    expect(second).not.toBe(first);
    // the first connection is closed, not left reconnecting in the background
    await expect
      .poll(() =>
        first.currentBlock().then(
          () => 'open',
          () => 'closed',
        ),
      )
      .toBe('closed');
    expect((await second.currentBlock()).block).toBeGreaterThan(0);
    await r.close();
  });
});
