/**
 * The contract's node status, folded from miner events. Kept apart from the service so the fold
 * is a plain function of events.
 */
import type { LossPoint, NodeStatus, PauseReason } from '../../contract/node';
import type { Settings } from '../../contract/settings';
import type { RunParams } from '../../protocol/windows';
import { gatherStartBlock, uploadDeadlineBlock } from '../../protocol/windows';
import type { MinerEvent } from '../miner/status';

export function initialNodeStatus(network: { kind: string; name: string }): NodeStatus {
  return {
    state: 'stopped',
    pauseReasons: [],
    error: null,
    restart: null,
    network,
    hotkeyAddress: null,
    uid: null,
    provider: null,
    model: null,
    runId: null,
    window: null,
    phase: 'idle',
    windowClock: null,
    step: 0,
    innerSteps: 0,
    loss: null,
    heldOutLoss: null,
    tokensPerSec: null,
    windowsTrained: 0,
    bytesUp: 0,
    bytesDown: 0,
    earnedToday: '0',
    earnedTotal: '0',
    // Bittensor subnets pay in their own alpha token; the devnet in TAO.
    earningsUnit: network.kind === 'bittensor' ? 'alpha' : 'tao',
    incentive: null,
    startedAutomatically: false,
    startingAt: null,
  };
}

/** Applies one miner event; returns a loss point when the event is a training step. */
export function foldMinerEvent(
  status: NodeStatus,
  e: MinerEvent,
  now: number,
): LossPoint | undefined {
  switch (e.type) {
    case 'ready':
      status.hotkeyAddress = e.hotkey;
      status.uid = e.uid;
      status.provider = e.provider;
      status.model = e.model;
      status.runId = e.runId;
      if (status.state === 'starting')
        status.state = status.pauseReasons.length ? 'paused' : 'training';
      return undefined;
    case 'phase':
      status.window = e.window;
      status.phase = e.phase;
      return undefined;
    case 'step':
      status.step = e.step;
      status.innerSteps = e.innerSteps;
      status.loss = e.loss;
      status.tokensPerSec = e.tokensPerSec;
      status.restart = null;
      return {
        window: e.window,
        step: e.step,
        loss: e.loss,
        tokensPerSec: e.tokensPerSec,
        at: now,
      };
    case 'trained':
      status.windowsTrained++;
      return undefined;
    case 'uploaded':
      status.bytesUp += e.bytes;
      return undefined;
    case 'gathered':
      status.bytesDown += e.bytes;
      return undefined;
    case 'heldOut':
      status.heldOutLoss = e.loss;
      return undefined;
    case 'reward':
      status.incentive = e.incentive;
      return undefined;
    case 'problem':
      if (e.kind === 'trainer-crashed')
        status.restart = {
          reason: e.message,
          attempt: (status.restart?.attempt ?? 0) + 1,
          at: now,
        };
      return undefined;
    default:
      return undefined;
  }
}

/** The window's clock from the chain head, for the dashboard's timeline and ETAs. */
export function windowClock(
  run: RunParams,
  head: { block: number; timestamp: number },
  blockMs: number,
): NodeStatus['windowClock'] {
  const window = Math.floor(head.block / run.blocksPerWindow);
  return {
    window,
    block: head.block,
    startBlock: window * run.blocksPerWindow,
    uploadDeadlineBlock: uploadDeadlineBlock(window, run),
    endBlock: gatherStartBlock(window, run),
    blockMs,
    blockAt: head.timestamp,
  };
}

/** The state a held node shows: paused with its reasons, or back to training. */
export function applyHold(status: NodeStatus, reasons: PauseReason[]): void {
  status.pauseReasons = reasons;
  if (status.state === 'training' && reasons.length) status.state = 'paused';
  else if (status.state === 'paused' && !reasons.length) status.state = 'training';
}

/** The network the settings name, as the status and the network screen show it. */
export function describeNetwork(settings: Settings): { kind: string; name: string } {
  const n = settings.network;
  if (n.kind === 'devnet') return { kind: 'devnet', name: 'Embedded devnet' };
  if (n.kind === 'remote-devnet') return { kind: 'remote-devnet', name: `Devnet at ${n.url}` };
  return { kind: 'bittensor', name: `Bittensor ${n.network}, subnet ${n.netuid}` };
}
