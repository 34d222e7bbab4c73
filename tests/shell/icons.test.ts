import { readFileSync } from 'node:fs';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { icnsFile, icoFile } from '../../build/icon-files';
import { BRAND_TILES, drawMosaic, mosaicPng, trayIconPng } from '../../electron/main/mosaic-icon';
import { encodePng } from '../../electron/main/png';

/** Reads back a PNG as a decoder would: signature, chunk CRCs, header, and the unfiltered pixels. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks = new Map<string, Buffer>();
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typeAndData));
    chunks.set(typeAndData.subarray(0, 4).toString('ascii'), typeAndData.subarray(4));
    at += 12 + length;
  }
  expect([...chunks.keys()]).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks.get('IHDR')!;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([...header.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  const rows = inflateSync(chunks.get('IDAT')!);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    rgba.set(rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

const pixel = (rgba: Uint8Array, size: number, x: number, y: number) => [
  ...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4),
];

describe('encodePng', () => {
  it('writes pixels a PNG decoder reads back unchanged', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    expect(decodePng(encodePng(3, 2, rgba))).toEqual({ width: 3, height: 2, rgba });
  });

  it('refuses pixel data of the wrong length', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('the Tessera mark', () => {
  it('draws the four tiles of icon.svg in their colours, with transparent gaps', () => {
    const size = 32;
    const rgba = drawMosaic(size, BRAND_TILES);
    expect(pixel(rgba, size, 8, 8)).toEqual([0x2f, 0x6f, 0xde, 255]);
    expect(pixel(rgba, size, 24, 8)).toEqual([0x31, 0xa3, 0x6b, 255]);
    expect(pixel(rgba, size, 8, 24)).toEqual([0xe0, 0xa2, 0x1b, 255]);
    expect(pixel(rgba, size, 24, 24)).toEqual([0xd2, 0x46, 0x3b, 255]);
    expect(pixel(rgba, size, 16, 16)[3]).toBe(0);
    expect(pixel(rgba, size, 0, 0)[3]).toBe(0);
    // The rounded corner of the first tile is partly covered, not a hard edge.
    const corner = pixel(rgba, size, 2, 2)[3]!;
    expect(corner).toBeGreaterThan(0);
    expect(corner).toBeLessThan(255);
  });

  it('gives every tray state its own 16 and 32 px icon', () => {
    const states = ['training', 'paused', 'idle-waiting', 'error', 'stopped'] as const;
    for (const size of [16, 32]) {
      const icons = states.map((state) => trayIconPng(state, size));
      for (const icon of icons) expect(decodePng(icon).width).toBe(size);
      expect(new Set(icons.map((icon) => icon.toString('base64'))).size).toBe(states.length);
    }
  });

  it('fades the waiting state: same colours as training, half the opacity', () => {
    const training = decodePng(trayIconPng('training', 16)).rgba;
    const waiting = decodePng(trayIconPng('idle-waiting', 16)).rgba;
    expect(pixel(waiting, 16, 4, 4)).toEqual([...pixel(training, 16, 4, 4).slice(0, 3), 128]);
  });
});

describe('app icon files', () => {
  it('packs PNGs into an ICO directory that points at each of them', () => {
    const images = [16, 256].map((size) => ({ size, png: mosaicPng(size, BRAND_TILES) }));
    const ico = icoFile(images);

    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 2]);
    expect(ico.readUInt8(6)).toBe(16);
    expect(ico.readUInt8(6 + 16)).toBe(0); // 256 is written as 0
    const offset = ico.readUInt32LE(6 + 16 + 12);
    const length = ico.readUInt32LE(6 + 16 + 8);
    expect(ico.subarray(offset, offset + length)).toEqual(images[1]!.png);
    expect(() => icoFile([{ size: 512, png: Buffer.alloc(1) }])).toThrow(RangeError);
  });

  it('packs PNGs into ICNS entries whose lengths add up', () => {
    const png = Buffer.from('not really a png');
    const icns = icnsFile([{ size: 512, png }]);

    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.subarray(8, 12).toString('ascii')).toBe('ic09');
    expect(icns.subarray(16)).toEqual(png);
    expect(() => icnsFile([{ size: 48, png }])).toThrow(RangeError);
  });

  it('ships build/icon.ico as make-icons.ts draws it today', () => {
    const ico = readFileSync(new URL('../../build/icon.ico', import.meta.url));
    const sizes = [16, 24, 32, 48, 64, 128, 256];
    expect(ico).toEqual(
      icoFile(sizes.map((size) => ({ size, png: mosaicPng(size, BRAND_TILES) }))),
    );
  });
});
