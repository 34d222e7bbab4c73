/**
 * One kind of durable state, written and read by the product's own code. Every version written
 * is recognisable, so the reader can say which one it found: after a crash it must be the last
 * one completed or the one in flight, never anything else and never an error.
 */
export interface DurableKind {
  readonly name: string;
  /** Writes `version` with the real writer, over what is there (version − 1, or nothing for 0). */
  write(dir: string, version: number): Promise<void>;
  /**
   * Reads with the real loader and returns the version it holds; throws when the state is broken.
   * `newest` is the newest version that can have been written: a kind whose file does not name
   * its version (a coldkey) tries the most recent ones.
   */
  read(dir: string, newest: number): Promise<number>;
  /** The file that atomic writes replace, when the state is one file. */
  readonly target?: (dir: string) => string;
}
