import type { NodeStatus } from '../../../../electron/contract/node';
import { useNow } from '../../components/use-now';
import { formatDuration } from '../../format';
import { strings } from '../../i18n';
import type { NodeStore } from '../../stores/node';

const text = strings.dashboard;

/** The idle rule is about to start training: say when, and let the user say no. */
function StartingSoon({ at, store }: { at: number; store: NodeStore }) {
  const now = useNow();
  return (
    <div className="dashboard-notice" role="status">
      <p>
        <strong>{text.startingIn(formatDuration(at - now))}</strong> {text.startingInHint}
      </p>
      <button type="button" onClick={() => store.getState().pause()}>
        {text.cancelStart}
      </button>
    </div>
  );
}

/** What the user should know right now: an automatic start, a trainer restart, a stopping error. */
export function NodeNotices({ status, store }: { status: NodeStatus; store: NodeStore }) {
  return (
    <>
      {status.startingAt !== null && <StartingSoon at={status.startingAt} store={store} />}
      {status.restart && (
        <p className="dashboard-notice" role="status">
          {text.restart(status.restart.reason, status.restart.attempt)}
        </p>
      )}
      {status.error && (
        <div className="dashboard-notice dashboard-notice--error" role="alert">
          <p>
            <strong>{text.errorTitle}</strong>: {status.error.message}
          </p>
          <p>{text.errorWhatToDo}</p>
        </div>
      )}
    </>
  );
}
