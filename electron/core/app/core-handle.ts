import type { ContractService } from '../../contract';
import type { Settings } from '../../contract/settings';
import type { HostSignals } from '../policy/signals';

/** What the tray shows: one of four states, plus stopped before the user first presses Start. */
export type TrayState = 'training' | 'paused' | 'idle-waiting' | 'error' | 'stopped';

/**
 * The running core as a host holds it: the contract for the UI, plus what only a host can do —
 * feed machine signals, read the tray state and settings it applies (start at login, keep awake),
 * and shut everything down.
 */
export interface CoreHandle extends ContractService {
  updateSignals(signals: Partial<HostSignals>): void;
  trayState(): TrayState;
  settings(): Settings;
  /** Whether the courtesy policy wants the system kept awake right now. */
  wantsKeepAwake(): boolean;
  close(): Promise<void>;
}
