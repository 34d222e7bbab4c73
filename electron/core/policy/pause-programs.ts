import type { PauseReason } from '../../contract/node';

/**
 * One reason for each listed program that is running. Names match without regard to case, to a
 * folder in front, or to a trailing `.exe`, so a list written on Windows works on the same
 * program under Wine or Proton and `Steam` matches `steam.exe`.
 */
export function pauseProgramReasons(
  pausePrograms: readonly string[],
  runningPrograms: readonly string[] | undefined,
): PauseReason[] {
  if (runningPrograms === undefined || pausePrograms.length === 0) return [];
  const running = new Set(runningPrograms.map(programKey));
  const listed = new Set<string>();
  const reasons: PauseReason[] = [];
  for (const program of pausePrograms) {
    const key = programKey(program);
    if (!running.has(key) || listed.has(key)) continue;
    listed.add(key);
    reasons.push({ kind: 'program', message: `Paused: ${program.trim()} is running` });
  }
  return reasons;
}

function programKey(name: string): string {
  const base = name.trim().split(/[\\/]/).at(-1) ?? '';
  return base.toLowerCase().replace(/\.exe$/, '');
}
