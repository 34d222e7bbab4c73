import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isSafeExternalUrl,
  MAIN_WINDOW_OPTIONS,
  MAIN_WINDOW_WEB_PREFERENCES,
  withContentSecurityPolicy,
} from '../../electron/main/security';

/** The policy as a map from directive to its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe("the main window against Electron's security checklist", () => {
  // docs/tutorial/security.md, items 2-4, 6, 8-10 and 11 (no <webview>).
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
  ] as const)('sets %s to %s', (option, value) => {
    expect(MAIN_WINDOW_WEB_PREFERENCES[option]).toBe(value);
  });

  it('enables no Blink features and uses the preferences constant as they are', () => {
    expect(MAIN_WINDOW_WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    expect(MAIN_WINDOW_OPTIONS.webPreferences).toBe(MAIN_WINDOW_WEB_PREFERENCES);
  });

  it('opens hidden, to be shown once painted or left in the tray', () => {
    expect(MAIN_WINDOW_OPTIONS.show).toBe(false);
  });
});

describe('the Content Security Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('allows no eval and no inline script or style', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-inline'");
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });

  it('names no remote origin: only keywords, data: images and the loopback bridge', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        const allowed =
          /^'(self|none)'$/.test(source) ||
          (name === 'img-src' && source === 'data:') ||
          (name === 'connect-src' && source === 'ws://127.0.0.1:*');
        expect(allowed, `${name} ${source}`).toBe(true);
      }
    }
  });

  it('is the same string as the <meta> in renderer/index.html', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('is the strict policy whenever no dev server is in use', () => {
    expect(contentSecurityPolicy(undefined)).toBe(CONTENT_SECURITY_POLICY);
  });

  it("adds only the dev server's inline preamble, styles and hot-reload socket under npm start", () => {
    const dev = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173', 'ws://127.0.0.1:*']);
    expect([...dev.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('replaces a policy a response already carries, whatever its case, and keeps other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://docs.tessera.network/earnings', 'http://example.com/a?b=c#d'])(
    'lets %s go to the browser',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://attacker/share',
    'ms-settings:privacy',
    'https://user:secret@example.com/',
    'not a url',
    '',
  ])('keeps %s from leaving the app', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});
