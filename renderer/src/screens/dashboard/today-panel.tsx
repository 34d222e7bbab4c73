import type { NodeStatus } from '../../../../electron/contract/node';
import { formatAmount, formatBytes, formatCount } from '../../format';
import { strings } from '../../i18n';

const text = strings.dashboard.today;

/** What this machine contributed since midnight. */
export function TodayPanel({ status }: { status: NodeStatus }) {
  return (
    <section className="dashboard-card today-panel" aria-labelledby="today-title">
      <h2 id="today-title">{text.title}</h2>
      <dl>
        <div>
          <dt>{text.earned}</dt>
          <dd>{formatAmount(status.earnedToday, status.earningsUnit)}</dd>
        </div>
        <div>
          <dt>{text.windows}</dt>
          <dd>{formatCount(status.windowsTrained)}</dd>
        </div>
        <div>
          <dt>{text.uploaded}</dt>
          <dd>{formatBytes(status.bytesUp)}</dd>
        </div>
      </dl>
    </section>
  );
}
