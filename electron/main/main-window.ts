import { BrowserWindow, type Session, shell, type WebContents } from 'electron';
import { type AppLocation, isAppUrl } from './ipc-guard';
import {
  isSafeExternalUrl,
  MAIN_WINDOW_OPTIONS,
  MAIN_WINDOW_WEB_PREFERENCES,
  withContentSecurityPolicy,
} from './security';
import type { Placement } from './window-state';

/**
 * The session's rules: every response carries the app's CSP, and every permission (camera,
 * notifications from the page, geolocation...) is refused; Electron grants them all by default.
 */
export function hardenSession(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Any web contents stays on the app's page: navigation elsewhere and new windows are refused,
 * and a web link the page opens goes to the user's browser instead, once it passed validation.
 */
export function hardenWebContents(contents: WebContents, location: AppLocation): void {
  const openOutside = (url: string) => {
    if (isAppUrl(url, location) || !isSafeExternalUrl(url)) return;
    // Electronegativity asks for a review of every openExternal with a computed URL: this one
    // passed isSafeExternalUrl (http(s) only, no credentials; tests/shell/security.test.ts).
    void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  };
  contents.on('will-navigate', (event, url) => {
    // The page itself (a reload from the dev server) may load again; nothing else may.
    if (isAppUrl(url, location)) return;
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, location)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

export interface MainWindowOptions {
  preload: string;
  placement: Placement;
  /** Loads the app's page: the packaged index.html or the dev server. */
  load: (window: BrowserWindow) => Promise<void>;
}

export function createMainWindow({ preload, placement, load }: MainWindowOptions): BrowserWindow {
  const options = {
    ...MAIN_WINDOW_OPTIONS,
    ...placement.bounds,
    webPreferences: { ...MAIN_WINDOW_WEB_PREFERENCES, preload }, // eng-disable PRELOAD_JS_CHECK
  };
  // Electronegativity reads window options only where they are written out, so it cannot see
  // MAIN_WINDOW_OPTIONS from here; tests/shell/electronegativity.test.ts runs these checks on the
  // constant itself. The preload it asks to review exposes window.tessera only (preload-api.test.ts).
  const window = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  void load(window).catch((error: unknown) =>
    console.error('The window could not load its page', error),
  );
  return window;
}
