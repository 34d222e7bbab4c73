/**
 * A miner on a devnet elsewhere, in a process of its own, with its bucket on an S3-protocol
 * server: the node whose machine the network faults happen to. argv[2] is a JSON
 * `MinerProcessOptions`. It prints its trainer processes, the models handed to them and every
 * miner event as JSON lines, and stops the miner on SIGTERM.
 */
import { Miner } from '../../electron/core/miner/miner';
import type { MinerEvent } from '../../electron/core/miner/status';
import { DevnetChain } from '../../electron/core/network/devnet-chain';
import { devSigner } from '../../electron/protocol/signature';
import { type S3Location, s3Bucket } from './faults-s3';
import { recordingTrainers, type TrainerLine } from './faults-trainer-recorder';

export interface MinerProcessOptions {
  url: string;
  /** The development key it mines with. */
  key: string;
  bucket: S3Location;
}

export type MinerLine = TrainerLine | { type: 'miner'; event: MinerEvent };

const options = JSON.parse(process.argv[2]!) as MinerProcessOptions;
const print = (line: MinerLine) => process.stdout.write(`${JSON.stringify(line)}\n`);

const signer = await devSigner(options.key);
const chain = await DevnetChain.connect(options.url, { signer });
const miner = new Miner({
  chain,
  signer,
  bucket: s3Bucket(options.bucket),
  spawnTrainer: recordingTrainers(print),
  providers: ['cpu'],
  threads: 1,
  allowFolders: false,
  onEvent: (event) => print({ type: 'miner', event }),
});
void miner.start();
process.once('SIGTERM', () => {
  void miner
    .stop()
    .then(() => chain.close())
    .then(() => process.exit(0));
});
