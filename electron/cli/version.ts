import { createRequire } from 'node:module';

/** The app's version, from package.json. */
export function appVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}
