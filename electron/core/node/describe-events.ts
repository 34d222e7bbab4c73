/**
 * Miner and validator events in words: the lines the log (and so the logs screen and
 * `tessera start`) shows. Undefined for events too frequent or too minor to be worth a line.
 */

import type { EarningsUnit } from '../../contract/node';
import type { MinerEvent } from '../miner/status';
import { formatAmount } from '../network/chain';
import type { ValidatorEvent } from '../validator/validator';

/** `unit`: what the network pays in (rewards on Bittensor are in the subnet's alpha). */
export function describeMinerEvent(e: MinerEvent, unit: EarningsUnit = 'tao'): string | undefined {
  switch (e.type) {
    case 'ready':
      return `${e.hotkey} is uid ${e.uid}, training ${e.model} on ${e.provider} (run ${e.runId})`;
    case 'trained':
      return `window ${e.window}: trained, loss ${e.startLoss.toFixed(3)} -> ${e.finalLoss.toFixed(3)}, ${Math.round(e.tokensPerSec)} tokens/s`;
    case 'uploaded':
      return `window ${e.window}: uploaded ${(e.bytes / 1024).toFixed(0)} KiB${e.onTime ? '' : ' (late)'}`;
    case 'gathered':
      return `window ${e.window}: gathered ${e.peers} of ${e.asked} peers (${e.missing} missing, ${e.late} late, ${e.invalid} invalid)`;
    case 'heldOut':
      return `window ${e.window}: held-out loss ${e.loss.toFixed(3)}`;
    case 'reward':
      return e.earned === '0'
        ? undefined
        : `window ${e.window}: earned ${formatAmount(BigInt(e.earned), unit)} so far (incentive ${(e.incentive * 100).toFixed(1)}%)`;
    case 'synced':
      return e.via === 'checkpoint'
        ? `caught up from the validator's checkpoint of window ${e.window}`
        : undefined;
    case 'problem':
      return `${e.kind}: ${e.message}`;
    default:
      return undefined;
  }
}

export function describeValidatorEvent(e: ValidatorEvent): string | undefined {
  switch (e.type) {
    case 'ready':
      return `${e.hotkey} is uid ${e.uid}, leading run ${e.runId} on ${e.provider}`;
    case 'judged':
      return (
        `window ${e.window}: uid ${e.uid} ${e.outcome}` +
        (e.gradientScore !== undefined
          ? ` improvement ${(e.gradientScore * 100).toFixed(3)}%`
          : '') +
        (e.reason ? ` (${e.reason})` : '') +
        ` score ${e.finalScore.toExponential(2)}`
      );
    case 'weights':
      return `window ${e.window}: weights ${e.weights.map((w) => `uid ${w.uid}=${w.weight.toExponential(2)}`).join(', ')}`;
    case 'problem':
      return e.kind === 'waiting' ? undefined : `${e.kind}: ${e.message}`;
    default:
      return undefined;
  }
}
