import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostSignals } from '../../electron/core/policy/signals';
import { KeepAwake } from '../../electron/main/keep-awake';
import { feedMachineSignals, type PowerMonitorLike } from '../../electron/main/machine-signals';

function fakePowerMonitor() {
  const listeners = new Map<string, Set<() => void>>();
  const state = { idle: 0, battery: false };
  const power: PowerMonitorLike = {
    getSystemIdleTime: () => state.idle,
    isOnBatteryPower: () => state.battery,
    on: (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    removeListener: (event, listener) => listeners.get(event)?.delete(listener),
  };
  const emit = (event: string) => {
    for (const listener of listeners.get(event) ?? []) listener();
  };
  const listenerCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);
  return { power, state, emit, listenerCount };
}

describe('feedMachineSignals', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends idle time and battery state at once, then every poll', () => {
    const { power, state } = fakePowerMonitor();
    const updates: Partial<HostSignals>[] = [];
    let clock = 1_000;
    const stop = feedMachineSignals(power, (s) => updates.push(s), {
      now: () => clock,
      pollMs: 5_000,
    });

    expect(updates).toEqual([{ now: 1_000, idleSeconds: 0, onBattery: false }]);
    state.idle = 42;
    clock = 6_000;
    vi.advanceTimersByTime(5_000);
    expect(updates.at(-1)).toEqual({ now: 6_000, idleSeconds: 42, onBattery: false });
    stop();
  });

  it('reports unplugging immediately, without waiting for the next poll', () => {
    const { power, state, emit } = fakePowerMonitor();
    const updates: Partial<HostSignals>[] = [];
    const afterUpdate = vi.fn();
    const stop = feedMachineSignals(power, (s) => updates.push(s), { afterUpdate });

    state.battery = true;
    emit('on-battery');

    expect(updates).toHaveLength(2);
    expect(updates[1]?.onBattery).toBe(true);
    expect(afterUpdate).toHaveBeenCalledTimes(2);
    stop();
  });

  it('stops polling and listening when stopped', () => {
    const { power, emit, listenerCount } = fakePowerMonitor();
    const update = vi.fn();
    const stop = feedMachineSignals(power, update);

    stop();
    vi.advanceTimersByTime(60_000);
    emit('on-ac');

    expect(update).toHaveBeenCalledTimes(1);
    expect(listenerCount()).toBe(0);
  });
});

describe('KeepAwake', () => {
  function setup() {
    let wanted = false;
    const blocker = { start: vi.fn(() => 7), stop: vi.fn() };
    const keepAwake = new KeepAwake(blocker, () => wanted);
    return { blocker, keepAwake, want: (w: boolean) => (wanted = w) };
  }

  it('holds one app-suspension blocker while the core wants the machine awake', () => {
    const { blocker, keepAwake, want } = setup();
    want(true);
    keepAwake.sync();
    keepAwake.sync();

    expect(blocker.start).toHaveBeenCalledTimes(1);
    expect(blocker.start).toHaveBeenCalledWith('prevent-app-suspension');
  });

  it('lets the machine sleep again when the core no longer wants it awake', () => {
    const { blocker, keepAwake, want } = setup();
    want(true);
    keepAwake.sync();
    want(false);
    keepAwake.sync();
    keepAwake.sync();

    expect(blocker.stop).toHaveBeenCalledTimes(1);
    expect(blocker.stop).toHaveBeenCalledWith(7);
  });

  it('starts nothing while not wanted, and releases on quit', () => {
    const { blocker, keepAwake, want } = setup();
    keepAwake.sync();
    expect(blocker.start).not.toHaveBeenCalled();
    want(true);
    keepAwake.sync();
    keepAwake.release();
    expect(blocker.stop).toHaveBeenCalledWith(7);
  });
});
