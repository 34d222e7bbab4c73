import { processes } from 'systeminformation';

/** Listing processes shells out to `ps` or WMI; a stalled listing must not stall the policy. */
const LIST_TIME_LIMIT_MS = 5_000;

/** The part of systeminformation's `processes()` answer the probe reads. */
export type ProcessLister = () => Promise<{ list: readonly { name: string }[] }>;

/**
 * Executable names of the running processes (`node`, `eldenring.exe`), each once, for
 * `HostSignals.runningPrograms`. Undefined when the list cannot be had in time: an unknown
 * signal, which pauses nothing.
 */
export async function listRunningPrograms(
  timeLimitMs = LIST_TIME_LIMIT_MS,
  listProcesses: ProcessLister = processes,
): Promise<string[] | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeLimitMs);
    timer.unref();
  });
  const listed = listProcesses().then(
    (data) => [...new Set(data.list.map((process) => process.name).filter((name) => name !== ''))],
    () => undefined,
  );
  try {
    return await Promise.race([listed, expired]);
  } finally {
    clearTimeout(timer);
  }
}
