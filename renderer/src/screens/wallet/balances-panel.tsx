import { useId } from 'react';
import { useStore } from 'zustand';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { formatAmount } from '../../format';
import { strings } from '../../i18n';
import type { WalletStore } from '../../stores/wallet';

const text = strings.wallet.balances;

/** Earnings totals from `earnings.summary`, the nearest the contract has to a balance. */
export function BalancesPanel({ store }: { store: WalletStore }) {
  const id = useId();
  const { balances, balancesStatus, balancesProblem, loadBalances } = useStore(store);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      {balancesStatus === 'loading' && <Busy label={text.loading} />}
      {balancesProblem && <ProblemNotice problem={balancesProblem} onRetry={loadBalances} />}
      {balances && (
        <>
          <dl>
            <dt>{text.total}</dt>
            <dd>{formatAmount(balances.total, balances.unit)}</dd>
            <dt>{text.pending}</dt>
            <dd>{formatAmount(balances.pending, balances.unit)}</dd>
            <dt>{text.received}</dt>
            <dd>{formatAmount(balances.received, balances.unit)}</dd>
          </dl>
          <p className="muted">{text.note}</p>
        </>
      )}
    </section>
  );
}
