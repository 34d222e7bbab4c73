import { useMemo, useState } from 'react';
import type { EarningsSummary } from '../../../../electron/contract/earnings';
import { ChartFigure } from '../../components/chart-figure';
import { formatAmount, raoToNumber, unitSymbol } from '../../format';
import { strings } from '../../i18n';

const text = strings.earnings.history;

type Period = 'day' | 'window';

export interface EarningsBars {
  /** Seconds since the epoch for days (uPlot's time unit), window numbers for windows. */
  x: number[];
  y: number[];
  /** The same amounts as rows of words, for the chart's text alternative. */
  rows: [label: string, amount: string][];
}

export function earningsBars(summary: EarningsSummary, period: Period): EarningsBars {
  const amount = (rao: string) => formatAmount(rao, summary.unit);
  if (period === 'day')
    return {
      x: summary.perDay.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000),
      y: summary.perDay.map((d) => raoToNumber(d.amount)),
      rows: summary.perDay.map((d) => [d.day, amount(d.amount)]),
    };
  return {
    x: summary.perWindow.map((w) => w.window),
    y: summary.perWindow.map((w) => raoToNumber(w.amount)),
    rows: summary.perWindow.map((w) => [text.windowLabel(w.window), amount(w.amount)]),
  };
}

function BarsTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string;
  rows: [string, string][];
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{text.amount}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, amount]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{amount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Earnings over time as bars, per day or per window; an estimate where there is no history. */
export function HistoryPanel({ summary }: { summary: EarningsSummary }) {
  const [period, setPeriod] = useState<Period>('day');
  const bars = useMemo(() => earningsBars(summary, period), [summary, period]);
  const noHistory = summary.perDay.length === 0 && summary.perWindow.length === 0;
  const title = period === 'day' ? text.dayChart : text.windowChart;
  return (
    <section className="earnings-card earnings-history" aria-labelledby="earnings-history">
      <h2 id="earnings-history">{text.title}</h2>
      {noHistory ? (
        <>
          <p>{text.noHistory}</p>
          {summary.estimatedPerDay !== null && (
            <p>
              <strong>{text.estimate(formatAmount(summary.estimatedPerDay, summary.unit))}</strong>
            </p>
          )}
        </>
      ) : (
        <>
          <div className="earnings-history__periods">
            {(['day', 'window'] as const).map((choice) => (
              <button
                key={choice}
                type="button"
                aria-pressed={period === choice}
                onClick={() => setPeriod(choice)}
              >
                {choice === 'day' ? text.perDay : text.perWindow}
              </button>
            ))}
          </div>
          <ChartFigure
            title={title}
            kind="bars"
            time={period === 'day'}
            xSeries={period === 'day' ? text.day : text.window}
            series={text.series(unitSymbol(summary.unit))}
            x={bars.x}
            y={bars.y}
            empty={strings.earnings.empty}
            textAlternative={
              <BarsTable
                caption={title}
                head={period === 'day' ? text.day : text.window}
                rows={bars.rows}
              />
            }
          />
        </>
      )}
    </section>
  );
}
