/**
 * Recent log lines (a snapshot, then live `log.line` events, capped), the hardware check and the
 * diagnostics text for bug reports.
 */
import { createStore } from 'zustand/vanilla';
import type { DoctorReport, LogLine } from '../../../electron/contract/diagnostics';
import { type Api, getApi } from '../api';
import { type LoadStatus, type Problem, problemOf } from './app';

/** Enough to see what just happened; the full log is in the data directory. */
export const MAX_LOG_LINES = 1_000;

export interface LogsState {
  lines: LogLine[];
  status: LoadStatus;
  problem: Problem | null;
  doctor: DoctorReport | null;
  doctorStatus: LoadStatus;
  doctorProblem: Problem | null;
  load(): Promise<void>;
  runDoctor(): Promise<void>;
  /** Rejects with the ApiError when the text cannot be made. */
  diagnosticsText(): Promise<string>;
}

const keyOf = (line: LogLine) => `${line.at}\u0000${line.source}\u0000${line.message}`;

export function createLogsStore(api: Api) {
  const store = createStore<LogsState>()((set, get) => ({
    lines: [],
    status: 'idle',
    problem: null,
    doctor: null,
    doctorStatus: 'idle',
    doctorProblem: null,
    async load() {
      if (get().status === 'loading') return;
      set({ status: 'loading', problem: null });
      try {
        const { lines: recent } = await api.call('logs.recent', { limit: MAX_LOG_LINES });
        // Lines that arrived live while the snapshot was on its way may be in both.
        const known = new Set(recent.map(keyOf));
        const live = get().lines.filter((line) => !known.has(keyOf(line)));
        set({ lines: [...recent, ...live].slice(-MAX_LOG_LINES), status: 'ready' });
      } catch (error) {
        set({ status: 'error', problem: problemOf(error) });
      }
    },
    async runDoctor() {
      if (get().doctorStatus === 'loading') return;
      set({ doctorStatus: 'loading', doctorProblem: null });
      try {
        set({ doctor: await api.call('doctor.report', {}), doctorStatus: 'ready' });
      } catch (error) {
        set({ doctorStatus: 'error', doctorProblem: problemOf(error) });
      }
    },
    async diagnosticsText() {
      return (await api.call('diagnostics.text', {})).text;
    },
  }));
  api.on('log.line', (line) =>
    store.setState((state) => ({ lines: [...state.lines, line].slice(-MAX_LOG_LINES) })),
  );
  return store;
}

export type LogsStore = ReturnType<typeof createLogsStore>;

let instance: LogsStore | undefined;

/** The app's logs and diagnostics store, made on first use so tests and the browser build choose their API first. */
export const logsStore = (): LogsStore => (instance ??= createLogsStore(getApi()));
