/**
 * The miner's status stream: typed events the UI and the CLI render. Amounts are decimal strings
 * of rao so they survive JSON and IPC (bigint does not).
 */
export type MinerPhase = 'sync' | 'train' | 'upload' | 'gather' | 'apply' | 'idle';

export type MinerEvent =
  | { type: 'ready'; hotkey: string; uid: number; provider: string; runId: string; model: string }
  | { type: 'phase'; window: number; phase: MinerPhase; reason?: string }
  | {
      type: 'step';
      window: number;
      step: number;
      innerSteps: number;
      loss: number;
      tokensPerSec: number;
    }
  | { type: 'trained'; window: number; startLoss: number; finalLoss: number; tokensPerSec: number }
  | { type: 'uploaded'; window: number; bytes: number; onTime: boolean }
  | {
      type: 'gathered';
      window: number;
      peers: number;
      asked: number;
      missing: number;
      late: number;
      invalid: number;
      bytes: number;
    }
  | { type: 'synced'; window: number; via: 'start' | 'aggregate' | 'checkpoint'; hash: string }
  | { type: 'heldOut'; window: number; loss: number }
  | { type: 'reward'; window: number; balance: string; earned: string; incentive: number }
  | { type: 'problem'; window?: number; kind: string; message: string };

/** The latest of everything, for a UI that renders a snapshot rather than a log. */
export interface MinerStatus {
  window: number | undefined;
  phase: MinerPhase;
  idleReason: string | undefined;
  step: number;
  loss: number | undefined;
  tokensPerSec: number | undefined;
  bytesUp: number;
  bytesDown: number;
  peersGathered: number;
  /** Incentive share at the last tempo, 0..1: the chain's verdict on our updates. */
  lastScore: number | undefined;
  /** Earned since this miner started, rao. */
  earned: bigint;
  windowsTrained: number;
  heldOutLoss: number | undefined;
}

export function initialStatus(): MinerStatus {
  return {
    window: undefined,
    phase: 'idle',
    idleReason: 'starting',
    step: 0,
    loss: undefined,
    tokensPerSec: undefined,
    bytesUp: 0,
    bytesDown: 0,
    peersGathered: 0,
    lastScore: undefined,
    earned: 0n,
    windowsTrained: 0,
    heldOutLoss: undefined,
  };
}

/** Folds one event into the snapshot. */
export function applyEvent(status: MinerStatus, event: MinerEvent): void {
  switch (event.type) {
    case 'phase':
      status.window = event.window;
      status.phase = event.phase;
      status.idleReason = event.phase === 'idle' ? event.reason : undefined;
      break;
    case 'step':
      status.step = event.step;
      status.loss = event.loss;
      status.tokensPerSec = event.tokensPerSec;
      break;
    case 'trained':
      status.windowsTrained++;
      break;
    case 'uploaded':
      status.bytesUp += event.bytes;
      break;
    case 'gathered':
      status.bytesDown += event.bytes;
      status.peersGathered = event.peers;
      break;
    case 'heldOut':
      status.heldOutLoss = event.loss;
      break;
    case 'reward':
      status.earned = BigInt(event.earned);
      status.lastScore = event.incentive;
      break;
    default:
      break;
  }
}
