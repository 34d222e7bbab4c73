/**
 * The core in a process of its own, as the headless app runs it, for the fault checks: the
 * embedded devnet, its validator and one miner with a development key, trainers on the CPU.
 * argv[2] is a JSON `CoreProcessOptions`. It prints one JSON line per thing the parent watches
 * (trainer processes, models handed to them, the contract's log lines, losses, problems and
 * state changes) and closes the core on SIGTERM.
 */
import type { ContractEvent } from '../../electron/contract';
import { createCore } from '../../electron/core/app';
import type { DevnetParams } from '../../electron/devnet/params';
import type { RunParams } from '../../electron/protocol/windows';
import { recordingTrainers, type TrainerLine } from './faults-trainer-recorder';

export interface CoreProcessOptions {
  dataDir: string;
  devnetParams: Partial<DevnetParams>;
  devnetRun: Partial<RunParams>;
  logFiles?: { maxFileBytes: number; keepFiles: number };
}

export type CoreLine = TrainerLine | { type: 'event'; event: ContractEvent };

const options = JSON.parse(process.argv[2]!) as CoreProcessOptions;
const print = (line: CoreLine) => process.stdout.write(`${JSON.stringify(line)}\n`);

const core = await createCore({
  dataDir: options.dataDir,
  host: 'headless',
  version: '0.0.0-reliability',
  telemetryIntervalMs: 0,
  threads: 1,
  fallbackDevKey: '//tessera-reliability-miner',
  devnetParams: options.devnetParams,
  devnetRun: options.devnetRun,
  spawnTrainer: recordingTrainers(print),
  ...(options.logFiles ? { logFiles: options.logFiles } : {}),
});
let state: string | undefined;
core.subscribe((event) => {
  // Status snapshots come four times a second; the parent needs only the changes of state.
  if (event.event === 'node.status') {
    if (event.payload.state === state) return;
    state = event.payload.state;
  }
  print({ type: 'event', event });
});
await core.call('settings.update', { patch: { provider: 'cpu' } });
await core.call('node.start', {});
process.once('SIGTERM', () => {
  void core.close().then(() => process.exit(0));
});
