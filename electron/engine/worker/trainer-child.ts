/**
 * Runs a TrainerHost in a forked Node process (headless) or an Electron utility process: both
 * deliver messages through `process.on('message')` / `process.send`, or `process.parentPort`.
 */
import type { TrainerEvent, TrainerRequest, TrainerSignal } from './messages';
import { TrainerHost } from './trainer-process';

type Incoming = TrainerRequest | TrainerSignal;

interface ParentPort {
  on(event: 'message', listener: (e: { data: Incoming }) => void): void;
  postMessage(message: TrainerEvent): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (event: TrainerEvent) =>
  parentPort ? parentPort.postMessage(event) : process.send?.(event);
const host = new TrainerHost(send);

// Requests run one after another; pause/resume bypass the queue so they land mid-training.
let queue: Promise<void> = Promise.resolve();

function receive(message: Incoming): void {
  if (message.type === 'pause' || message.type === 'resume') {
    host.signal(message);
    return;
  }
  queue = queue.then(async () => {
    try {
      const value = await host.handle(message);
      send({ type: 'reply', id: message.id, ok: true, value });
      if (message.type === 'stop') process.exit(0);
    } catch (error) {
      const e = error as Error & { kind?: string };
      send({
        type: 'reply',
        id: message.id,
        ok: false,
        error: { kind: e.kind ?? e.name, message: e.message },
      });
    }
  });
}

if (parentPort) parentPort.on('message', (e) => receive(e.data));
else process.on('message', (m) => receive(m as Incoming));
// The host going away means nobody wants this training any more.
process.on('disconnect', () => process.exit(0));
