import type { z } from 'zod';
import { readCapped } from './capped-read';
import { API_PREFIX, errorBodySchema } from './devnet-api';
import { NetworkError, type NetworkErrorKind } from './errors';

export interface DevnetHttpOptions {
  /** Per request (default 10 s). */
  requestTimeoutMs?: number;
  /** Answers larger than this are refused (default 16 MiB). */
  maxResponseBytes?: number;
}

/**
 * One JSON request to the devnet coordinator, with every failure turned into a `NetworkError`:
 * no connection or a 5xx -> 'unavailable', no answer in time -> 'timeout', a refusal -> the kind
 * its status implies with the coordinator's own sentence, an answer off-schema -> 'invalid'.
 * No retries here; callers decide what is safe to repeat.
 */
export class DevnetHttp {
  private readonly requestTimeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(
    readonly url: string,
    options: DevnetHttpOptions = {},
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
  }

  /** `path` is below `/v1`, e.g. `/metagraph`. */
  async request<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: T,
  ): Promise<z.output<T>> {
    const what = `${method} ${path}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.url}${API_PREFIX}${path}`, {
        method,
        signal: AbortSignal.timeout(this.requestTimeoutMs),
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      const bytes = response.body
        ? await readCapped(
            response.body as unknown as AsyncIterable<Uint8Array>,
            this.maxResponseBytes,
            `The answer to ${what}`,
          )
        : new Uint8Array(0);
      text = new TextDecoder().decode(bytes);
    } catch (error) {
      throw this.unreachable(what, error);
    }
    const json = parseJson(text);
    if (!response.ok) {
      const refusal = errorBodySchema.safeParse(json);
      const reason = refusal.success ? refusal.data.error.message : `status ${response.status}`;
      throw new NetworkError(
        kindOfStatus(response.status),
        `The devnet refused ${what}: ${reason.replace(/\.$/, '')}.`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new NetworkError(
        'invalid',
        `The devnet's answer to ${what} is malformed at ${issue.path.join('.') || 'the top'}: ${issue.message}.`,
      );
    }
    return parsed.data;
  }

  private unreachable(what: string, error: unknown): NetworkError {
    if (error instanceof NetworkError) return error;
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new NetworkError(
        'timeout',
        `The devnet at ${this.url} did not answer ${what} within ${this.requestTimeoutMs} ms.`,
      );
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    return new NetworkError(
      'unavailable',
      `Could not reach the devnet at ${this.url} (${reason}).`,
    );
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function kindOfStatus(status: number): NetworkErrorKind {
  if (status >= 500 || status === 429) return 'unavailable';
  if (status === 404) return 'not-found';
  if (status === 413) return 'too-large';
  if (status === 400) return 'invalid';
  return 'rejected';
}
