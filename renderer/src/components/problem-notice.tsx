import { formatDuration } from '../format';
import { strings } from '../i18n';
import type { Problem } from '../stores/app';

/** A failure as the person reads it: the core's sentence, then what they can do about it. */
export function ProblemNotice({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const hint =
    problem.kind === 'throttled' && problem.retryAfterMs !== undefined
      ? strings.errors.throttled(formatDuration(problem.retryAfterMs))
      : strings.errors.hint(problem.kind);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-message">{problem.message}</p>
      <p className="notice-hint">{hint}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {strings.common.retry}
        </button>
      )}
    </div>
  );
}
