import { type ReactNode, useEffect } from 'react';
import { useStore } from 'zustand';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { WindowTimeline } from '../../components/window-timeline';
import { strings } from '../../i18n';
import { type NodeStore, nodeStore } from '../../stores/node';
import { type TelemetryStore, telemetryStore } from '../../stores/telemetry';
import './dashboard.css';
import { GpuGauges } from './gpu-gauges';
import { LossPanel } from './loss-panel';
import { NodeControl } from './node-control';
import { NodeNotices } from './node-notices';
import { PauseReasons } from './pause-reasons';
import { TodayPanel } from './today-panel';

const text = strings.dashboard;

export interface DashboardScreenProps {
  node?: NodeStore;
  telemetry?: TelemetryStore;
}

/** The miner at a glance: its state and control, the window, the loss, the GPU, today. */
export function DashboardScreen({
  node = nodeStore(),
  telemetry = telemetryStore(),
}: DashboardScreenProps) {
  const status = useStore(node, (s) => s.status);
  const loadError = useStore(node, (s) => s.loadError);
  useEffect(() => {
    void node.getState().load();
    void telemetry.getState().load();
  }, [node, telemetry]);

  let body: ReactNode;
  if (status) {
    body = (
      <>
        <NodeNotices status={status} store={node} />
        <NodeControl status={status} store={node} />
        <PauseReasons reasons={status.pauseReasons} />
        <section className="dashboard-card" aria-labelledby="window-title">
          <h2 id="window-title">
            {text.window.title}
            {status.windowClock && `: ${text.window.number(status.windowClock.window)}`}
          </h2>
          <WindowTimeline clock={status.windowClock} phase={status.phase} />
        </section>
        <LossPanel store={node} tokensPerSec={status.tokensPerSec} />
        <GpuGauges store={telemetry} />
        <TodayPanel status={status} />
      </>
    );
  } else if (loadError) {
    body = (
      <>
        <p>{text.loadFailed}</p>
        <ProblemNotice problem={loadError} onRetry={() => node.getState().load()} />
      </>
    );
  } else {
    body = <Busy label={strings.common.loading} />;
  }
  return (
    <main className="dashboard" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{text.title}</h1>
      {body}
    </main>
  );
}
