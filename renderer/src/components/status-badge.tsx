import './status-badge.css';

export type StatusTone = 'good' | 'busy' | 'warn' | 'bad' | 'neutral';

/** Each tone has its own shape too, so the state reads without telling colours apart. */
const SHAPE: Record<StatusTone, string> = {
  good: '●',
  busy: '◐',
  warn: '▲',
  bad: '■',
  neutral: '○',
};

/** A state in words, with a coloured shape beside them. */
export function StatusBadge({ tone, label }: { tone: StatusTone; label: string }) {
  return (
    <span className={`status-badge status-badge--${tone}`}>
      <span className="status-badge__shape" aria-hidden="true">
        {SHAPE[tone]}
      </span>
      {label}
    </span>
  );
}
