import { useStore } from 'zustand';
import type { NodeStatus } from '../../../../electron/contract/node';
import { StatusBadge, type StatusTone } from '../../components/status-badge';
import { strings } from '../../i18n';
import type { NodeStore } from '../../stores/node';

const text = strings.dashboard;

export const STATE_TONE: Record<NodeStatus['state'], StatusTone> = {
  stopped: 'neutral',
  starting: 'busy',
  training: 'good',
  paused: 'warn',
  error: 'bad',
};

/** Which control a state offers: a pause the user made is lifted with Resume, others with Pause. */
export function controlFor(status: NodeStatus): 'start' | 'pause' | 'resume' {
  if (status.state === 'stopped' || status.state === 'error') return 'start';
  if (status.state === 'paused' && status.pauseReasons.some((r) => r.kind === 'user'))
    return 'resume';
  return 'pause';
}

/** The miner's state in words and colour, and the one button that changes it. */
export function NodeControl({ store, status }: { store: NodeStore; status: NodeStatus }) {
  const pending = useStore(store, (s) => s.pending);
  const actionError = useStore(store, (s) => s.actionError);
  const { start, pause, resume } = store.getState();
  const control = controlFor(status);
  return (
    <section className="dashboard-card node-control" aria-labelledby="node-state">
      <h2 id="node-state">
        <StatusBadge tone={STATE_TONE[status.state]} label={text.state[status.state]} />
      </h2>
      <p>{text.stateHint[status.state]}</p>
      <div className="node-control__buttons">
        {control === 'start' && (
          <button type="button" className="primary" disabled={pending !== null} onClick={start}>
            {pending === 'start'
              ? text.control.starting
              : status.state === 'error'
                ? text.control.startAgain
                : text.control.start}
          </button>
        )}
        {control === 'resume' && (
          <button type="button" className="primary" disabled={pending !== null} onClick={resume}>
            {pending === 'resume' ? text.control.resuming : text.control.resume}
          </button>
        )}
        {control === 'pause' && (
          <>
            <button
              type="button"
              className="primary"
              disabled={pending !== null}
              onClick={() => pause()}
            >
              {pending === 'pause' ? text.control.pausing : text.control.pause}
            </button>
            <button type="button" disabled={pending !== null} onClick={() => pause(60)}>
              {text.control.pauseForHour}
            </button>
          </>
        )}
      </div>
      {actionError && <p role="alert">{text.control.failed(actionError.message)}</p>}
    </section>
  );
}
