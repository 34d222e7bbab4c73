import type { ContractEvent } from '../contract';
import type { EarningsUnit } from '../contract/node';
import { RAO_PER_TAO } from '../core/network/chain';

/**
 * Which core events become desktop notifications. Only while the window is out of sight (the
 * page shows the same news itself), only problems that need the user, and rewards summed into
 * at most one notice per `REWARD_NOTICE_INTERVAL_MS`, since the embedded devnet pays every few
 * minutes and a notification each time would be noise.
 */

export interface Notice {
  title: string;
  body: string;
}

export const REWARD_NOTICE_INTERVAL_MS = 60 * 60 * 1000;

export class NotificationPolicy {
  private pendingRao = 0n;
  private pendingWindows = 0;
  private pendingUnit: EarningsUnit = 'tao';
  private lastRewardNoticeAt = Number.NEGATIVE_INFINITY;

  /** The notice to show for `event` at `now`, if any. */
  noticeFor(event: ContractEvent, windowVisible: boolean, now: number): Notice | undefined {
    if (event.event === 'node.problem') {
      if (!event.payload.needsUser || windowVisible) return undefined;
      return { title: 'Tessera needs your attention', body: event.payload.message };
    }
    if (event.event === 'node.reward') {
      if (windowVisible) return undefined;
      // Amounts in another unit (the network changed) are not added to these.
      if (event.payload.unit !== this.pendingUnit) {
        this.pendingRao = 0n;
        this.pendingWindows = 0;
        this.pendingUnit = event.payload.unit;
      }
      this.pendingRao += BigInt(event.payload.amount);
      this.pendingWindows += 1;
      if (this.pendingRao === 0n || now - this.lastRewardNoticeAt < REWARD_NOTICE_INTERVAL_MS)
        return undefined;
      const notice = {
        title: `Tessera earned ${formatEarned(this.pendingRao, this.pendingUnit)}`,
        body:
          this.pendingWindows === 1
            ? 'Your GPU’s update was rewarded.'
            : `Rewards for ${this.pendingWindows} of your updates.`,
      };
      this.pendingRao = 0n;
      this.pendingWindows = 0;
      this.lastRewardNoticeAt = now;
      return notice;
    }
    return undefined;
  }
}

/**
 * Exact, through bigint: at most four decimals, never rounded up to more than was earned. In TAO
 * on the devnet, in the subnet's alpha (α) on Bittensor.
 */
export function formatEarned(rao: bigint, unit: EarningsUnit = 'tao'): string {
  const symbol = unit === 'alpha' ? 'α' : 'TAO';
  const whole = rao / RAO_PER_TAO;
  const fraction = (rao % RAO_PER_TAO).toString().padStart(9, '0').slice(0, 4).replace(/0+$/, '');
  if (whole === 0n && fraction === '') return `< 0.0001 ${symbol}`;
  return `${whole}${fraction ? `.${fraction}` : ''} ${symbol}`;
}
