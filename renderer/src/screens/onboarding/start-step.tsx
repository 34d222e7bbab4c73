import { useStore } from 'zustand';
import type { NetworkSettings } from '../../../../electron/contract/settings';
import { Busy } from '../../components/busy';
import { FocusHeading } from '../../components/focus-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { AppStore } from '../../stores/app';
import type { SettingsStore } from '../../stores/settings';
import type { Identity } from './identity';

const text = strings.onboarding.start;

/** Saves who signs and starts the miner; the app leaves onboarding once the miner has started. */
export function StartStep({
  app,
  settings,
  identity,
  network,
  onBack,
}: {
  app: AppStore;
  settings: SettingsStore;
  identity: Identity;
  network: NetworkSettings;
  onBack: () => void;
}) {
  const update = useStore(settings, (s) => s.update);
  const startMining = useStore(app, (s) => s.startMining);
  const [start, { pending, problem }] = useAction(async () => {
    await update({ identity });
    await startMining();
  });

  return (
    <section>
      <FocusHeading>{text.title}</FocusHeading>
      <p>{text.body}</p>
      <dl className="card">
        <dt>{text.wallet}</dt>
        <dd>{identity.wallet}</dd>
        <dt>{text.hotkey}</dt>
        <dd>{identity.hotkeyName}</dd>
        <dt>{text.network}</dt>
        <dd>{strings.networkChoice.kinds[network.kind]}</dd>
      </dl>
      {pending && <Busy label={text.busy} />}
      {problem && <ProblemNotice problem={problem} />}
      <div className="actions">
        <button type="button" onClick={onBack} disabled={pending}>
          {strings.onboarding.back}
        </button>
        <button type="button" className="primary" onClick={() => start()} disabled={pending}>
          {text.submit}
        </button>
      </div>
    </section>
  );
}
