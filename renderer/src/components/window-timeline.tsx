import type { NodeStatus } from '../../../electron/contract/node';
import { formatDuration } from '../format';
import { strings } from '../i18n';
import './window-timeline.css';
import { useNow } from './use-now';

type WindowClock = NonNullable<NodeStatus['windowClock']>;
type Phase = NodeStatus['phase'];

/** The phases of a window in the order a miner goes through them. */
export const WINDOW_PHASES = ['sync', 'train', 'upload', 'gather', 'apply'] as const;

export interface WindowPosition {
  /** The block the chain is at by now, estimated from the last known block and the block time. */
  block: number;
  /** How far through the window, 0..1. */
  fraction: number;
  uploadDeadlineFraction: number;
  msToUploadDeadline: number;
  msToEnd: number;
}

/**
 * Where the window stands at `now`. Status pushes come at phase changes, not every block, so the
 * clock runs on locally from the last known block and its wall-clock time.
 */
export function windowPosition(clock: WindowClock, now: number): WindowPosition {
  const span = Math.max(1, clock.endBlock - clock.startBlock);
  const elapsedBlocks = Math.max(0, now - clock.blockAt) / clock.blockMs;
  const block = Math.min(clock.endBlock, clock.block + elapsedBlocks);
  const timeOf = (target: number) => clock.blockAt + (target - clock.block) * clock.blockMs;
  return {
    block: Math.floor(block),
    fraction: Math.min(1, Math.max(0, (block - clock.startBlock) / span)),
    uploadDeadlineFraction: (clock.uploadDeadlineBlock - clock.startBlock) / span,
    msToUploadDeadline: timeOf(clock.uploadDeadlineBlock) - now,
    msToEnd: timeOf(clock.endBlock) - now,
  };
}

const text = strings.dashboard.window;

function PhaseSteps({ phase }: { phase: Phase }) {
  const current = WINDOW_PHASES.indexOf(phase as (typeof WINDOW_PHASES)[number]);
  return (
    <ol className="window-timeline__phases">
      {WINDOW_PHASES.map((name, index) => {
        const stage = current < 0 || index > current ? 'next' : index < current ? 'done' : 'now';
        return (
          <li
            key={name}
            className={`window-timeline__phase window-timeline__phase--${stage}`}
            aria-current={stage === 'now' ? 'step' : undefined}
          >
            <span aria-hidden="true">{stage === 'done' ? '✓' : stage === 'now' ? '●' : '○'}</span>{' '}
            {text.phases[name]} <span className="window-timeline__stage">({text[stage]})</span>
          </li>
        );
      })}
    </ol>
  );
}

const eta = (ms: number) => (ms > 0 ? text.inTime(formatDuration(ms)) : text.passed);

/** The current window as a bar through its blocks, its phases, and how long until what. */
export function WindowTimeline({ clock, phase }: { clock: WindowClock | null; phase: Phase }) {
  const now = useNow();
  if (!clock) return <p>{text.waiting}</p>;
  const position = windowPosition(clock, now);
  const percent = Math.round(position.fraction * 100);
  return (
    <div className="window-timeline">
      <PhaseSteps phase={phase} />
      <p className="window-timeline__hint">{text.phaseHint[phase]}</p>
      <div
        className="window-timeline__bar"
        role="progressbar"
        aria-label={text.number(clock.window)}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text.progress(position.block, clock.startBlock, clock.endBlock)}
      >
        <div className="window-timeline__done" style={{ width: `${percent}%` }} />
        <div
          className="window-timeline__deadline"
          style={{ left: `${position.uploadDeadlineFraction * 100}%` }}
        />
      </div>
      <dl className="window-timeline__etas">
        <div>
          <dt>{text.uploadDeadline}</dt>
          <dd>{eta(position.msToUploadDeadline)}</dd>
        </div>
        <div>
          <dt>{text.windowEnds}</dt>
          <dd>{eta(position.msToEnd)}</dd>
        </div>
      </dl>
    </div>
  );
}
