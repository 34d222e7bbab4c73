import { pathToFileURL } from 'node:url';

/**
 * Who may call the core over IPC: only the main window's top frame, showing the app's own page.
 * A subframe, another window, or the main window after it was somehow navigated elsewhere is
 * refused (Electron security checklist item 17: validate the sender of every IPC message).
 */

/** The parts of Electron's WebFrameMain this check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: FrameLike | null;
}

/** Where the app's own page lives: the packaged index.html, or Vite's dev server under `npm start`. */
export type AppLocation =
  | { readonly kind: 'file'; readonly indexUrl: URL }
  | { readonly kind: 'dev-server'; readonly origin: string };

export function appLocation(devServerUrl: string | undefined, indexFile: string): AppLocation {
  if (devServerUrl) return { kind: 'dev-server', origin: new URL(devServerUrl).origin };
  return { kind: 'file', indexUrl: pathToFileURL(indexFile) };
}

/**
 * Whether `url` is the app's page. Parsed, never prefix-matched: `file:///app/index.html.evil`
 * or `http://localhost:5173.evil.example` must not pass. Query and fragment are the page's own.
 */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return parsed.origin === location.origin;
  return (
    parsed.protocol === 'file:' &&
    parsed.host === location.indexUrl.host &&
    parsed.pathname === location.indexUrl.pathname
  );
}

/**
 * The check itself. `senderFrame` is null once the frame is gone (navigated or destroyed);
 * `mainFrame` is the main window's top frame, or null while there is no window.
 */
export function isTrustedSender(
  senderFrame: FrameLike | null,
  mainFrame: FrameLike | null,
  location: AppLocation,
): boolean {
  if (senderFrame === null || mainFrame === null) return false;
  return (
    senderFrame.parent === null &&
    senderFrame.processId === mainFrame.processId &&
    senderFrame.routingId === mainFrame.routingId &&
    isAppUrl(senderFrame.url, location)
  );
}
