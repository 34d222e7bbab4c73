/** What the preload exposes as `window.tessera`; absent when the UI runs in a plain browser. */
interface TesseraApi {
  readonly version: string;
  /**
   * Calls a contract method. Failures come back as values, because Electron's IPC and the
   * context bridge keep only an Error's message.
   */
  call(
    method: string,
    args: unknown,
  ): Promise<
    { result: unknown } | { error: { kind: string; message: string; retryAfterMs?: number } }
  >;
  /** Delivers every contract event; returns the function that stops delivery. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

interface Window {
  readonly tessera?: TesseraApi;
}
