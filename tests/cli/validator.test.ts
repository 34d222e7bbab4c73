import { describe, expect, it } from 'vitest';
import { S3_ENVIRONMENT } from '../../electron/cli/bittensor-flags';
import { bucketFromEnvironment, validatorTarget } from '../../electron/cli/commands/validator';
import { CliUsageError } from '../../electron/cli/usage-error';
import { runTessera } from './run-tessera';

type Flags = Parameters<typeof validatorTarget>[0];
const flags = (values: Partial<Flags>): Flags => ({ json: false, ...values }) as Flags;

function usageError(values: Partial<Flags>): CliUsageError {
  try {
    validatorTarget(flags(values));
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return error as CliUsageError;
  }
  throw new Error('expected a usage error');
}

const CHAIN = { network: 'finney', netuid: '3', run: '/tmp/run.json', bucket: 'gradients' };

describe('tessera validator flags', () => {
  it('keeps the devnet mode: a coordinator URL and a development key', () => {
    expect(validatorTarget(flags({ network: 'http://127.0.0.1:7345' }))).toEqual({
      kind: 'devnet',
      url: 'http://127.0.0.1:7345',
      devKey: '//tessera-validator',
    });
  });

  it('reads a Bittensor target with btcli wallet defaults', () => {
    const target = validatorTarget(flags({ ...CHAIN, 'wallet-path': '/w' }));
    expect(target).toEqual({
      kind: 'bittensor',
      network: 'finney',
      netuid: 3,
      wallet: 'default',
      hotkey: 'default',
      walletPath: '/w',
      runFile: '/tmp/run.json',
      bucket: { name: 'gradients', region: 'auto' },
      maxFeeRao: 0n,
    });
  });

  it.each([
    ['0.001', 1_000_000n],
    ['2', 2_000_000_000n],
    ['0.000000001', 1n],
  ])('takes --max-fee %s TAO as %s rao', (text, rao) => {
    expect(validatorTarget(flags({ ...CHAIN, 'max-fee': text }))).toMatchObject({
      maxFeeRao: rao,
    });
  });

  it('takes a custom endpoint and a named wallet and hotkey', () => {
    const target = validatorTarget(
      flags({
        ...CHAIN,
        network: 'custom',
        endpoint: 'ws://10.0.0.2:9944',
        wallet: 'ops',
        hotkey: 'v1',
      }),
    );
    expect(target).toMatchObject({
      network: 'custom',
      endpoint: 'ws://10.0.0.2:9944',
      wallet: 'ops',
      hotkey: 'v1',
    });
  });

  it.each([
    [{ network: undefined }, '--network is required'],
    [{ network: 'mainnet' }, "got 'mainnet'"],
    [{ ...CHAIN, netuid: undefined }, '--netuid is required on finney'],
    [{ ...CHAIN, netuid: '70000' }, '--netuid needs a whole number from 0 to 65535'],
    [{ ...CHAIN, network: 'custom' }, '--endpoint is required with --network custom'],
    [{ ...CHAIN, endpoint: 'http://x' }, '--endpoint needs a ws:// or wss:// URL'],
    [{ ...CHAIN, run: undefined }, '--run is required'],
    [{ ...CHAIN, bucket: undefined }, '--bucket is required'],
    [{ ...CHAIN, 'dev-key': '//Alice' }, '--dev-key is for devnets'],
    [{ ...CHAIN, 'max-fee': '0.0000000001' }, '--max-fee needs an amount of TAO'],
    [{ ...CHAIN, 'max-fee': '-1' }, "--max-fee needs an amount of TAO such as 0.001, got '-1'"],
    [{ network: 'http://127.0.0.1:7345', 'max-fee': '1' }, '--max-fee applies only to Bittensor'],
    [
      { network: 'http://127.0.0.1:7345', netuid: '3' },
      '--netuid applies only to Bittensor networks',
    ],
  ] as [Partial<Flags>, string][])('refuses %o: %s', (values, message) => {
    const error = usageError(values);
    expect(error.kind).toBe('invalid-value');
    expect(error.message).toContain(message);
  });

  it('takes bucket keys from the environment and publishes only the read pair', () => {
    const env = {
      [S3_ENVIRONMENT.accessKeyId]: 'write-id',
      [S3_ENVIRONMENT.secretAccessKey]: 'write-secret',
      [S3_ENVIRONMENT.readAccessKeyId]: 'read-id',
      [S3_ENVIRONMENT.readSecretAccessKey]: 'read-secret',
    };
    const { store, commitment } = bucketFromEnvironment(
      { name: 'b', endpoint: 'https://acct.r2.cloudflarestorage.com', region: 'auto' },
      env,
    );
    expect(commitment).toEqual({
      kind: 's3',
      endpoint: 'https://acct.r2.cloudflarestorage.com',
      region: 'auto',
      bucket: 'b',
      readAccessKeyId: 'read-id',
      readSecretAccessKey: 'read-secret',
    });
    expect(JSON.stringify(commitment)).not.toContain('write');
    store.close();
    expect(() => bucketFromEnvironment({ name: 'b', region: 'auto' }, {})).toThrow(
      `${S3_ENVIRONMENT.accessKeyId} is not set`,
    );
    const { [S3_ENVIRONMENT.secretAccessKey]: _, ...noWriteSecret } = env;
    expect(() => bucketFromEnvironment({ name: 'b', region: 'auto' }, noWriteSecret)).toThrow(
      `${S3_ENVIRONMENT.secretAccessKey} is not set`,
    );
  });

  it('exits with 2 and names the flag on the command line', async () => {
    const run = await runTessera([
      'validator',
      '--network',
      'finney',
      '--run',
      'r.json',
      '--bucket',
      'b',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--netuid is required on finney');
  });
});
