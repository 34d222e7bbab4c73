import type { NetworkHealth } from '../../../../electron/contract/network';
import { StatusBadge } from '../../components/status-badge';
import { formatCount, formatPercent, withUnit } from '../../format';
import { strings } from '../../i18n';

const text = strings.network;

/** Window `w` is blocks [w × blocksPerWindow, (w + 1) × blocksPerWindow), as the protocol says. */
export function windowProgress(health: NetworkHealth): { done: number; total: number } | null {
  if (health.block === null || health.window === null || health.blocksPerWindow === null)
    return null;
  const total = health.blocksPerWindow;
  const done = Math.min(total, Math.max(0, health.block - health.window * total));
  return { done, total };
}

function WindowClock({ health }: { health: NetworkHealth }) {
  const progress = windowProgress(health);
  if (!progress || health.window === null) return <p>{text.windowUnknown}</p>;
  const words = text.windowProgress(progress.done, progress.total);
  return (
    <div className="network-window">
      <label htmlFor="network-window-progress">
        {text.window(health.window)}: {words}
      </label>
      <progress
        id="network-window-progress"
        max={progress.total}
        value={progress.done}
        aria-valuetext={words}
      />
    </div>
  );
}

/** Whether the network answers, where its clock is, and how this miner fares on it. */
export function HealthPanel({ health }: { health: NetworkHealth }) {
  const weightsAge =
    health.lastWeightsBlock === null || health.block === null
      ? text.never
      : text.blocksAgo(Math.max(0, health.block - health.lastWeightsBlock));
  return (
    <section className="network-card" aria-labelledby="network-health">
      <h2 id="network-health">
        {health.name} <small className="muted">({text.kind[health.kind]})</small>
      </h2>
      <p>
        <StatusBadge
          tone={health.connected ? 'good' : 'bad'}
          label={health.connected ? text.connected : text.disconnected}
        />
        {health.problem && <span className="network-problem"> {health.problem}</span>}
      </p>
      <WindowClock health={health} />
      <dl className="network-facts">
        <div>
          <dt>{text.block}</dt>
          <dd>{health.block === null ? strings.common.notAvailable : formatCount(health.block)}</dd>
        </div>
        <div>
          <dt>{text.miners}</dt>
          <dd>{formatCount(health.miners)}</dd>
        </div>
        <div>
          <dt>{text.validators}</dt>
          <dd>{formatCount(health.validators)}</dd>
        </div>
        <div>
          <dt>{text.lastWeights}</dt>
          <dd>{weightsAge}</dd>
        </div>
        <div>
          <dt>{text.storageLatency}</dt>
          <dd>
            {health.storageLatencyMs === null
              ? strings.common.notAvailable
              : withUnit(health.storageLatencyMs, 'ms')}
          </dd>
        </div>
        <div>
          <dt>{text.gatherRate}</dt>
          <dd>
            {health.gatherSuccessRate === null
              ? strings.common.notAvailable
              : formatPercent(health.gatherSuccessRate, 0)}
          </dd>
        </div>
        <div>
          <dt>{text.checkpoint}</dt>
          <dd>
            {health.latestCheckpoint
              ? text.checkpointWindow(health.latestCheckpoint.window)
              : text.none}
          </dd>
        </div>
      </dl>
    </section>
  );
}
