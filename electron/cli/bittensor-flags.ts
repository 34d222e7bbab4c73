/**
 * The flags that point a command at a Bittensor subnet and the node's own S3 bucket, shared by
 * `tessera validator` and `tessera start`. Bucket keys come from the environment, never flags:
 * command lines end up in shell history.
 */
import { parseTao } from '../core/network/chain';
import type { SubtensorNetwork } from '../core/network/subtensor/endpoints';
import type { StorageCredentials } from '../core/settings/storage-credentials';
import { integerFlag } from './flags';
import { CliUsageError } from './usage-error';

export const BITTENSOR_NETWORKS = ['finney', 'test', 'local', 'custom'] as const;

export const S3_ENVIRONMENT = {
  accessKeyId: 'TESSERA_S3_ACCESS_KEY_ID',
  secretAccessKey: 'TESSERA_S3_SECRET_ACCESS_KEY',
  readAccessKeyId: 'TESSERA_S3_READ_ACCESS_KEY_ID',
  readSecretAccessKey: 'TESSERA_S3_READ_SECRET_ACCESS_KEY',
} as const;

export const BITTENSOR_FLAGS = {
  netuid: { type: 'string' },
  endpoint: { type: 'string' },
  bucket: { type: 'string' },
  'bucket-endpoint': { type: 'string' },
  region: { type: 'string' },
  'max-fee': { type: 'string' },
} as const;

export const BITTENSOR_USAGE = [
  '  --netuid            the subnet this run trains on (required)',
  '  --endpoint          a subtensor node ws(s):// URL (required for custom)',
  "  --bucket            this node's S3/R2 bucket; keys from the environment:",
  `                      ${S3_ENVIRONMENT.accessKeyId}, ${S3_ENVIRONMENT.secretAccessKey} (write),`,
  `                      ${S3_ENVIRONMENT.readAccessKeyId}, ${S3_ENVIRONMENT.readSecretAccessKey} (published)`,
  '  --bucket-endpoint   e.g. https://<account>.r2.cloudflarestorage.com (omit for AWS)',
  '  --region            the bucket region (default auto, as R2 wants)',
  '  --max-fee           the most TAO one transaction signed without asking may cost: the',
  '                      bucket commitment (and, for a validator, weights); default 0, as',
  '                      subtensor charges none for them; fees are shown before signing',
];

type BittensorFlags = { [K in keyof typeof BITTENSOR_FLAGS]?: string | undefined };

export interface BittensorTarget {
  network: SubtensorNetwork;
  endpoint?: string;
  netuid: number;
  bucket: { name: string; endpoint?: string; region: string };
  /** The most one commitment or weights transaction may cost, in rao. */
  maxFeeRao: bigint;
}

export function isBittensorNetwork(name: string): name is SubtensorNetwork {
  return (BITTENSOR_NETWORKS as readonly string[]).includes(name);
}

/** The first Bittensor-only flag given, for commands pointed at a devnet. */
export function strayBittensorFlag(flags: BittensorFlags): string | undefined {
  return Object.keys(BITTENSOR_FLAGS).find(
    (name) => flags[name as keyof BittensorFlags] !== undefined,
  );
}

/** Checks the Bittensor flags; every mistake is a usage error naming its flag. */
export function bittensorTarget(network: SubtensorNetwork, flags: BittensorFlags): BittensorTarget {
  if (flags.netuid === undefined)
    throw new CliUsageError('invalid-value', `--netuid is required on ${network}`);
  const netuid = integerFlag('netuid', flags.netuid, 0, 0, 65_535);
  if (network === 'custom' && flags.endpoint === undefined)
    throw new CliUsageError('invalid-value', '--endpoint is required with --network custom');
  if (flags.endpoint !== undefined && !/^wss?:\/\/\S+$/.test(flags.endpoint))
    throw new CliUsageError(
      'invalid-value',
      `--endpoint needs a ws:// or wss:// URL, got '${flags.endpoint}'`,
    );
  if (flags.bucket === undefined)
    throw new CliUsageError('invalid-value', `--bucket is required on ${network}`);
  const bucketEndpoint = flags['bucket-endpoint'];
  if (bucketEndpoint !== undefined && !/^https?:\/\/\S+$/.test(bucketEndpoint))
    throw new CliUsageError(
      'invalid-value',
      `--bucket-endpoint needs an http:// or https:// URL, got '${bucketEndpoint}'`,
    );
  const maxFeeRao = parseTao(flags['max-fee'] ?? '0');
  if (maxFeeRao === undefined)
    throw new CliUsageError(
      'invalid-value',
      `--max-fee needs an amount of TAO such as 0.001, got '${flags['max-fee']}'`,
    );
  return {
    network,
    ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
    netuid,
    bucket: {
      name: flags.bucket,
      ...(bucketEndpoint !== undefined ? { endpoint: bucketEndpoint } : {}),
      region: flags.region ?? 'auto',
    },
    maxFeeRao,
  };
}

/** The bucket's write and read key pairs from the environment. */
export function s3KeysFromEnvironment(env: NodeJS.ProcessEnv): StorageCredentials {
  const key = (name: keyof typeof S3_ENVIRONMENT) => {
    const value = env[S3_ENVIRONMENT[name]];
    if (!value) throw new CliUsageError('invalid-value', `${S3_ENVIRONMENT[name]} is not set`);
    return value;
  };
  return {
    accessKeyId: key('accessKeyId'),
    secretAccessKey: key('secretAccessKey'),
    readAccessKeyId: key('readAccessKeyId'),
    readSecretAccessKey: key('readSecretAccessKey'),
  };
}
