/**
 * The core on a Bittensor network, read through the one permitted stand-in: a loopback server
 * replaying JSON-RPC answers recorded from the real chain (tests/fixtures/subtensor/README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractCallError, contract } from '../../../electron/contract';
import { type CoreHandle, createCore } from '../../../electron/core/app';
import { loadRecording, RecordedChainServer } from '../network/subtensor/recorded-chain-server';
import { cheapKdf, PASSWORD, temporaryFolder } from '../wallet/helpers';

let server: RecordedChainServer;
let core: CoreHandle;
let removeFolder: () => Promise<void>;

beforeAll(async () => {
  const { recorded, supplied } = loadRecording();
  server = await RecordedChainServer.start([...recorded, ...supplied]);
  const folder = await temporaryFolder();
  removeFolder = folder.remove;
  core = await createCore({
    dataDir: folder.path,
    host: 'headless',
    version: '0.0.0-test',
    kdf: cheapKdf,
    telemetryIntervalMs: 0,
  });
  await core.call('wallet.create', { name: 'miner', password: PASSWORD });
  await core.call('settings.update', {
    patch: {
      identity: { wallet: 'miner', hotkeyName: 'default' },
      network: { kind: 'bittensor', network: 'custom', endpoint: server.url, netuid: 1 },
    },
  });
}, 60_000);

afterAll(async () => {
  await core?.close();
  await server?.close();
  await removeFolder?.();
});

describe('the core on Bittensor (recorded chain)', () => {
  it('shows the registration cost before anything is signed', async () => {
    const cost = contract.methods['network.registrationCost'].result.parse(
      await core.call('network.registrationCost', {}),
    );
    expect(cost).toMatchObject({ netuid: 1, cost: '500000', free: false });
  }, 60_000);

  it('reads the metagraph of the subnet for the network screen', async () => {
    const metagraph = contract.methods['network.metagraph'].result.parse(
      await core.call('network.metagraph', {}),
    );
    expect(metagraph.netuid).toBe(1);
    expect(metagraph.neurons.length).toBeGreaterThan(100);
    expect(metagraph.neurons.some((n) => n.validatorPermit)).toBe(true);
  }, 60_000);

  it('refuses to register while the coldkey that pays is locked', async () => {
    const error = await core
      .call('network.register', { maxCost: '500000' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractCallError);
    expect((error as ContractCallError).error.message).toMatch(/coldkey/i);
    expect(server.asked).not.toContain('author_submitExtrinsic');
    expect(server.asked).not.toContain('author_submitAndWatchExtrinsic');
  }, 60_000);

  it('will not mine on Bittensor without an S3 bucket, and says where to set one up', async () => {
    await core.call('node.start', {});
    await expect
      .poll(async () => ((await core.call('node.status', {})) as { state: string }).state, {
        timeout: 30_000,
      })
      .toBe('error');
    const status = contract.methods['node.status'].result.parse(await core.call('node.status', {}));
    expect(status.error?.kind).toBe('storage-not-configured');
    expect(status.error?.message).toMatch(/Settings/);
  }, 60_000);
});
