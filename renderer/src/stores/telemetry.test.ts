import { describe, expect, it } from 'vitest';
import type { TelemetrySnapshot } from '../../../electron/contract/telemetry';
import { cannedApi, failWith } from '../test/canned-api';
import { telemetrySnapshot } from '../test/fixtures';
import { createTelemetryStore } from './telemetry';

describe('the telemetry store', () => {
  it('reads the latest snapshot, then follows samples', async () => {
    const canned = cannedApi({ 'telemetry.latest': telemetrySnapshot() });
    const store = createTelemetryStore(canned.api);
    await store.getState().load();
    expect(store.getState().snapshot?.gpus[0]?.temperatureC).toBe(71);
    const next = { ...telemetrySnapshot(), at: telemetrySnapshot().at + 1_000 };
    next.gpus[0]!.temperatureC = 75;
    canned.emit('telemetry.sample', next);
    expect(store.getState().snapshot?.gpus[0]?.temperatureC).toBe(75);
  });

  it('keeps a sample newer than the first answer', async () => {
    let answer: (value: TelemetrySnapshot) => void = () => {};
    const canned = cannedApi({
      'telemetry.latest': () => new Promise((resolve) => (answer = resolve)),
    });
    const store = createTelemetryStore(canned.api);
    const loading = store.getState().load();
    canned.emit('telemetry.sample', { ...telemetrySnapshot(), at: telemetrySnapshot().at + 5 });
    answer(telemetrySnapshot());
    await loading;
    expect(store.getState().snapshot?.at).toBe(telemetrySnapshot().at + 5);
  });

  it('keeps a failed read as a problem', async () => {
    const canned = cannedApi({ 'telemetry.latest': failWith('unavailable', 'No driver.') });
    const store = createTelemetryStore(canned.api);
    await store.getState().load();
    expect(store.getState().loadError?.message).toBe('No driver.');
  });
});
