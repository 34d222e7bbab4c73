/**
 * The core on a Bittensor network, read through the one permitted stand-in: a loopback server
 * replaying JSON-RPC answers recorded from the real chain (tests/fixtures/subtensor/README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractCallError, contract } from '../../../electron/contract';
import { type CoreHandle, createCore } from '../../../electron/core/app';
import { loadRecording, RecordedChainServer } from '../network/subtensor/recorded-chain-server';
import { FEE_QUOTE, QUOTED_FEE } from '../network/subtensor/written-answers';
import { cheapKdf, PASSWORD, SafeStorageDouble, temporaryFolder } from '../wallet/helpers';

let server: RecordedChainServer;
let core: CoreHandle;
let removeFolder: () => Promise<void>;

beforeAll(async () => {
  const { recorded, supplied } = loadRecording();
  server = await RecordedChainServer.start([...recorded, ...supplied], { written: [FEE_QUOTE] });
  const folder = await temporaryFolder();
  removeFolder = folder.remove;
  core = await createCore({
    dataDir: folder.path,
    host: 'headless',
    version: '0.0.0-test',
    kdf: cheapKdf,
    telemetryIntervalMs: 0,
    healthIntervalMs: 200,
    // Electron's safeStorage, which seals the bucket's keys, cannot run here
    vault: new SafeStorageDouble('gnome_libsecret'),
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

/** Starts the node and waits for the error that stops it. */
async function startUntilError() {
  await core.call('node.start', {});
  await expect
    .poll(async () => ((await core.call('node.status', {})) as { state: string }).state, {
      timeout: 30_000,
    })
    .toBe('error');
  return contract.methods['node.status'].result.parse(await core.call('node.status', {}));
}

describe('the core on Bittensor (recorded chain)', () => {
  it('names the network the settings chose while the node is stopped, and counts in alpha', async () => {
    const status = contract.methods['node.status'].result.parse(await core.call('node.status', {}));
    expect(status).toMatchObject({
      state: 'stopped',
      network: { kind: 'bittensor', name: 'Bittensor custom, subnet 1' },
      earningsUnit: 'alpha',
    });
  });

  it("pushes the network's health to subscribers without being asked", async () => {
    const health = await new Promise<unknown>((resolve) => {
      const stop = core.subscribe((event) => {
        if (event.event !== 'network.health') return;
        stop();
        resolve(event.payload);
      });
    });
    expect(contract.events['network.health'].parse(health)).toMatchObject({
      kind: 'bittensor',
      name: 'Bittensor custom, subnet 1',
      connected: false,
    });
  });

  it('shows the registration cost before anything is signed', async () => {
    const cost = contract.methods['network.registrationCost'].result.parse(
      await core.call('network.registrationCost', {}),
    );
    // the recorded burn, and the fee quote written for these tests
    expect(cost).toMatchObject({
      netuid: 1,
      burn: '500000',
      fee: String(QUOTED_FEE),
      cost: String(500_000n + QUOTED_FEE),
      free: false,
    });
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
    expect((error as ContractCallError).error).toMatchObject({
      kind: 'locked',
      message: "Unlock wallet 'miner' first: its coldkey pays for this.",
    });
    expect(server.asked).not.toContain('author_submitExtrinsic');
    expect(server.asked).not.toContain('author_submitAndWatchExtrinsic');
  }, 60_000);

  it('will not mine on Bittensor without an S3 bucket, and says where to set one up', async () => {
    const status = await startUntilError();
    expect(status.error?.kind).toBe('storage-not-configured');
    expect(status.error?.message).toMatch(/Settings/);
  }, 60_000);

  it('prices publishing the bucket, shows no key, and publishes nothing for an unregistered hotkey', async () => {
    await core.call('settings.update', {
      patch: {
        storage: {
          kind: 's3',
          endpoint: 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com',
          bucket: 'tessera-miner',
        },
      },
    });
    await core.call('storage.setCredentials', {
      accessKeyId: 'write-key-id',
      secretAccessKey: 'write-secret',
      readAccessKeyId: 'read-key-id',
      readSecretAccessKey: 'read-secret',
    });
    const answer = await core.call('network.bucketPublication', {});
    expect(contract.methods['network.bucketPublication'].result.parse(answer)).toEqual({
      network: 'Bittensor custom, subnet 1',
      netuid: 1,
      bucket: 'tessera-miner',
      endpoint: 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com',
      registered: false,
      published: false,
      fee: String(QUOTED_FEE),
    });
    expect(JSON.stringify(answer)).not.toMatch(/secret|key-id/);
    const error = await core
      .call('network.publishBucket', { maxCost: String(QUOTED_FEE) })
      .catch((e: unknown) => e);
    expect((error as ContractCallError).error.kind).toBe('not-registered');
    expect(server.asked.some((method) => method.startsWith('author_'))).toBe(false);
  }, 60_000);

  it('will not mine with an unregistered hotkey, and signs nothing by itself', async () => {
    await core.call('node.stop', {});
    const status = await startUntilError();
    expect(status.error?.kind).toBe('not-registered');
    expect(status.error?.message).toMatch(/Network screen/);
    // the network screen says why it is not connected
    const health = contract.methods['network.health'].result.parse(
      await core.call('network.health', {}),
    );
    expect(health.problem).toBe(status.error?.message);
    expect(status.earningsUnit).toBe('alpha');
    expect(server.asked.some((method) => method.startsWith('author_'))).toBe(false);
  }, 60_000);
});
