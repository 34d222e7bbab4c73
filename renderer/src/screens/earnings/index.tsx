import { type ReactNode, useEffect } from 'react';
import { useStore } from 'zustand';
import type { EarningsSummary } from '../../../../electron/contract/earnings';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { strings } from '../../i18n';
import { type EarningsStore, earningsStore } from '../../stores/earnings';
import { CsvExport } from './csv-export';
import './earnings.css';
import { HistoryPanel } from './history-panel';
import { StandingPanel, TotalsPanel } from './totals-panel';

const text = strings.earnings;

/** Nothing earned and nothing to chart or estimate: a new miner. */
const isEmpty = (summary: EarningsSummary): boolean =>
  summary.total === '0' &&
  summary.perDay.length === 0 &&
  summary.perWindow.length === 0 &&
  summary.estimatedPerDay === null;

/** What this identity earned: totals, standing, history and a CSV of it all. */
export function EarningsScreen({ earnings = earningsStore() }: { earnings?: EarningsStore }) {
  const summary = useStore(earnings, (s) => s.summary);
  const loadError = useStore(earnings, (s) => s.loadError);
  useEffect(() => {
    void earnings.getState().load();
  }, [earnings]);

  let body: ReactNode;
  if (summary) {
    body = (
      <>
        {loadError && (
          <ProblemNotice problem={loadError} onRetry={() => earnings.getState().load()} />
        )}
        {isEmpty(summary) && <p className="earnings-empty">{text.empty}</p>}
        <TotalsPanel summary={summary} />
        <StandingPanel summary={summary} />
        <HistoryPanel summary={summary} />
        <CsvExport store={earnings} />
      </>
    );
  } else if (loadError) {
    body = (
      <>
        <p>{text.loadFailed}</p>
        <ProblemNotice problem={loadError} onRetry={() => earnings.getState().load()} />
      </>
    );
  } else {
    body = <Busy label={strings.common.loading} />;
  }
  return (
    <main className="earnings" aria-labelledby="earnings-title">
      <h1 id="earnings-title">{text.title}</h1>
      {body}
    </main>
  );
}
