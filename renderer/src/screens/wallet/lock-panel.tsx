import { type FormEvent, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { WalletSummary } from '../../../../electron/contract/wallet';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { formatDuration } from '../../format';
import { strings } from '../../i18n';
import type { WalletStore } from '../../stores/wallet';

const text = strings.wallet.lock;

/** Locked or unlocked, in words as well as colour, and the way to change it. */
export function LockPanel({ store, summary }: { store: WalletStore; summary: WalletSummary }) {
  const id = useId();
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const { unlock, lock, forgetPassword, autoLockMs } = useStore(store);
  const [run, { pending, problem }] = useAction((action: () => Promise<void>) => action());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => unlock(summary.name, password, remember));
    setPassword('');
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {text.title}:{' '}
        <span className={summary.unlocked ? 'text-warn' : 'text-ok'}>
          {summary.unlocked ? text.unlocked : text.locked}
        </span>
      </h3>
      {summary.unlocked ? (
        <>
          <p>
            {autoLockMs === null
              ? text.unlockedBodyShort
              : text.unlockedBody(formatDuration(autoLockMs))}
          </p>
          <button type="button" disabled={pending} onClick={() => run(() => lock(summary.name))}>
            {text.lockNow}
          </button>
        </>
      ) : (
        <>
          <p>{text.lockedBody}</p>
          {summary.unlockRemembered && (
            <div className="actions">
              <button
                type="button"
                disabled={pending}
                onClick={() => run(() => unlock(summary.name, undefined, false))}
              >
                {text.unlockRemembered}
              </button>
            </div>
          )}
          <form onSubmit={submit} noValidate>
            <label htmlFor={`${id}-password`}>{text.password}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <label className="inline">
              <input
                type="checkbox"
                checked={remember}
                onChange={(e) => setRemember(e.target.checked)}
              />
              {text.remember}
            </label>
            <div className="actions">
              <button type="submit" className="primary" disabled={pending || password === ''}>
                {text.unlock}
              </button>
            </div>
          </form>
        </>
      )}
      {summary.unlockRemembered && (
        <p>
          {text.remembered}{' '}
          <button
            type="button"
            disabled={pending}
            onClick={() => run(() => forgetPassword(summary.name))}
          >
            {text.forget}
          </button>
        </p>
      )}
      {problem && <ProblemNotice problem={problem} />}
    </section>
  );
}
