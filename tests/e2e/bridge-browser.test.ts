/**
 * The bridge as a browser meets it: a page the bridge serves reaches the contract over the token
 * subprotocol, under the bridge's CSP; a page from any other origin cannot, token or not.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bridge, startBridge } from '../../electron/bridge';
import { tokenProtocol } from '../../electron/bridge/token';
import { type LogService, logService } from '../bridge/service';
import { launchChromium } from './chromium';
import { serveFolder } from './static-server';

const PAGE = '<!doctype html><html lang="en"><title>bridge test</title><h1>Tessera</h1></html>';

let bridgeDir: string;
let foreignDir: string;
let log: LogService;
let bridge: Bridge;
let foreign: { url: string; server: Server };
let browser: Browser;

beforeAll(async () => {
  bridgeDir = await mkdtemp(join(tmpdir(), 'tessera-bridge-page-'));
  foreignDir = await mkdtemp(join(tmpdir(), 'tessera-foreign-page-'));
  await writeFile(join(bridgeDir, 'index.html'), PAGE);
  await writeFile(join(foreignDir, 'index.html'), PAGE);
  log = logService();
  bridge = await startBridge({ service: log.service, staticDir: bridgeDir });
  foreign = await serveFolder(foreignDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  foreign?.server.close();
  await bridge?.close();
  await rm(bridgeDir, { recursive: true, force: true });
  await rm(foreignDir, { recursive: true, force: true });
});

/** In the page: the socket `openSocket` made and every message it received, in order. */
interface PageBridge {
  socket: WebSocket;
  received: unknown[];
}

/** In the page: opens the bridge's socket and says whether the server let it open. */
function openSocket(page: Page, url: string, protocols: string[]): Promise<'open' | 'refused'> {
  return page.evaluate(
    ({ url, protocols }) =>
      new Promise<'open' | 'refused'>((resolve) => {
        const socket = new WebSocket(url, protocols);
        const bridge: PageBridge = { socket, received: [] };
        (window as unknown as { bridge: PageBridge }).bridge = bridge;
        socket.onmessage = (message) => bridge.received.push(JSON.parse(String(message.data)));
        socket.onopen = () => resolve('open');
        socket.onclose = () => resolve('refused');
      }),
    { url, protocols },
  );
}

const receivedIn = (page: Page): Promise<unknown[]> =>
  page.evaluate(() => (window as unknown as { bridge: PageBridge }).bridge.received);

describe('the bridge in Chromium', () => {
  it('lets its own page call the contract and receive events', async () => {
    const page = await browser.newPage();
    const response = await page.goto(bridge.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const token = await page.evaluate(() =>
      new URLSearchParams(location.hash.slice(1)).get('token'),
    );
    expect(token).toBe(bridge.token);

    const socketUrl = `ws://127.0.0.1:${bridge.port}/bridge`;
    expect(await openSocket(page, socketUrl, [tokenProtocol(bridge.token)])).toBe('open');
    await page.evaluate(() =>
      (window as unknown as { bridge: PageBridge }).bridge.socket.send(
        JSON.stringify({ id: 1, method: 'app.info', args: {} }),
      ),
    );
    await expect
      .poll(() => receivedIn(page))
      .toEqual([
        expect.objectContaining({ id: 1, result: expect.objectContaining({ host: 'headless' }) }),
      ]);

    log.log('hello from the core');
    await expect
      .poll(async () => (await receivedIn(page))[1])
      .toMatchObject({ event: 'log.line', payload: { message: 'hello from the core' } });
    await page.close();
  });

  it('refuses its own page without the token', async () => {
    const page = await browser.newPage();
    await page.goto(bridge.url);
    const socketUrl = `ws://127.0.0.1:${bridge.port}/bridge`;
    expect(await openSocket(page, socketUrl, [])).toBe('refused');
    expect(await openSocket(page, socketUrl, [tokenProtocol('A'.repeat(43))])).toBe('refused');
    await page.close();
  });

  it("keeps its page from reaching other servers (the CSP's connect-src)", async () => {
    const page = await browser.newPage();
    await page.goto(bridge.url);
    const reach = await page.evaluate(
      (url) =>
        fetch(url, { mode: 'no-cors' }).then(
          () => 'reached',
          () => 'blocked',
        ),
      foreign.url,
    );
    expect(reach).toBe('blocked');
    await page.close();
  });

  it('refuses a page from another origin, even one holding the token', async () => {
    const page = await browser.newPage();
    await page.goto(foreign.url);
    const listenersBefore = log.listenerCount();
    const callsBefore = log.callCount();
    const socketUrl = `ws://127.0.0.1:${bridge.port}/bridge`;
    expect(await openSocket(page, socketUrl, [tokenProtocol(bridge.token)])).toBe('refused');
    expect(log.listenerCount()).toBe(listenersBefore);
    expect(log.callCount()).toBe(callsBefore);

    // Nor may it load the bridge's files as opaque resources: CORP keeps them to the bridge.
    const reach = await page.evaluate(
      (url) =>
        fetch(url, { mode: 'no-cors' }).then(
          () => 'read',
          () => 'blocked',
        ),
      `http://127.0.0.1:${bridge.port}/`,
    );
    expect(reach).toBe('blocked');
    await page.close();
  });
});
