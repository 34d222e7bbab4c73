import { useState } from 'react';
import { formatAmount, formatPercent, formatTao, shortAddress } from '../../format';
import { strings } from '../../i18n';
import type { Metagraph } from '../../stores/network';

const text = strings.network.metagraph;

/** Rows shown before the user asks for all: subnets hold up to 4096 uids. */
export const METAGRAPH_ROWS = 32;

type Neuron = Metagraph['neurons'][number];

/** Who earns most first (miners' incentive and validators' dividends alike); then by stake. */
function byStanding(a: Neuron, b: Neuron): number {
  const order = (x: bigint) => (x === 0n ? 0 : x > 0n ? 1 : -1);
  return (
    order(BigInt(b.emission) - BigInt(a.emission)) ||
    order(BigInt(b.stake) - BigInt(a.stake)) ||
    a.uid - b.uid
  );
}

/**
 * The subnet's members, the highest earners first, with this miner's own row always shown and
 * marked. Emission is the subnet's alpha; the table is only shown on Bittensor.
 */
export function MetagraphTable({
  metagraph,
  hotkey,
}: {
  metagraph: Metagraph;
  hotkey: string | null;
}) {
  const [all, setAll] = useState(false);
  if (metagraph.neurons.length === 0) return <p>{text.empty}</p>;
  const ranked = [...metagraph.neurons].sort(byStanding);
  const shown = all
    ? ranked
    : ranked.filter((n, rank) => rank < METAGRAPH_ROWS || n.hotkeyAddress === hotkey);
  return (
    <div className="network-metagraph">
      <table>
        <caption>{text.caption(metagraph.netuid, metagraph.block)}</caption>
        <thead>
          <tr>
            <th scope="col">{text.uid}</th>
            <th scope="col">{text.hotkey}</th>
            <th scope="col">{text.stake}</th>
            <th scope="col">{text.incentive}</th>
            <th scope="col">{text.emission}</th>
            <th scope="col">{text.permit}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((neuron) => {
            const mine = neuron.hotkeyAddress === hotkey;
            return (
              <tr key={neuron.uid} className={mine ? 'network-metagraph__mine' : undefined}>
                <th scope="row">{neuron.uid}</th>
                <td>
                  <span className="address" title={neuron.hotkeyAddress}>
                    {shortAddress(neuron.hotkeyAddress)}
                  </span>
                  {mine && ` ${text.you}`}
                </td>
                <td>{formatTao(neuron.stake)}</td>
                <td>{formatPercent(neuron.incentive, 2)}</td>
                <td>{formatAmount(neuron.emission, 'alpha')}</td>
                <td>{neuron.validatorPermit ? text.yes : text.no}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {ranked.length > METAGRAPH_ROWS && (
        <p>
          {all ? text.showingAll(ranked.length) : text.showingTop(shown.length, ranked.length)}{' '}
          <button type="button" onClick={() => setAll(!all)}>
            {all ? text.showTop(METAGRAPH_ROWS) : text.showAll(ranked.length)}
          </button>
        </p>
      )}
    </div>
  );
}
