import { type FormEvent, useId, useState } from 'react';
import { useStore } from 'zustand';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { WalletStore } from '../../stores/wallet';
import { PasswordMeter } from '../onboarding/password-meter';
import { estimateStrength, MIN_SCORE } from '../onboarding/password-strength';

const text = strings.wallet.changePassword;

export function ChangePasswordForm({ store, wallet }: { store: WalletStore; wallet: string }) {
  const id = useId();
  const [old, setOld] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const changePassword = useStore(store, (s) => s.changePassword);
  const [change, { pending, problem }] = useAction(async () => {
    await changePassword(wallet, old, next);
    return true;
  });
  const strength = estimateStrength(next);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (strength.score < MIN_SCORE) return setRefusal(strings.onboarding.create.tooWeak);
    if (next !== confirm) return setRefusal(text.mismatch);
    setRefusal(null);
    // On failure the fields keep what was typed, next to the reason.
    if (await change()) {
      setOld('');
      setNext('');
      setConfirm('');
      setDone(true);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      <label htmlFor={`${id}-old`}>{text.old}</label>
      <input
        id={`${id}-old`}
        type="password"
        autoComplete="current-password"
        value={old}
        onChange={(e) => setOld(e.target.value)}
      />
      <label htmlFor={`${id}-new`}>{text.new}</label>
      <input
        id={`${id}-new`}
        type="password"
        autoComplete="new-password"
        value={next}
        aria-describedby={`${id}-strength`}
        onChange={(e) => setNext(e.target.value)}
      />
      <PasswordMeter strength={strength} id={`${id}-strength`} />
      <label htmlFor={`${id}-confirm`}>{text.confirm}</label>
      <input
        id={`${id}-confirm`}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
      />
      {refusal && (
        <p className="text-error" role="alert">
          {refusal}
        </p>
      )}
      {pending && <Busy label={text.busy} />}
      {problem && <ProblemNotice problem={problem} />}
      {done && (
        <p role="status" className="text-ok">
          {text.done}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={pending || old === ''}>
          {text.submit}
        </button>
      </div>
    </form>
  );
}
