import { useId } from 'react';
import { useStore } from 'zustand';
import type { DoctorReport } from '../../../../electron/contract/diagnostics';
import type { Settings } from '../../../../electron/contract/settings';
import { Busy } from '../../components/busy';
import { DoctorSummary } from '../../components/doctor-summary';
import { ProblemNotice } from '../../components/problem-notice';
import { formatBytes } from '../../format';
import { strings } from '../../i18n';
import type { LogsStore } from '../../stores/logs';

const text = strings.logs.doctor;

/** The last hardware check in full: system, graphics cards, providers. */
export function DoctorPanel({
  store,
  preference,
}: {
  store: LogsStore;
  preference: Settings['provider'] | undefined;
}) {
  const id = useId();
  const { doctor, doctorStatus, doctorProblem, runDoctor } = useStore(store);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      {doctorStatus === 'loading' && (
        <Busy
          label={strings.onboarding.hardware.busy}
          detail={strings.onboarding.hardware.busyDetail}
        />
      )}
      {doctorProblem && <ProblemNotice problem={doctorProblem} onRetry={runDoctor} />}
      {doctor && doctorStatus !== 'loading' && (
        <>
          <SystemFacts report={doctor} />
          <DoctorSummary report={doctor} preference={preference} />
        </>
      )}
      {doctorStatus !== 'loading' && (
        <button type="button" onClick={runDoctor}>
          {doctor ? text.again : text.run}
        </button>
      )}
    </section>
  );
}

function SystemFacts({ report }: { report: DoctorReport }) {
  return (
    <dl>
      <dt>{text.system}</dt>
      <dd>{text.os(report.os.name, report.os.release, report.os.arch)}</dd>
      <dt>{text.processor}</dt>
      <dd>{text.cpu(report.cpu.model, report.cpu.cores)}</dd>
      <dt>{text.ram}</dt>
      <dd>
        {text.memory(formatBytes(report.ram.availableBytes), formatBytes(report.ram.totalBytes))}
      </dd>
      <dt>{text.storage}</dt>
      <dd>
        {'reason' in report.disk
          ? report.disk.reason
          : text.disk(formatBytes(report.disk.freeBytes), formatBytes(report.disk.totalBytes))}
      </dd>
      <dt>{text.gpus}</dt>
      {report.gpus.length === 0 && <dd>{text.noGpu}</dd>}
      {report.gpus.map((gpu) => (
        <dd key={gpu.name}>
          {gpu.name}
          {gpu.memoryMiB !== undefined &&
            `, ${text.gpuMemory(formatBytes(gpu.memoryMiB * 2 ** 20))}`}
          {gpu.driver && ` (${gpu.driver})`}
        </dd>
      ))}
    </dl>
  );
}
