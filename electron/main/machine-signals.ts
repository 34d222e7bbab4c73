import type { HostSignals } from '../core/policy/signals';

/**
 * Feeds the courtesy policy what Electron knows about the machine: seconds since the last input
 * (polled, since there is no event for it) and whether it runs on battery (polled and on each
 * power event, so unplugging pauses training at once). GPU temperature and running programs come
 * from the core's own telemetry, not from here.
 */

/** The parts of Electron's powerMonitor this module uses. */
export interface PowerMonitorLike {
  getSystemIdleTime(): number;
  isOnBatteryPower(): boolean;
  on(event: PowerEvent, listener: () => void): unknown;
  removeListener(event: PowerEvent, listener: () => void): unknown;
}

type PowerEvent = 'on-battery' | 'on-ac' | 'resume' | 'unlock-screen';

/** Salad polls idle time every second, Folding@home every two; five is plenty for minute-long thresholds. */
export const SIGNAL_POLL_MS = 5_000;

export interface SignalFeedOptions {
  /** Called after every update, so the host can refresh what depends on the policy (keep-awake, tray). */
  afterUpdate?: () => void;
  now?: () => number;
  pollMs?: number;
}

/** Starts feeding `update`; returns the function that stops it. */
export function feedMachineSignals(
  power: PowerMonitorLike,
  update: (signals: Partial<HostSignals>) => void,
  { afterUpdate, now = Date.now, pollMs = SIGNAL_POLL_MS }: SignalFeedOptions = {},
): () => void {
  const send = () => {
    update({
      now: now(),
      idleSeconds: power.getSystemIdleTime(),
      onBattery: power.isOnBatteryPower(),
    });
    afterUpdate?.();
  };
  const events: PowerEvent[] = ['on-battery', 'on-ac', 'resume', 'unlock-screen'];
  for (const event of events) power.on(event, send);
  const timer = setInterval(send, pollMs);
  send();
  return () => {
    clearInterval(timer);
    for (const event of events) power.removeListener(event, send);
  };
}
