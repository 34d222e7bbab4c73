/** Logs and diagnostics: what the app has been doing, the hardware, and a text for bug reports. */
import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import { strings } from '../../i18n';
import type { LogsStore } from '../../stores/logs';
import type { SettingsStore } from '../../stores/settings';
import { DiagnosticsPanel } from './diagnostics-panel';
import { DoctorPanel } from './doctor-panel';
import { LogLines } from './log-lines';

export function LogsScreen({ logs, settings }: { logs: LogsStore; settings: SettingsStore }) {
  const id = useId();
  const preference = useStore(settings, (s) => s.settings?.provider);
  useEffect(() => {
    const state = logs.getState();
    state.load();
    if (state.doctorStatus === 'idle') state.runDoctor();
  }, [logs]);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{strings.logs.title}</h2>
      <DiagnosticsPanel store={logs} />
      <LogLines store={logs} />
      <DoctorPanel store={logs} preference={preference} />
    </section>
  );
}
