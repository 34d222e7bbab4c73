/**
 * Writes one kind of durable state again and again with the product's writer, versions
 * <first>, <first + 1>, ..., until it is killed; after each completed write it prints
 * "done <version>". Usage: node --import tsx writer-child.ts <kind> <dir> <first>
 */
import { writeSync } from 'node:fs';
import { loadDurableKind } from './kinds/index';

const [name, dir, first] = process.argv.slice(2) as [string, string, string];
const kind = await loadDurableKind(name);
for (let version = Number(first); ; version++) {
  await kind.write(dir, version);
  // Synchronous, so the parent never misses a write that completed before the kill.
  writeSync(1, `done ${version}\n`);
}
