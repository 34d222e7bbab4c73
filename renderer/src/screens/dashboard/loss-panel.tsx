import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { LossPoint } from '../../../../electron/contract/node';
import { ChartFigure } from '../../components/chart-figure';
import { formatLoss, formatRate } from '../../format';
import { strings } from '../../i18n';
import type { NodeStore } from '../../stores/node';

const text = strings.dashboard;

/** The chart's series: seconds since the epoch (uPlot's time unit) against loss. */
export function lossSeries(points: readonly LossPoint[]): { x: number[]; y: number[] } {
  return { x: points.map((p) => p.at / 1000), y: points.map((p) => p.loss) };
}

export function lossSummary(points: readonly LossPoint[]): string {
  if (points.length === 0) return text.loss.empty;
  const losses = points.map((p) => p.loss);
  return text.loss.summary(
    points.length,
    formatLoss(losses[0]!),
    formatLoss(losses[losses.length - 1]!),
    formatLoss(Math.min(...losses)),
  );
}

/** The live loss curve and the training speed. The store hands points on in batches. */
export function LossPanel({
  store,
  tokensPerSec,
}: {
  store: NodeStore;
  tokensPerSec: number | null;
}) {
  const points = useStore(store, (s) => s.loss);
  const series = useMemo(() => lossSeries(points), [points]);
  return (
    <section className="dashboard-card loss-panel" aria-labelledby="loss-title">
      <h2 id="loss-title">{text.loss.title}</h2>
      <p>
        {text.speed}: <strong>{formatRate(tokensPerSec, text.tokens)}</strong>
      </p>
      <ChartFigure
        hint={text.loss.hint}
        kind="line"
        time
        xSeries={text.loss.time}
        series={text.loss.series}
        x={series.x}
        y={series.y}
        empty={text.loss.empty}
        textAlternative={<p>{lossSummary(points)}</p>}
      />
    </section>
  );
}
