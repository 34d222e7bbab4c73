import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (installed by .ci/system-packages.sh); no tool downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium with the flags this offline, root, GPU-less machine needs. Playwright gives
 * every launch a fresh temporary profile of its own.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
