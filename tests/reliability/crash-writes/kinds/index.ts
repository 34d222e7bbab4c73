import type { DurableKind } from './kind';

/**
 * Each kind's module, loaded on demand: a writer child loads only its own kind, so it does not
 * start slower by loading the others' dependencies (sr25519, SQLite, the model).
 */
const MODULES: Readonly<Record<string, () => Promise<DurableKind>>> = {
  checkpoint: async () => (await import('./checkpoint')).checkpointKind,
  'wallet keyfile': async () => (await import('./wallet')).walletKind,
  settings: async () => (await import('./settings')).settingsKind,
  'devnet state': async () => (await import('./devnet-state')).devnetStateKind,
};

export const DURABLE_KIND_NAMES: readonly string[] = Object.keys(MODULES);

export function loadDurableKind(name: string): Promise<DurableKind> {
  const load = Object.hasOwn(MODULES, name) ? MODULES[name] : undefined;
  if (!load) throw new Error(`no durable kind '${name}'`);
  return load();
}
