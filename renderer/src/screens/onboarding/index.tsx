/**
 * First run, one step at a time: welcome, a wallet (created with its backup checked, or
 * imported), the hardware check, the network, Start. The recovery phrase lives only in this
 * component's state, and only until the backup is confirmed.
 */
import { useState } from 'react';
import type { NetworkSettings } from '../../../../electron/contract/settings';
import { strings } from '../../i18n';
import type { AppStore } from '../../stores/app';
import type { LogsStore } from '../../stores/logs';
import type { SettingsStore } from '../../stores/settings';
import type { WalletStore } from '../../stores/wallet';
import { BackupStep } from './backup-step';
import { ChooseWalletStep } from './choose-wallet-step';
import { ConfirmStep } from './confirm-step';
import { CreateWalletStep } from './create-wallet-step';
import { HardwareStep } from './hardware-step';
import type { Identity } from './identity';
import { ImportWalletStep } from './import-wallet-step';
import { NetworkStep } from './network-step';
import { StartStep } from './start-step';
import { WelcomeStep } from './welcome-step';

type Step =
  | 'welcome'
  | 'choose'
  | 'create'
  | 'backup'
  | 'confirm'
  | 'import'
  | 'hardware'
  | 'network'
  | 'start';

/** Where each step sits in the five stages people see counted. */
const STAGE: Record<Step, number> = {
  welcome: 1,
  choose: 2,
  create: 2,
  backup: 2,
  confirm: 2,
  import: 2,
  hardware: 3,
  network: 4,
  start: 5,
};
const STAGES = 5;

export interface OnboardingStores {
  app: AppStore;
  wallet: WalletStore;
  settings: SettingsStore;
  logs: LogsStore;
}

export function OnboardingScreen({ stores }: { stores: OnboardingStores }) {
  const [step, setStep] = useState<Step>('welcome');
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [mnemonic, setMnemonic] = useState<string | null>(null);
  const [network, setNetwork] = useState<NetworkSettings>({ kind: 'devnet' });
  const walletBack = () => setStep('choose');

  const body = () => {
    switch (step) {
      case 'welcome':
        return <WelcomeStep onBegin={() => setStep('choose')} />;
      case 'choose':
        return (
          <ChooseWalletStep
            onCreate={() => setStep('create')}
            onImport={() => setStep('import')}
            onBack={() => setStep('welcome')}
          />
        );
      case 'create':
        return (
          <CreateWalletStep
            wallet={stores.wallet}
            onBack={walletBack}
            onCreated={(created) => {
              setIdentity({
                wallet: created.wallet.name,
                hotkeyName: created.wallet.hotkeys[0]?.name ?? 'default',
              });
              setMnemonic(created.mnemonic);
              setStep('backup');
            }}
          />
        );
      case 'backup':
        return <BackupStep mnemonic={mnemonic ?? ''} onDone={() => setStep('confirm')} />;
      case 'confirm':
        return (
          <ConfirmStep
            mnemonic={mnemonic ?? ''}
            onShowAgain={() => setStep('backup')}
            onConfirmed={() => {
              setMnemonic(null);
              setStep('hardware');
            }}
          />
        );
      case 'import':
        return (
          <ImportWalletStep
            wallet={stores.wallet}
            onBack={walletBack}
            onImported={(imported) => {
              setIdentity(imported);
              setStep('hardware');
            }}
          />
        );
      case 'hardware':
        return (
          // No way back from here: the wallet exists now, and going back would offer another.
          <HardwareStep logs={stores.logs} onDone={() => setStep('network')} />
        );
      case 'network':
        return (
          <NetworkStep
            settings={stores.settings}
            onBack={() => setStep('hardware')}
            onDone={(chosen) => {
              setNetwork(chosen);
              setStep('start');
            }}
          />
        );
      case 'start':
        return identity ? (
          <StartStep
            app={stores.app}
            settings={stores.settings}
            identity={identity}
            network={network}
            onBack={() => setStep('network')}
          />
        ) : null;
    }
  };

  return (
    <main className="onboarding">
      <h1>{strings.common.appName}</h1>
      <p className="muted">{strings.onboarding.stepOf(STAGE[step], STAGES)}</p>
      {body()}
    </main>
  );
}
