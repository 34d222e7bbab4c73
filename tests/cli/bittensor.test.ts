/**
 * `tessera validator` and `tessera start` on Bittensor up to their first signature, against the
 * one stand-in: the replay of answers recorded from the chain (tests/fixtures/subtensor/README.md).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3_ENVIRONMENT } from '../../electron/cli/bittensor-flags';
import { devnetRun } from '../../electron/protocol/windows';
import {
  loadRecording,
  RecordedChainServer,
} from '../core/network/subtensor/recorded-chain-server';
import { FEE_QUOTE } from '../core/network/subtensor/written-answers';
import { cheapKeystore, PASSWORD, temporaryFolder } from '../core/wallet/helpers';
import { runTessera } from './run-tessera';

describe('tessera on a recorded subtensor', () => {
  let server: RecordedChainServer;
  let folder: Awaited<ReturnType<typeof temporaryFolder>>;
  beforeAll(async () => {
    const { recorded, supplied } = loadRecording();
    // the miner's bucket publication is priced first: a fee quote written for the tests
    server = await RecordedChainServer.start([...recorded, ...supplied], { written: [FEE_QUOTE] });
    folder = await temporaryFolder();
    const keystore = await cheapKeystore(folder.path);
    await keystore.create({ name: 'ops', password: PASSWORD });
    writeFileSync(
      join(folder.path, 'run.json'),
      JSON.stringify(devnetRun({ chainId: 'subnet-1', blocksPerWindow: 30 })),
    );
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await folder?.remove();
  });

  /** The recorded subnet, through the replay server. */
  const subnet = () => ['--network', 'custom', '--endpoint', server.url, '--netuid', '1'];
  const S3_KEYS = {
    [S3_ENVIRONMENT.accessKeyId]: 'write-id',
    [S3_ENVIRONMENT.secretAccessKey]: 'write-secret',
    [S3_ENVIRONMENT.readAccessKeyId]: 'read-id',
    [S3_ENVIRONMENT.readSecretAccessKey]: 'read-secret',
  };

  it('start: prints why an unregistered hotkey cannot mine, and signs nothing', async () => {
    const run = await runTessera(
      [
        'start',
        ...subnet(),
        '--wallet',
        'ops',
        '--bucket',
        'tessera-miner',
        '--bucket-endpoint',
        'https://0123456789abcdef.r2.cloudflarestorage.com',
        '--data-dir',
        folder.path,
        '--no-ui',
      ],
      120_000,
      S3_KEYS,
    );
    expect(run.stdout).toContain('Your hotkey is not registered on Bittensor custom, subnet 1:');
    expect(run.code).toBe(1);
    expect(server.asked.some((method) => method.startsWith('author_'))).toBe(false);
  }, 150_000);

  it.each([
    [['--netuid', '1'], '--netuid applies only to Bittensor networks'],
    [['--network', 'test', '--netuid', '1', '--bucket', 'b'], '--wallet is required on test'],
    [
      ['--network', 'test', '--netuid', '1', '--bucket', 'b', '--wallet', 'w'],
      '--bucket-endpoint is required on test',
    ],
    [['--network', 'test', '--dev-key', '//Alice'], '--dev-key is for devnets'],
  ])(
    'start %j: exits with 2 and says %s',
    async (args, message) => {
      const run = await runTessera(['start', ...args, '--no-ui'], 60_000, S3_KEYS);
      expect(run.stderr).toContain(message);
      expect(run.code).toBe(2);
    },
    90_000,
  );

  it('validator: refuses a subnet that wants commit-reveal weights before signing anything', async () => {
    const run = await runTessera(
      [
        'validator',
        ...subnet(),
        '--run',
        join(folder.path, 'run.json'),
        '--bucket',
        'tessera-validator',
        '--wallet-path',
        join(folder.path, 'wallets'),
        '--wallet',
        'ops',
      ],
      120_000,
      S3_KEYS,
    );
    expect(run.stderr).toContain(
      'tessera validator failed: subnet 1 wants weights committed and revealed later',
    );
    expect(run.stderr).toContain('commit_reveal_weights_enabled --value false');
    // the chain's state, not a usage mistake
    expect(run.code).toBe(1);
    expect(server.asked.some((method) => method.startsWith('author_'))).toBe(false);
  }, 150_000);
});
