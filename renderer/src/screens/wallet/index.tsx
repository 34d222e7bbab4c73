/**
 * The wallet: its public addresses, lock state, password, keyfile export, hotkeys and earnings.
 * No secret is ever shown here; the recovery phrase appeared once, at creation.
 */
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { strings } from '../../i18n';
import type { SettingsStore } from '../../stores/settings';
import type { WalletStore } from '../../stores/wallet';
import { AddHotkeyForm } from './add-hotkey-form';
import { BalancesPanel } from './balances-panel';
import { ChangePasswordForm } from './change-password-form';
import { ExportKeyfileForm } from './export-keyfile-form';
import { KeysPanel } from './keys-panel';
import { LockPanel } from './lock-panel';

const text = strings.wallet;

export function WalletScreen({
  wallet,
  settings,
}: {
  wallet: WalletStore;
  settings: SettingsStore;
}) {
  const id = useId();
  const { wallets, status, problem, load, loadBalances } = useStore(wallet);
  const identity = useStore(settings, (s) => s.settings?.identity ?? null);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    load();
    loadBalances();
  }, [load, loadBalances]);

  const name = chosen ?? identity?.wallet ?? wallets[0]?.name;
  const summary = wallets.find((w) => w.name === name) ?? wallets[0];

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{text.title}</h2>
      {status === 'loading' && wallets.length === 0 && <Busy label={text.loading} />}
      {problem && <ProblemNotice problem={problem} onRetry={load} />}
      {status === 'ready' && !summary && <p>{text.empty}</p>}
      {summary && (
        <>
          <p className="muted">{text.named(summary.name, summary.path)}</p>
          {wallets.length > 1 && (
            <>
              <label htmlFor={`${id}-choose`}>{text.choose}</label>
              <select
                id={`${id}-choose`}
                value={summary.name}
                onChange={(e) => setChosen(e.target.value)}
              >
                {wallets.map((w) => (
                  <option key={w.name} value={w.name}>
                    {w.name}
                  </option>
                ))}
              </select>
            </>
          )}
          {summary.problems.length > 0 && (
            <div className="notice notice-error" role="alert">
              <p className="notice-message">{text.problems}</p>
              <ul>
                {summary.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          <KeysPanel
            summary={summary}
            trainingHotkey={identity?.wallet === summary.name ? identity.hotkeyName : null}
          />
          <BalancesPanel store={wallet} />
          {summary.coldkeyFormat !== null && (
            <>
              <LockPanel store={wallet} summary={summary} />
              <ChangePasswordForm store={wallet} wallet={summary.name} />
              <ExportKeyfileForm store={wallet} wallet={summary.name} />
            </>
          )}
          <AddHotkeyForm store={wallet} wallet={summary.name} />
        </>
      )}
    </section>
  );
}
