import { type FormEvent, useId, useState } from 'react';
import {
  type NetworkSettings,
  networkSettingsSchema,
} from '../../../../electron/contract/settings';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { NetworkStore } from '../../stores/network';

const text = strings.network.switcher;

type Bittensor = Extract<NetworkSettings, { kind: 'bittensor' }>;
const CHAINS = ['finney', 'test', 'local', 'custom'] as const;

/** Subnet 3 is where Templar trained Covenant-72B, the run this app's protocol follows. */
const DEFAULT_NETUID = 3;

/** The field a refusal is about, named as the form labels it. */
const FIELD: Record<string, string> = {
  endpoint: `${text.endpoint}: `,
  netuid: `${text.netuid}: `,
};

/** The Bittensor network and subnet to train on: a switch when on a devnet, an edit when not. */
export function BittensorForm({
  store,
  current,
}: {
  store: NetworkStore;
  current: NetworkSettings;
}) {
  const id = useId();
  const onBittensor = current.kind === 'bittensor';
  const [chain, setChain] = useState<Bittensor['network']>(
    onBittensor ? current.network : 'finney',
  );
  const [endpoint, setEndpoint] = useState(onBittensor ? (current.endpoint ?? '') : '');
  const [netuid, setNetuid] = useState(String(onBittensor ? current.netuid : DEFAULT_NETUID));
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [save, state] = useAction((network: NetworkSettings) =>
    store.getState().switchNetwork(network),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // The contract's own schema checks the form, so the words match what the core would say.
    const parsed = networkSettingsSchema.safeParse({
      kind: 'bittensor',
      network: chain,
      netuid: netuid.trim() === '' ? Number.NaN : Number(netuid),
      ...(chain === 'custom' ? { endpoint } : {}),
    });
    if (!parsed.success) {
      setInvalid(
        parsed.error.issues
          .map((issue) => `${FIELD[String(issue.path[0])] ?? ''}${issue.message}`)
          .join('; '),
      );
      return;
    }
    setInvalid(null);
    setSaved((await save(parsed.data)) !== undefined);
  };

  const problem = invalid ?? state.problem?.message ?? null;
  return (
    <form className="network-card bittensor-form" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{onBittensor ? text.current : text.title}</h2>
      {!onBittensor && <p>{text.intro}</p>}
      <label htmlFor={`${id}-chain`}>{text.network}</label>
      <select
        id={`${id}-chain`}
        value={chain}
        onChange={(e) => setChain(e.target.value as Bittensor['network'])}
      >
        {CHAINS.map((name) => (
          <option key={name} value={name}>
            {text.networks[name]}
          </option>
        ))}
      </select>
      {chain === 'custom' && (
        <>
          <label htmlFor={`${id}-endpoint`}>{text.endpoint}</label>
          <input
            id={`${id}-endpoint`}
            required
            value={endpoint}
            onChange={(e) => setEndpoint(e.target.value)}
          />
        </>
      )}
      <label htmlFor={`${id}-netuid`}>{text.netuid}</label>
      <input
        id={`${id}-netuid`}
        type="number"
        min={0}
        max={65_535}
        required
        value={netuid}
        onChange={(e) => setNetuid(e.target.value)}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={state.pending}>
          {state.pending ? text.saving : onBittensor ? text.update : text.save}
        </button>
      </div>
      {problem && <p role="alert">{text.failed(problem)}</p>}
      {saved && <p role="status">{text.saved}</p>}
    </form>
  );
}
