import type { ExecutionProviderName } from './execution-providers';
import type { Comparison } from './result-comparison';

/** What `tessera doctor` says about one execution provider. */
export interface ProviderReport {
  name: ExecutionProviderName;
  available: boolean;
  /** One line saying why it is not available. */
  reason?: string;
  /** The device it ran on, when the runtime says so reliably. */
  device?: string;
  /** Achieved fp32 matrix-product throughput. */
  gflops?: number;
}

export function unavailable(name: ExecutionProviderName, reason: string): ProviderReport {
  return { name, available: false, reason: oneLine(reason) };
}

/** The verdict on a provider that ran: usable only when its result agrees with the reference. */
export function assessProvider(
  name: ExecutionProviderName,
  comparison: Comparison,
  measured: { gflops: number; device?: string },
): ProviderReport {
  if (!comparison.agrees) return unavailable(name, `wrong result: ${comparison.reason}`);
  return {
    name,
    available: true,
    ...(measured.device === undefined ? {} : { device: measured.device }),
    gflops: Math.round(measured.gflops * 100) / 100,
  };
}

/**
 * A failure as one readable line. onnxruntime's checks read "<source>.cc:136 <function> <condition>
 * was false. Failed to get a WebGPU adapter: No supported adapters"; the sentence after "was false."
 * is the part a person can act on.
 */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const checkFailed = /\bwas false\.\s+(\S[^\n]*)/.exec(message);
  return oneLine(checkFailed ? checkFailed[1]! : message);
}

const MAX_REASON_LENGTH = 240;

/** Native errors run over many lines; a report keeps the first meaningful one. */
export function oneLine(text: string): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? 'unknown error';
  return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line;
}
