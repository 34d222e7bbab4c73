import type { EarningsSummary } from '../../../../electron/contract/earnings';
import type { EarningsUnit } from '../../../../electron/contract/node';
import { formatAmount, formatPercent, formatTao } from '../../format';
import { strings } from '../../i18n';

const text = strings.earnings;

/** An amount in the summary's unit, then its TAO value where the network pays in alpha. */
function Amount({ rao, tao, unit }: { rao: string; tao?: string; unit: EarningsUnit }) {
  return (
    <>
      {formatAmount(rao, unit)}
      {tao !== undefined && <small> {text.totals.inTao(formatTao(tao))}</small>}
    </>
  );
}

/** The totals, with pending and received side by side, and where this miner stands. */
export function TotalsPanel({ summary }: { summary: EarningsSummary }) {
  const { unit, inTao } = summary;
  return (
    <section className="earnings-card" aria-labelledby="earnings-totals">
      <h2 id="earnings-totals">{text.totals.title}</h2>
      <dl className="earnings-totals">
        <div>
          <dt>{text.totals.total}</dt>
          <dd>
            <Amount rao={summary.total} tao={inTao?.total} unit={unit} />
          </dd>
        </div>
        <div>
          <dt>{text.totals.today}</dt>
          <dd>
            <Amount rao={summary.today} tao={inTao?.today} unit={unit} />
          </dd>
        </div>
        <div>
          <dt>
            {text.totals.pending} <small>({text.totals.pendingHint})</small>
          </dt>
          <dd>{formatAmount(summary.pending, unit)}</dd>
        </div>
        <div>
          <dt>
            {text.totals.received} <small>({text.totals.receivedHint})</small>
          </dt>
          <dd>{formatAmount(summary.received, unit)}</dd>
        </div>
      </dl>
    </section>
  );
}

export function StandingPanel({ summary }: { summary: EarningsSummary }) {
  return (
    <section className="earnings-card" aria-labelledby="earnings-standing">
      <h2 id="earnings-standing">{text.standing.title}</h2>
      <dl className="earnings-totals">
        <div>
          <dt>{text.standing.incentive}</dt>
          <dd>
            {summary.incentive === null
              ? strings.common.notAvailable
              : formatPercent(summary.incentive, 2)}{' '}
            <small>
              (
              {summary.rank === null
                ? text.standing.unranked(summary.miners)
                : text.standing.rank(summary.rank, summary.miners)}
              )
            </small>
          </dd>
        </div>
        {summary.alphaPriceTao !== null && (
          <div>
            <dt>{text.standing.alphaPrice}</dt>
            <dd>{text.standing.alphaPriceValue(summary.alphaPriceTao.toFixed(4))}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
