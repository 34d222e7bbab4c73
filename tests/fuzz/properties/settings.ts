/**
 * The settings loader (`readSettingsFile`) on files of arbitrary bytes, arbitrary JSON, settings
 * shaped by their schema, and mutated valid settings files. Promise: settings the schema accepts,
 * undefined for a missing file, or a SettingsError with one of its kinds; nothing else escapes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { settingsSchema } from '../../../electron/contract/settings';
import {
  defaultSettings,
  readSettingsFile,
  SettingsError,
} from '../../../electron/core/settings/settings-file';
import { applyMutation, byteMutation } from './mutations';
import { type FuzzTarget, tally } from './target';
import { arbitraryFor } from './zod-arbitrary';

const KINDS = new Set(['unreadable', 'not-json', 'invalid', 'too-large']);

type SettingsInput =
  | { file: 'missing' }
  | { file: 'bytes'; bytes: Uint8Array }
  | { file: 'json'; value: unknown; indent: number }
  | { file: 'too-large'; extra: number };

const encode = (text: string) => new TextEncoder().encode(text);

export const settingsTarget: FuzzTarget<SettingsInput> = {
  name: 'settings loader',
  fullCases: 100_000,
  testCases: 1_500,
  async prepare() {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-fuzz-settings-'));
    const path = join(dir, 'settings.json');
    const valid = encode(`${JSON.stringify(defaultSettings(), null, 2)}\n`);
    const outcomes = new Map<string, number>();
    const input: fc.Arbitrary<SettingsInput> = fc.oneof(
      { weight: 1, arbitrary: fc.constant({ file: 'missing' as const }) },
      {
        weight: 20,
        arbitrary: fc.record({
          file: fc.constant('bytes' as const),
          bytes: fc.uint8Array({ maxLength: 2048 }),
        }),
      },
      {
        weight: 30,
        arbitrary: byteMutation.map((m) => ({
          file: 'bytes' as const,
          bytes: applyMutation(valid, m),
        })),
      },
      {
        weight: 50,
        arbitrary: fc.record({
          file: fc.constant('json' as const),
          value: fc.oneof(
            arbitraryFor(settingsSchema),
            fc.jsonValue(),
            arbitraryFor(settingsSchema.partial()),
          ),
          indent: fc.constantFrom(0, 2),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          file: fc.constant('too-large' as const),
          extra: fc.integer({ min: 1, max: 64 }),
        }),
      },
    );
    return {
      arbitrary: input,
      outcomes,
      async check(input) {
        await rm(path, { force: true });
        if (input.file === 'bytes') await writeFile(path, input.bytes);
        else if (input.file === 'json')
          await writeFile(path, JSON.stringify(input.value, null, input.indent) ?? '');
        else if (input.file === 'too-large')
          await writeFile(path, Buffer.alloc((1 << 20) + input.extra, 0x20));
        try {
          const settings = await readSettingsFile(path);
          if (settings === undefined) {
            tally(outcomes, 'missing');
            return input.file === 'missing' ? undefined : 'a file that exists read as missing';
          }
          tally(outcomes, 'read');
          return settingsSchema.safeParse(settings).success
            ? undefined
            : 'returned settings its schema refuses';
        } catch (error) {
          if (!(error instanceof SettingsError) || !KINDS.has(error.kind)) throw error;
          tally(outcomes, error.kind);
          return undefined;
        }
      },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  },
};
