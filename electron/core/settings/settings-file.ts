/**
 * The settings document on disk (`<data directory>/settings.json`). A missing file means
 * defaults; a file that cannot be read as settings is never overwritten: it is moved aside under
 * a dated name, so the user's choices can be recovered by hand, and the app starts on defaults.
 */
import { readFile, rename } from 'node:fs/promises';
import { type Settings, type SettingsPatch, settingsSchema } from '../../contract/settings';
import { writeFileAtomic } from '../../protocol/atomic-file';
import { describeIssues } from '../app/dispatch';

/** Settings files are a few kilobytes; anything far larger is not one. */
const MAX_SETTINGS_BYTES = 1 << 20;

export type SettingsErrorKind = 'unreadable' | 'not-json' | 'invalid' | 'too-large';

export class SettingsError extends Error {
  constructor(
    readonly kind: SettingsErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

export const defaultSettings = (): Settings => settingsSchema.parse({});

/** Reads and checks a settings file; undefined when there is none. */
export async function readSettingsFile(path: string): Promise<Settings | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SettingsError('unreadable', `Cannot read ${path}: ${(error as Error).message}`);
  }
  if (bytes.length > MAX_SETTINGS_BYTES)
    throw new SettingsError(
      'too-large',
      `${path} is ${bytes.length} bytes; settings are at most ${MAX_SETTINGS_BYTES}.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new SettingsError('not-json', `${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success)
    throw new SettingsError('invalid', `${path}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export async function writeSettingsFile(path: string, settings: Settings): Promise<void> {
  const text = `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`;
  await writeFileAtomic(path, Buffer.from(text, 'utf8'));
}

/** Holds the current settings, applies checked patches, and persists every change. */
export class SettingsStore {
  private current: Settings;
  private readonly listeners = new Set<(settings: Settings) => void>();
  /** Serialises updates, so none is lost and the file always holds the latest settings. */
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    initial: Settings,
    /** Set when the file on disk was unusable and has been moved aside. */
    readonly recovered: { movedTo: string; problem: string } | undefined,
  ) {
    this.current = initial;
  }

  static async open(path: string, now: () => Date = () => new Date()): Promise<SettingsStore> {
    try {
      return new SettingsStore(
        path,
        (await readSettingsFile(path)) ?? defaultSettings(),
        undefined,
      );
    } catch (error) {
      if (!(error instanceof SettingsError) || error.kind === 'unreadable') throw error;
      const movedTo = `${path}.broken-${now().toISOString().replace(/[:.]/g, '-')}`;
      await rename(path, movedTo);
      return new SettingsStore(path, defaultSettings(), { movedTo, problem: error.message });
    }
  }

  get(): Settings {
    return this.current;
  }

  /** Applies a patch once it is on disk; a failed write leaves the settings as they were. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const applied = this.queue.then(async () => {
      const next = settingsSchema.parse({ ...this.current, ...patch });
      await writeSettingsFile(this.path, next);
      this.current = next;
      return next;
    });
    this.queue = applied.then(
      () => undefined,
      () => undefined,
    );
    const next = await applied;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
