import type { TelemetrySnapshot } from '../../contract/telemetry';
import { NvidiaSmiError, type NvidiaSmiQueryOptions } from './nvidia-smi-query';
import { readNvidiaSmi } from './nvidia-smi-sample';
import { readSystemGraphics } from './systeminformation-sample';

/** nvidia-smi answers in well under a second; a driver in trouble can take much longer. */
const QUERY_TIMEOUT_MS = 5_000;

export interface GpuTelemetryOptions {
  /** nvidia-smi's time limit per reading. */
  queryTimeoutMs?: number;
  /** The environment nvidia-smi runs in and is looked up by (its PATH). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  now?: () => number;
}

export type TelemetryListener = (snapshot: TelemetrySnapshot) => void;

/**
 * Live GPU readings for the dashboard and the courtesy policy: nvidia-smi every couple of
 * seconds. Without nvidia-smi it asks systeminformation once and keeps that answer: graphics()
 * spawns lspci, clinfo and xrandr (and calls nvidia-smi synchronously), too heavy to repeat, and
 * for other vendors it reports little that changes. A failing or hanging nvidia-smi gives a
 * snapshot that says why; nothing here throws or waits forever.
 */
export class GpuTelemetry {
  readonly #query: NvidiaSmiQueryOptions;
  readonly #now: () => number;
  readonly #listeners = new Set<TelemetryListener>();
  #latest: TelemetrySnapshot;
  #systemGraphics: Promise<TelemetrySnapshot> | undefined;
  #inFlight: Promise<TelemetrySnapshot> | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Bumped by start and stop, so a schedule from before them ends. */
  #generation = 0;

  constructor(options: GpuTelemetryOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#query = {
      timeoutMs: options.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.platform === undefined ? {} : { platform: options.platform }),
    };
    this.#latest = { at: this.#now(), gpus: [], unavailableReason: 'No GPU reading yet' };
  }

  /** Polls now and then every `intervalMs` after each poll began; a second call restarts it. */
  start(intervalMs = 2_000): void {
    this.stop();
    const generation = this.#generation;
    const tick = async () => {
      const began = this.#now();
      await this.poll();
      if (generation !== this.#generation) return;
      this.#timer = setTimeout(tick, Math.max(0, intervalMs - (this.#now() - began)));
      this.#timer.unref();
    };
    void tick();
  }

  /** Ends the schedule; a poll already under way still reports its reading. */
  stop(): void {
    this.#generation += 1;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  latest(): TelemetrySnapshot {
    return this.#latest;
  }

  subscribe(listener: TelemetryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One reading now, published to subscribers; joins the reading under way, if any. */
  poll(): Promise<TelemetrySnapshot> {
    this.#inFlight ??= this.#read()
      .then((snapshot) => {
        this.#publish(snapshot);
        return snapshot;
      })
      .finally(() => {
        this.#inFlight = undefined;
      });
    return this.#inFlight;
  }

  async #read(): Promise<TelemetrySnapshot> {
    if (this.#systemGraphics !== undefined) return this.#systemGraphics;
    try {
      const gpus = await readNvidiaSmi(this.#query);
      return {
        at: this.#now(),
        gpus,
        unavailableReason: gpus.length === 0 ? 'nvidia-smi lists no GPU' : null,
      };
    } catch (error) {
      if (error instanceof NvidiaSmiError && error.kind === 'not-installed') {
        this.#systemGraphics = readSystemGraphics(this.#now);
        return this.#systemGraphics;
      }
      const reason = error instanceof Error ? error.message : String(error);
      return { at: this.#now(), gpus: [], unavailableReason: reason };
    }
  }

  #publish(snapshot: TelemetrySnapshot): void {
    // The remembered systeminformation answer is not news the second time.
    if (snapshot === this.#latest) return;
    this.#latest = snapshot;
    for (const listener of this.#listeners) {
      try {
        listener(snapshot);
      } catch {
        // A faulty subscriber must not silence the others or stop the polling.
      }
    }
  }
}
