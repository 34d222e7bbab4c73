import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { serveFolder } from './static-server';

let outDir: string;
let browser: Browser;
let site: { url: string; server: Server };

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'tessera-renderer-'));
  await build({
    configFile: fileURLToPath(new URL('../../vite.renderer.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'silent',
  });
  site = await serveFolder(outDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  site?.server.close();
  await rm(outDir, { recursive: true, force: true });
});

describe('the renderer in Chromium', () => {
  it('renders the app from the production build without console errors', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(site.url);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tessera');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the version the preload bridge exposes as window.tessera', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'tessera', { value: Object.freeze({ version: '9.9.9' }) });
    });
    await page.goto(site.url);
    await expect.poll(() => page.getByText('Version 9.9.9').count()).toBe(1);
    await page.close();
  });
});
