/** What the preload exposes as `window.tessera`; absent when the UI runs in a plain browser. */
interface TesseraApi {
  readonly version: string;
}

interface Window {
  readonly tessera?: TesseraApi;
}
