import { join } from 'node:path';
import { settingsSchema } from '../../../../electron/contract/settings';
import {
  readSettingsFile,
  writeSettingsFile,
} from '../../../../electron/core/settings/settings-file';
import type { DurableKind } from './kind';

const file = (dir: string) => join(dir, 'settings.json');

/** Enough programs that the file takes several writes' worth of bytes (about 6 KB). */
const PROGRAMS = 200;

/** The settings document: version v lists programs named after v. */
export const settingsKind: DurableKind = {
  name: 'settings',
  target: file,
  write: (dir, version) =>
    writeSettingsFile(
      file(dir),
      settingsSchema.parse({
        idleMinutes: 1 + (version % 240),
        pausePrograms: Array.from({ length: PROGRAMS }, (_, i) => `game-${version}-${i}.exe`),
      }),
    ),
  async read(dir) {
    const settings = await readSettingsFile(file(dir));
    if (!settings) throw new Error('the settings file is gone');
    const version = Number(/^game-(\d+)-0\.exe$/.exec(settings.pausePrograms[0] ?? '')?.[1]);
    const whole =
      settings.idleMinutes === 1 + (version % 240) &&
      settings.pausePrograms.length === PROGRAMS &&
      settings.pausePrograms.every((p, i) => p === `game-${version}-${i}.exe`);
    if (!whole)
      throw new Error(`the settings mix versions (first program ${settings.pausePrograms[0]})`);
    return version;
  },
};
