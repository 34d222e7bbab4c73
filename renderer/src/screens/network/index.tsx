import { type ReactNode, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { strings } from '../../i18n';
import { type NetworkStore, networkStore } from '../../stores/network';
import { type NodeStore, nodeStore } from '../../stores/node';
import { BittensorForm } from './bittensor-form';
import { BucketPublicationCard } from './bucket-publication';
import { HealthPanel } from './health-panel';
import { LossTrend } from './loss-trend';
import { MetagraphTable } from './metagraph-table';
import './network.css';
import { RegistrationFlow } from './registration';

const text = strings.network;

/**
 * On Bittensor: the subnet's members, registration when this hotkey is not among them, and the
 * bucket's publication, which needs it registered.
 */
function BittensorPanels({ network, node }: { network: NetworkStore; node: NodeStore }) {
  const metagraph = useStore(network, (s) => s.metagraph);
  const metagraphError = useStore(network, (s) => s.metagraphError);
  const hotkey = useStore(node, (s) => s.status?.hotkeyAddress ?? null);
  const statusUid = useStore(node, (s) => s.status?.uid ?? null);
  const [registrations, setRegistrations] = useState(0);
  useEffect(() => {
    void network.getState().loadMetagraph();
    void node.getState().load();
  }, [network, node]);
  const uid = statusUid ?? metagraph?.neurons.find((n) => n.hotkeyAddress === hotkey)?.uid ?? null;
  let registration: ReactNode;
  if (uid !== null) registration = <p>{text.register.registered(uid)}</p>;
  else if (hotkey === null) registration = <p>{text.register.noHotkey}</p>;
  else
    registration = (
      <>
        <p>{text.register.needed}</p>
        <RegistrationFlow
          store={network}
          hotkey={hotkey}
          onRegistered={() => setRegistrations((n) => n + 1)}
        />
      </>
    );
  return (
    <>
      <section className="network-card" aria-labelledby="network-register">
        <h2 id="network-register">{text.register.title}</h2>
        {registration}
      </section>
      {/* A new key after a registration, so the card reads the publication again. */}
      <BucketPublicationCard key={registrations} store={network} hotkey={hotkey} />
      <section className="network-card network-wide" aria-labelledby="network-metagraph">
        <h2 id="network-metagraph">{text.metagraph.title}</h2>
        {metagraph ? (
          <MetagraphTable metagraph={metagraph} hotkey={hotkey} />
        ) : metagraphError ? (
          <>
            <p>{text.metagraph.loadFailed}</p>
            <ProblemNotice
              problem={metagraphError}
              onRetry={() => network.getState().loadMetagraph()}
            />
          </>
        ) : (
          <Busy label={strings.common.loading} />
        )}
      </section>
    </>
  );
}

export interface NetworkScreenProps {
  network?: NetworkStore;
  node?: NodeStore;
}

/** The network's health, the run's progress, and on Bittensor the subnet, registration and bucket. */
export function NetworkScreen({
  network = networkStore(),
  node = nodeStore(),
}: NetworkScreenProps) {
  const health = useStore(network, (s) => s.health);
  const settings = useStore(network, (s) => s.settings);
  const loadError = useStore(network, (s) => s.loadError);
  useEffect(() => {
    void network.getState().load();
  }, [network]);

  let body: ReactNode;
  if (health && settings) {
    body = (
      <>
        <HealthPanel health={health} />
        <LossTrend trend={health.lossTrend} />
        {settings.kind === 'bittensor' && <BittensorPanels network={network} node={node} />}
        <BittensorForm store={network} current={settings} />
      </>
    );
  } else if (loadError) {
    body = (
      <>
        <p>{text.loadFailed}</p>
        <ProblemNotice problem={loadError} onRetry={() => network.getState().load()} />
      </>
    );
  } else {
    body = <Busy label={strings.common.loading} />;
  }
  return (
    <main className="network" aria-labelledby="network-title">
      <h1 id="network-title">{text.title}</h1>
      {body}
    </main>
  );
}
