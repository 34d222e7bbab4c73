import { useMemo } from 'react';
import type { NetworkHealth } from '../../../../electron/contract/network';
import { ChartFigure } from '../../components/chart-figure';
import { formatLoss } from '../../format';
import { strings } from '../../i18n';

const text = strings.network.lossTrend;

/** The run's held-out loss per window: is the shared model getting better? */
export function LossTrend({ trend }: { trend: NetworkHealth['lossTrend'] }) {
  const series = useMemo(
    () => ({ x: trend.map((p) => p.window), y: trend.map((p) => p.loss) }),
    [trend],
  );
  const first = trend[0];
  const last = trend[trend.length - 1];
  return (
    <section className="network-card network-trend" aria-labelledby="network-trend">
      <h2 id="network-trend">{text.title}</h2>
      <ChartFigure
        title={text.series}
        hint={text.hint}
        kind="line"
        time={false}
        xSeries={text.window}
        series={text.series}
        x={series.x}
        y={series.y}
        empty={text.empty}
        textAlternative={
          first &&
          last && <p>{text.summary(trend.length, formatLoss(first.loss), formatLoss(last.loss))}</p>
        }
      />
    </section>
  );
}
