import { describe, expect, it } from 'vitest';
import {
  appLocation,
  type FrameLike,
  isAppUrl,
  isTrustedSender,
} from '../../electron/main/ipc-guard';

const INDEX = '/opt/Tessera/resources/app.asar/.vite/renderer/main_window/index.html';
const packaged = appLocation(undefined, INDEX);
const dev = appLocation('http://localhost:5173', INDEX);

const frame = (url: string, routingId = 1, parent: FrameLike | null = null): FrameLike => ({
  url,
  processId: 7,
  routingId,
  parent,
});

const mainFrame = frame(`file://${INDEX}`);

describe('isTrustedSender', () => {
  it("accepts the main window's top frame on the packaged page", () => {
    expect(isTrustedSender(frame(`file://${INDEX}`), mainFrame, packaged)).toBe(true);
    expect(isTrustedSender(frame(`file://${INDEX}#/wallet`), mainFrame, packaged)).toBe(true);
  });

  it('refuses a frame of another window or webContents', () => {
    expect(isTrustedSender(frame(`file://${INDEX}`, 2), mainFrame, packaged)).toBe(false);
    const otherProcess = { ...frame(`file://${INDEX}`), processId: 8 };
    expect(isTrustedSender(otherProcess, mainFrame, packaged)).toBe(false);
  });

  it('refuses a subframe, even one that shows the app page', () => {
    expect(isTrustedSender(frame(`file://${INDEX}`, 1, mainFrame), mainFrame, packaged)).toBe(
      false,
    );
  });

  it.each([
    'https://evil.example/',
    'file:///tmp/index.html',
    `file://${INDEX}.evil`,
    `file://${INDEX.replace('index.html', 'other.html')}`,
    'about:blank',
    'not a url',
  ])('refuses the main frame once it shows %s', (url) => {
    expect(isTrustedSender(frame(url), mainFrame, packaged)).toBe(false);
  });

  it('refuses a frame that is gone, and any call while there is no window', () => {
    expect(isTrustedSender(null, mainFrame, packaged)).toBe(false);
    expect(isTrustedSender(frame(`file://${INDEX}`), null, packaged)).toBe(false);
  });
});

describe('isAppUrl under the dev server', () => {
  it('accepts any page of the dev server', () => {
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/index.html?x=1', dev)).toBe(true);
  });

  it.each([
    'http://localhost:5173.evil.example/',
    'http://localhost:5174/',
    'https://localhost:5173/',
    `file://${INDEX}`,
  ])('refuses %s', (url) => {
    expect(isAppUrl(url, dev)).toBe(false);
  });
});
