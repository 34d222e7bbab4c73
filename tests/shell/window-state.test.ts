import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadWindowState,
  placeWindow,
  saveWindowState,
  WINDOW_STATE_FILE,
} from '../../electron/main/window-state';

const DEFAULT = { width: 1100, height: 720 };
const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state on disk', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-window-state-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads back what was saved, from <dataDir>/window-state.json, leaving no temporary file', async () => {
    const state = { bounds: { x: 40, y: 60, width: 1200, height: 800 }, maximized: true };

    await saveWindowState(dataDir, state);

    expect(await loadWindowState(dataDir)).toEqual(state);
    expect(readdirSync(dataDir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('creates the data directory when it does not exist yet', async () => {
    const nested = join(dataDir, 'first', 'run');
    await saveWindowState(nested, {
      bounds: { x: 0, y: 0, width: 900, height: 600 },
      maximized: false,
    });
    expect(JSON.parse(readFileSync(join(nested, WINDOW_STATE_FILE), 'utf8')).bounds.width).toBe(
      900,
    );
  });

  it.each([
    ['no file', undefined],
    ['a broken file', '{"bounds": {"x": 1'],
    [
      'a file of the wrong shape',
      '{"bounds": {"x": 0, "y": 0, "width": -5, "height": 10}, "maximized": false}',
    ],
  ])('gives no state for %s', async (_case, content) => {
    if (content !== undefined) writeFileSync(join(dataDir, WINDOW_STATE_FILE), content);
    expect(await loadWindowState(dataDir)).toBeUndefined();
  });
});

describe('placeWindow', () => {
  it('puts a window back exactly where it was when a display still shows it', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(placeWindow(saved, [laptop, rightMonitor], DEFAULT)).toEqual(saved);
  });

  it('opens at the default size where the OS puts it when its monitor is gone', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: true };
    expect(placeWindow(saved, [laptop], DEFAULT)).toEqual({ bounds: DEFAULT, maximized: true });
  });

  it('opens at the default size the first time', () => {
    expect(placeWindow(undefined, [laptop], DEFAULT)).toEqual({
      bounds: DEFAULT,
      maximized: false,
    });
  });

  it('moves a window that hangs off the edge fully onto the display', () => {
    const saved = { bounds: { x: 1500, y: -50, width: 1000, height: 700 }, maximized: false };
    // 580 px of it lie on the right monitor and 420 px on the laptop: it goes to the right one.
    expect(placeWindow(saved, [laptop, rightMonitor], DEFAULT).bounds).toEqual({
      x: 1920,
      y: 0,
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window larger than its display to fit the work area', () => {
    const saved = { bounds: { x: 10, y: 10, width: 3000, height: 2000 }, maximized: false };
    expect(placeWindow(saved, [laptop], DEFAULT).bounds).toEqual(laptop);
  });
});
