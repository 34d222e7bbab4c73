import type fc from 'fast-check';

/**
 * One fuzz target: a reader of untrusted input and the promise it makes about every input. The
 * same definition runs bounded inside `npm test` (tests/fuzz/fuzz.test.ts) and at full size in
 * `tests/fuzz/run.ts`.
 */
export interface FuzzTarget<T = unknown> {
  readonly name: string;
  /** Cases at `--scale 1` (the issue asks for 1 000 000 payloads and 100 000 of everything else). */
  readonly fullCases: number;
  /** Cases inside `npm test`, sized so that every target together stays well under 30 s. */
  readonly testCases: number;
  /** Builds what the cases need (keys, valid files, temporary folders). */
  prepare(): Promise<FuzzCase<T>>;
}

export interface FuzzCase<T> {
  readonly arbitrary: fc.Arbitrary<T>;
  /**
   * Runs the reader on one input. Returns a sentence saying which promise the reader broke, or
   * undefined when it kept it; throwing counts as broken too.
   */
  check(input: T): Promise<string | undefined> | string | undefined;
  /** How the kept promises were kept (rejection kinds, acceptances), to show the cases reach deep. */
  readonly outcomes?: Map<string, number>;
  dispose?(): Promise<void>;
}

/** Describes a thrown value the way a failure report needs it: class, kind and message. */
export function describeThrown(error: unknown): string {
  if (!(error instanceof Error)) return `a non-Error was thrown: ${String(error).slice(0, 200)}`;
  const kind = (error as { kind?: unknown }).kind;
  return `${error.name}${typeof kind === 'string' ? ` (${kind})` : ''}: ${error.message.slice(0, 300)}`;
}

/** Counts one outcome of a case in a target's tally. */
export function tally(outcomes: Map<string, number>, outcome: string): void {
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}
