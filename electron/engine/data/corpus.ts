import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { DataError } from './errors';

/** One split of the corpus: its text and the SHA-256 of its UTF-8 bytes (keys token caches). */
export interface CorpusSplit {
  readonly text: string;
  readonly sha256: string;
}

/**
 * The training corpus: public-domain books (native-assets/corpus/README.md). `heldOut` is the last
 * ~5% of every book, never trained on; `train` is the rest.
 */
export interface Corpus {
  readonly train: CorpusSplit;
  readonly heldOut: CorpusSplit;
}

export const corpusFiles = { train: 'train.txt.gz', heldOut: 'heldout.txt.gz' } as const;

/**
 * Where the corpus lives: the desktop app names its resources folder in `TESSERA_CORPUS_DIR`
 * (bundled code no longer sits where the sources did); a source checkout finds it beside them.
 */
export const defaultCorpusDir =
  process.env.TESSERA_CORPUS_DIR ??
  fileURLToPath(new URL('../../../native-assets/corpus', import.meta.url));

// Decompressing and hashing 7 MB takes ~100 ms: do it once per process and directory.
const loaded = new Map<string, Corpus>();

export function loadCorpus(options: { dir?: string } = {}): Corpus {
  const dir = resolve(options.dir ?? defaultCorpusDir);
  const cached = loaded.get(dir);
  if (cached) return cached;
  const corpus: Corpus = {
    train: readSplit(join(dir, corpusFiles.train)),
    heldOut: readSplit(join(dir, corpusFiles.heldOut)),
  };
  loaded.set(dir, corpus);
  return corpus;
}

/** Text with its hash, for text that does not come from the corpus files (tests, fine-tuning). */
export function corpusSplitOf(text: string): CorpusSplit {
  return { text, sha256: sha256Hex(text) };
}

function readSplit(path: string): CorpusSplit {
  let compressed: Buffer;
  try {
    compressed = readFileSync(path);
  } catch (cause) {
    throw new DataError(
      'corpus-missing',
      `The training corpus file ${path} could not be read (${(cause as Error).message}).`,
    );
  }
  let text: string;
  try {
    text = gunzipSync(compressed).toString('utf8');
  } catch (cause) {
    throw new DataError(
      'corpus-missing',
      `The training corpus file ${path} is not valid gzip (${(cause as Error).message}).`,
    );
  }
  if (text.trim().length === 0) {
    throw new DataError('empty-corpus', `The training corpus file ${path} holds no text.`);
  }
  return corpusSplitOf(text);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
