// Writes the app icon files (build/icon.png, .ico, .icns) from the Tessera mark as
// electron/main/mosaic-icon.ts draws it, the same drawing the tray uses. Run after changing the
// mark: node --import tsx build/make-icons.ts
import { writeFileSync } from 'node:fs';
import { BRAND_TILES, mosaicPng } from '../electron/main/mosaic-icon';
import { icnsFile, icoFile } from './icon-files';

const buildDir = import.meta.dirname;
const png = (size: number) => ({ size, png: mosaicPng(size, BRAND_TILES) });

writeFileSync(`${buildDir}/icon.png`, png(1024).png);
writeFileSync(`${buildDir}/icon.ico`, icoFile([16, 24, 32, 48, 64, 128, 256].map(png)));
writeFileSync(`${buildDir}/icon.icns`, icnsFile([128, 256, 512, 1024].map(png)));
