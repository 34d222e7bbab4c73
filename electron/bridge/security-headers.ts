/**
 * Headers on every HTTP answer of the bridge. The renderer build is plain files: scripts and styles
 * from its own origin only (React sets styles through the CSSOM, which CSP does not restrict, so no
 * 'unsafe-inline'), data: images for QR codes, and WebSockets back to this bridge.
 */
export function securityHeaders(port: number): Readonly<Record<string, string>> {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Other sites may not even embed the bridge's files as images or scripts.
    'cross-origin-resource-policy': 'same-origin',
    // A rebuilt renderer must replace what the browser holds; loopback makes re-fetching free.
    'cache-control': 'no-cache',
  };
}
