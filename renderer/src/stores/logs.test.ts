import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../electron/contract/diagnostics';
import { cannedApi } from '../test/canned-api';
import { createLogsStore, MAX_LOG_LINES } from './logs';

const line = (n: number): LogLine => ({
  at: n,
  level: 'info',
  source: 'app',
  message: `line ${n}`,
});

describe('logs store', () => {
  it('keeps lines that arrive while the snapshot loads, once each', async () => {
    let answer: (lines: LogLine[]) => void = () => {};
    const canned = cannedApi({
      'logs.recent': () => new Promise((resolve) => (answer = (lines) => resolve({ lines }))),
    });
    const store = createLogsStore(canned.api);
    const loading = store.getState().load();
    canned.emit('log.line', line(2));
    canned.emit('log.line', line(3));
    answer([line(1), line(2)]);
    await loading;
    expect(store.getState().lines.map((l) => l.at)).toEqual([1, 2, 3]);
  });

  it('keeps only the newest lines', async () => {
    const canned = cannedApi({
      'logs.recent': { lines: Array.from({ length: MAX_LOG_LINES }, (_, i) => line(i)) },
    });
    const store = createLogsStore(canned.api);
    await store.getState().load();
    canned.emit('log.line', line(MAX_LOG_LINES));
    const { lines } = store.getState();
    expect(lines).toHaveLength(MAX_LOG_LINES);
    expect(lines[0]!.at).toBe(1);
    expect(lines.at(-1)!.at).toBe(MAX_LOG_LINES);
  });

  it('asks for as many lines as it keeps', async () => {
    const canned = cannedApi({ 'logs.recent': { lines: [] } });
    await createLogsStore(canned.api).getState().load();
    expect(canned.callsTo('logs.recent')).toEqual([{ limit: MAX_LOG_LINES }]);
  });
});
