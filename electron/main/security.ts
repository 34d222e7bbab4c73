/**
 * The main window's hardening as data: its options, its Content Security Policy and which links
 * may leave the app. Electron's security checklist (docs/tutorial/security.md) is held against
 * these constants in tests/shell/security.test.ts.
 */

/**
 * The renderer's policy: only the app's own scripts, styles and images (plus data: images, which
 * the QR code uses), and connections only to itself and to the loopback bridge. No eval, no
 * inline script, nothing remote. renderer/index.html carries the same string as a <meta>.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Under `npm start` the renderer comes from Vite's dev server, whose React Fast Refresh preamble is
 * an inline script, whose CSS arrives as injected <style> elements, and whose hot reload talks
 * over a WebSocket to the server itself. Only that mode, which loads nothing but the local dev
 * server, gets those allowances.
 */
export function contentSecurityPolicy(devServerUrl: string | undefined): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY;
  const hotReload = new URL(devServerUrl);
  hotReload.protocol = hotReload.protocol === 'https:' ? 'wss:' : 'ws:';
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${hotReload.origin}`);
}

/** Response headers with the policy set, replacing whatever policy a server sent. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}

/**
 * The main window's web preferences, each checklist item spelled out even where it is Electron's
 * default, so a change of default or a careless edit shows up in review and in the test.
 */
export const MAIN_WINDOW_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  // A middle click would otherwise open a link in a new window without asking the open handler.
  disableBlinkFeatures: 'Auxclick',
  spellcheck: false,
  safeDialogs: true,
} as const;

export const MAIN_WINDOW_OPTIONS = {
  title: 'Tessera',
  minWidth: 800,
  minHeight: 560,
  backgroundColor: '#101217',
  // Shown once the first frame is painted, or never when the app starts hidden in the tray.
  show: false,
  webPreferences: MAIN_WINDOW_WEB_PREFERENCES,
} as const;

/**
 * Whether a link the page asked to open may go to the user's browser: plain web pages only, no
 * credentials in the URL, nothing local (file:, custom schemes, javascript:).
 */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.hostname !== ''
  );
}
