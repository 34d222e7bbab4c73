/**
 * The host's handle on a trainer process. One interface whatever runs the process: Node's
 * child_process.fork headless, Electron's utilityProcess in the desktop app (electron/main
 * supplies that transport).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  EvaluateRequest,
  Evaluation,
  InitRequest,
  Progress,
  Ready,
  TrainerEvent,
  TrainerRequest,
  TrainerSignal,
  TrainRequest,
  TrainResult,
} from './messages';

export interface TrainerTransport {
  send(message: TrainerRequest | TrainerSignal): void;
  onMessage(listener: (event: TrainerEvent) => void): void;
  onExit(listener: (code: number | null, signal: string | null, stderr: string) => void): void;
  kill(): void;
}

export const TRAINER_ENTRY = fileURLToPath(new URL('./trainer-child.ts', import.meta.url));
const STDERR_TAIL = 4096;

/** A trainer in a child Node process, running the TypeScript sources through tsx. */
export function forkTransport(env: NodeJS.ProcessEnv = process.env): TrainerTransport {
  const child = fork(TRAINER_ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    env,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  });
  return {
    send: (m) => {
      // A trainer killed a moment ago can still look connected; without a callback the failed
      // write is an unhandled 'error' event that takes the host down. Its exit rejects the request.
      if (child.connected) child.send(m, () => undefined);
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as TrainerEvent)),
    onExit: (listener) => child.on('exit', (code, signal) => listener(code, signal, stderr)),
    kill: () => child.kill('SIGKILL'),
  };
}

export class TrainerCrashedError extends Error {
  readonly kind = 'trainer-crashed';
  constructor(
    readonly code: number | null,
    readonly signal: string | null,
    readonly stderr: string,
  ) {
    const last = stderr.trim().split('\n').slice(-1)[0] ?? '';
    super(`the trainer process exited (${signal ?? `code ${code}`})${last ? `: ${last}` : ''}`);
    this.name = 'TrainerCrashedError';
  }
}

export class TrainerRequestError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'TrainerRequestError';
  }
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class Trainer {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private progressListener: ((p: Progress) => void) | undefined;
  private statusListener: ((s: 'paused' | 'resumed') => void) | undefined;
  private exited: TrainerCrashedError | undefined;

  constructor(private readonly transport: TrainerTransport) {
    transport.onMessage((event) => this.receive(event));
    transport.onExit((code, signal, stderr) => {
      this.exited = new TrainerCrashedError(code, signal, stderr);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  /** The process has not exited (crashed, been killed or stopped). */
  get running(): boolean {
    return this.exited === undefined;
  }

  init(request: Omit<InitRequest, 'type'>): Promise<Ready> {
    return this.request({ type: 'init', ...request }) as Promise<Ready>;
  }

  train(
    request: Omit<TrainRequest, 'type'>,
    onProgress?: (p: Progress) => void,
  ): Promise<TrainResult> {
    this.progressListener = onProgress;
    return this.request({ type: 'train', ...request }) as Promise<TrainResult>;
  }

  save(path: string, info?: Record<string, string>): Promise<{ path: string }> {
    return this.request({ type: 'save', path, ...(info ? { info } : {}) }) as Promise<{
      path: string;
    }>;
  }

  load(path: string): Promise<{ optimizerStep: number }> {
    return this.request({ type: 'load', path }) as Promise<{ optimizerStep: number }>;
  }

  /** New parameters (after an outer step); the inner optimizer's moments carry on. */
  setWeights(weights: Map<string, Float32Array>): Promise<{ parameters: number }> {
    return this.request({ type: 'setWeights', weights }) as Promise<{ parameters: number }>;
  }

  /** The current parameters, copied out of the trainer. */
  weights(): Promise<Map<string, Float32Array>> {
    return this.request({ type: 'weights' }) as Promise<Map<string, Float32Array>>;
  }

  evaluate(request: Omit<EvaluateRequest, 'type'>): Promise<Evaluation> {
    return this.request({ type: 'evaluate', ...request }) as Promise<Evaluation>;
  }

  pause(): void {
    this.transport.send({ type: 'pause' });
  }

  resume(): void {
    this.transport.send({ type: 'resume' });
  }

  onStatus(listener: (status: 'paused' | 'resumed') => void): void {
    this.statusListener = listener;
  }

  /** Asks the trainer to finish its current request and exit; kills it if it does not. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    const timer = setTimeout(() => this.transport.kill(), graceMs);
    try {
      await this.request({ type: 'stop' });
    } catch (error) {
      if (!(error instanceof TrainerCrashedError)) throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    this.transport.kill();
  }

  private request(body: DistributiveOmit<TrainerRequest, 'id'>): Promise<unknown> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.transport.send({ ...body, id } as TrainerRequest);
    });
  }

  private receive(event: TrainerEvent): void {
    if (event.type === 'progress') this.progressListener?.(event.progress);
    else if (event.type === 'status') this.statusListener?.(event.status);
    else {
      const pending = this.pending.get(event.id);
      if (!pending) return;
      this.pending.delete(event.id);
      if (event.ok) pending.resolve(event.value);
      else pending.reject(new TrainerRequestError(event.error.kind, event.error.message));
    }
  }
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

export function spawnTrainer(transport: TrainerTransport = forkTransport()): Trainer {
  return new Trainer(transport);
}
