import type { DoctorReport } from '../../../electron/contract/diagnostics';
import { PROVIDER_NAMES, type Settings } from '../../../electron/contract/settings';

type ProviderReport = DoctorReport['providers'][number];

export interface ProviderChoice {
  chosen: ProviderReport | null;
  /**
   * Providers ahead of the chosen one in speed order that do not work here, with their reasons;
   * those of another operating system are left out, since nothing would enable them.
   */
  unavailableFaster: ProviderReport[];
}

/** Providers that exist on one operating system only: elsewhere they are no option at all. */
const ONLY_ON: Partial<Record<ProviderReport['name'], string>> = { dml: 'win32' };

/**
 * The provider the miner will use, as the core picks it: the preferred one when it works, else the
 * first that works in speed order (cuda, dml, webgpu, cpu).
 */
export function chooseProvider(
  report: DoctorReport,
  preference: Settings['provider'] = 'auto',
): ProviderChoice {
  const ordered = PROVIDER_NAMES.flatMap((name) =>
    report.providers.filter((p) => p.name === name),
  ).filter((p) => (ONLY_ON[p.name] ?? report.os.platform) === report.os.platform);
  const preferred = ordered.find((p) => p.name === preference && p.available);
  const chosen = preferred ?? ordered.find((p) => p.available) ?? null;
  const rank = chosen ? ordered.indexOf(chosen) : ordered.length;
  return { chosen, unavailableFaster: ordered.slice(0, rank).filter((p) => !p.available) };
}
