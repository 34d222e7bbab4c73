import type { PauseReason } from '../../../../electron/contract/node';
import { formatTimeOfDay } from '../../format';
import { strings } from '../../i18n';

const text = strings.dashboard;

/** Why training is on hold: each reason as an icon, its kind in words, and the core's sentence. */
export function PauseReasons({ reasons }: { reasons: PauseReason[] }) {
  if (reasons.length === 0) return null;
  return (
    <section className="dashboard-card pause-reasons" aria-labelledby="pause-reasons">
      <h2 id="pause-reasons">{text.pausedBecause}</h2>
      <ul>
        {reasons.map((reason) => (
          <li key={`${reason.kind}:${reason.message}`}>
            <span className="pause-reasons__icon" aria-hidden="true">
              {text.pauseKind[reason.kind].icon}
            </span>{' '}
            <strong>{text.pauseKind[reason.kind].label}</strong>: {reason.message}
            {reason.until !== undefined && ` (${text.pausedUntil(formatTimeOfDay(reason.until))})`}
          </li>
        ))}
      </ul>
    </section>
  );
}
