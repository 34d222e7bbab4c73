import { useId } from 'react';
import type { NetworkSettings } from '../../../electron/contract/settings';
import { strings } from '../i18n';

const text = strings.networkChoice;
type Kind = NetworkSettings['kind'];
type Chain = Extract<NetworkSettings, { kind: 'bittensor' }>['network'];

/** Subnet 3 is where Templar trained Covenant-72B, the run this app's protocol follows. */
const DEFAULT_NETUID = 3;

const blank = (kind: Kind): NetworkSettings => {
  if (kind === 'remote-devnet') return { kind, url: '' };
  if (kind === 'bittensor') return { kind, network: 'finney', netuid: DEFAULT_NETUID };
  return { kind };
};

/** Which network to join, with the fields each kind needs; the contract validates the values. */
export function NetworkFields({
  value,
  onChange,
}: {
  value: NetworkSettings;
  onChange: (next: NetworkSettings) => void;
}) {
  const id = useId();
  return (
    <fieldset>
      <legend>{text.kind}</legend>
      {(['devnet', 'remote-devnet', 'bittensor'] as const).map((kind) => (
        <label className="inline" key={kind}>
          <input
            type="radio"
            name={`${id}-kind`}
            checked={value.kind === kind}
            onChange={() => onChange(blank(kind))}
          />
          {text.kinds[kind]}
        </label>
      ))}
      {value.kind === 'remote-devnet' && (
        <>
          <label htmlFor={`${id}-url`}>{text.url}</label>
          <input
            id={`${id}-url`}
            type="url"
            value={value.url}
            aria-describedby={`${id}-url-hint`}
            onChange={(e) => onChange({ ...value, url: e.target.value })}
          />
          <p id={`${id}-url-hint`} className="muted">
            {text.urlHint}
          </p>
        </>
      )}
      {value.kind === 'bittensor' && (
        <>
          <label htmlFor={`${id}-chain`}>{text.chain}</label>
          <select
            id={`${id}-chain`}
            value={value.network}
            onChange={(e) => {
              const network = e.target.value as Chain;
              const { endpoint: _, ...rest } = value;
              onChange(
                network === 'custom' ? { ...rest, network, endpoint: '' } : { ...rest, network },
              );
            }}
          >
            {(['finney', 'test', 'local', 'custom'] as const).map((chain) => (
              <option key={chain} value={chain}>
                {text.chains[chain]}
              </option>
            ))}
          </select>
          {value.network === 'custom' && (
            <>
              <label htmlFor={`${id}-endpoint`}>{text.endpoint}</label>
              <input
                id={`${id}-endpoint`}
                value={value.endpoint ?? ''}
                onChange={(e) => onChange({ ...value, endpoint: e.target.value })}
              />
            </>
          )}
          <label htmlFor={`${id}-netuid`}>{text.netuid}</label>
          <input
            id={`${id}-netuid`}
            type="number"
            min={0}
            max={65535}
            value={Number.isNaN(value.netuid) ? '' : value.netuid}
            onChange={(e) => onChange({ ...value, netuid: e.target.valueAsNumber })}
          />
        </>
      )}
    </fieldset>
  );
}
