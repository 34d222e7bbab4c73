import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Busy } from '../../components/busy';
import { DoctorSummary } from '../../components/doctor-summary';
import { FocusHeading } from '../../components/focus-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { strings } from '../../i18n';
import type { LogsStore } from '../../stores/logs';

const text = strings.onboarding.hardware;

/** Runs the hardware check and says what training will use and how fast it will be. */
export function HardwareStep({ logs, onDone }: { logs: LogsStore; onDone: () => void }) {
  const { doctor, doctorStatus, doctorProblem, runDoctor } = useStore(logs);
  useEffect(() => {
    if (logs.getState().doctorStatus === 'idle') runDoctor();
  }, [logs, runDoctor]);

  return (
    <section>
      <FocusHeading>{text.title}</FocusHeading>
      {doctorStatus === 'loading' && <Busy label={text.busy} detail={text.busyDetail} />}
      {doctorStatus === 'error' && doctorProblem && (
        <ProblemNotice problem={doctorProblem} onRetry={runDoctor} />
      )}
      {doctorStatus === 'ready' && doctor && <DoctorSummary report={doctor} />}
      <div className="actions">
        {doctorStatus === 'ready' && (
          <button type="button" onClick={runDoctor}>
            {text.again}
          </button>
        )}
        <button
          type="button"
          className="primary"
          disabled={doctorStatus !== 'ready'}
          onClick={onDone}
        >
          {strings.onboarding.next}
        </button>
      </div>
    </section>
  );
}
