import { formatPercent, formatTao, shortAddress } from '../../format';
import { strings } from '../../i18n';
import type { Metagraph } from '../../stores/network';

const text = strings.network.metagraph;

/** Everyone registered on the subnet, with this miner's own row marked. */
export function MetagraphTable({
  metagraph,
  hotkey,
}: {
  metagraph: Metagraph;
  hotkey: string | null;
}) {
  if (metagraph.neurons.length === 0) return <p>{text.empty}</p>;
  const neurons = [...metagraph.neurons].sort((a, b) => a.uid - b.uid);
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
          {neurons.map((neuron) => {
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
                <td>{formatTao(neuron.emission)}</td>
                <td>{neuron.validatorPermit ? text.yes : text.no}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
