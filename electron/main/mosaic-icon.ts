import type { TrayState } from '../core/app/core-handle';
import { encodePng } from './png';

/**
 * The Tessera mark (renderer/public/icon.svg: four rounded tiles on a 32-unit grid) drawn as
 * pixels, in the brand colours for the app icon and recoloured per tray state: full colour while
 * training, faded while waiting for idle, grey while paused, red on an error, faded grey when
 * not started. The tooltip says the state in words, so colour is never the only cue.
 */

const GRID = 32;
const TILE = 13;
const RADIUS = 2;
const TILE_ORIGINS = [
  [2, 2],
  [17, 2],
  [2, 17],
  [17, 17],
] as const;

export type TileColours = readonly [string, string, string, string];

export const BRAND_TILES: TileColours = ['#2f6fde', '#31a36b', '#e0a21b', '#d2463b'];
const GREY: TileColours = ['#8d939c', '#8d939c', '#8d939c', '#8d939c'];
const RED: TileColours = ['#d2463b', '#d2463b', '#d2463b', '#d2463b'];

export const TRAY_LOOK: Record<TrayState, { tiles: TileColours; opacity: number }> = {
  training: { tiles: BRAND_TILES, opacity: 1 },
  'idle-waiting': { tiles: BRAND_TILES, opacity: 0.5 },
  paused: { tiles: GREY, opacity: 1 },
  error: { tiles: RED, opacity: 1 },
  stopped: { tiles: GREY, opacity: 0.5 },
};

/** 4x4 samples per pixel: smooth tile corners at 16 px without a rasterizer library. */
const SAMPLES = 4;

/** The mark as straight-alpha RGBA pixels, `size` by `size`. */
export function drawMosaic(size: number, tiles: TileColours, opacity = 1): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const rgb = tiles.map(parseHex);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const counts = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const u = ((x + (sx + 0.5) / SAMPLES) * GRID) / size;
          const v = ((y + (sy + 0.5) / SAMPLES) * GRID) / size;
          const tile = tileAt(u, v);
          if (tile !== undefined) counts[tile]! += 1;
        }
      }
      const covered = counts.reduce((a, b) => a + b, 0);
      if (covered === 0) continue;
      // Tiles never touch (2-unit gaps), so a pixel's colour is that of the tile that covers it most.
      const tile = counts.indexOf(Math.max(...counts));
      const [r, g, b] = rgb[tile]!;
      pixels.set(
        [r, g, b, Math.round((covered / SAMPLES ** 2) * opacity * 255)],
        (y * size + x) * 4,
      );
    }
  }
  return pixels;
}

export function mosaicPng(size: number, tiles: TileColours, opacity = 1): Buffer {
  return encodePng(size, size, drawMosaic(size, tiles, opacity));
}

export function trayIconPng(state: TrayState, size: number): Buffer {
  const look = TRAY_LOOK[state];
  return mosaicPng(size, look.tiles, look.opacity);
}

function tileAt(u: number, v: number): number | undefined {
  for (let i = 0; i < TILE_ORIGINS.length; i++) {
    const [tx, ty] = TILE_ORIGINS[i]!;
    const dx = Math.max(tx + RADIUS - u, 0, u - (tx + TILE - RADIUS));
    const dy = Math.max(ty + RADIUS - v, 0, v - (ty + TILE - RADIUS));
    if (u >= tx && u <= tx + TILE && v >= ty && v <= ty + TILE && dx * dx + dy * dy <= RADIUS ** 2)
      return i;
  }
  return undefined;
}

function parseHex(colour: string): [number, number, number] {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
