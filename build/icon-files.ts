/**
 * The containers Windows and macOS want their app icon in, each a list of PNG images: ICO
 * (Vista and later read PNG entries) and ICNS (the PNG-based types ic07 to ic10).
 */

export interface SizedPng {
  size: number;
  png: Buffer;
}

/** An .ico holding `images`, each at most 256 px (a width byte of 0 means 256). */
export function icoFile(images: readonly SizedPng[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = Buffer.alloc(16 * images.length);
  let offset = header.length + entries.length;
  images.forEach(({ size, png }, i) => {
    if (size > 256) throw new RangeError(`an ICO image is at most 256 px, not ${size}`);
    const entry = i * 16;
    entries.writeUInt8(size % 256, entry);
    entries.writeUInt8(size % 256, entry + 1);
    entries.writeUInt16LE(1, entry + 4); // colour planes
    entries.writeUInt16LE(32, entry + 6); // bits per pixel
    entries.writeUInt32LE(png.length, entry + 8);
    entries.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, entries, ...images.map((image) => image.png)]);
}

/** ICNS types that hold a PNG, by pixel size (ic10 is 512 pt at 2x). */
const ICNS_TYPES: Record<number, string> = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

export function icnsFile(images: readonly SizedPng[]): Buffer {
  const chunks = images.map(({ size, png }) => {
    const type = ICNS_TYPES[size];
    if (!type) throw new RangeError(`ICNS has no PNG type for ${size} px`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}
