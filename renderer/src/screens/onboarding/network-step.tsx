import { type FormEvent, useState } from 'react';
import { useStore } from 'zustand';
import type { NetworkSettings } from '../../../../electron/contract/settings';
import { Busy } from '../../components/busy';
import { FocusHeading } from '../../components/focus-heading';
import { NetworkFields } from '../../components/network-fields';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { SettingsStore } from '../../stores/settings';

const text = strings.onboarding.network;

/** The network to join, saved here so the contract's validation speaks before Start. */
export function NetworkStep({
  settings,
  onDone,
  onBack,
}: {
  settings: SettingsStore;
  onDone: (network: NetworkSettings) => void;
  onBack: () => void;
}) {
  const saved = useStore(settings, (s) => s.settings?.network);
  const [network, setNetwork] = useState<NetworkSettings>(saved ?? { kind: 'devnet' });
  const [save, { pending, problem }] = useAction(useStore(settings, (s) => s.update));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save({ network })) onDone(network);
  };

  return (
    <form onSubmit={submit} noValidate>
      <FocusHeading>{text.title}</FocusHeading>
      <p>{text.body}</p>
      <NetworkFields value={network} onChange={setNetwork} />
      {pending && <Busy label={text.saving} />}
      {problem && <ProblemNotice problem={problem} />}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {strings.onboarding.back}
        </button>
        <button type="submit" className="primary" disabled={pending}>
          {strings.onboarding.next}
        </button>
      </div>
    </form>
  );
}
