/**
 * Reusable working memory: encoding and decoding run over millions of entries per window, so
 * buffers are kept between calls and grown, never allocated per chunk or per entry. JavaScript
 * is single-threaded and these functions are synchronous, so a slot is never shared by two calls
 * at once; each module uses its own slots.
 */
type Typed = Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array;

export class Scratch<T extends Typed> {
  private buffer: T;

  constructor(private readonly make: (n: number) => T) {
    this.buffer = make(0);
  }

  /** A buffer of at least n elements; its contents are whatever the last user left. */
  take(n: number): T {
    if (this.buffer.length < n) this.buffer = this.make(Math.max(n, this.buffer.length * 2));
    return this.buffer;
  }
}

export const float64Scratch = () => new Scratch((n) => new Float64Array(n));
export const float32Scratch = () => new Scratch((n) => new Float32Array(n));
export const uint16Scratch = () => new Scratch((n) => new Uint16Array(n));
export const uint8Scratch = () => new Scratch((n) => new Uint8Array(n));
