import { type FormEvent, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { MethodResult } from '../../../../electron/contract';
import { Busy } from '../../components/busy';
import { FocusHeading } from '../../components/focus-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { WalletStore } from '../../stores/wallet';
import { PasswordMeter } from './password-meter';
import { estimateStrength, MIN_SCORE } from './password-strength';

const text = strings.onboarding.create;

export function CreateWalletStep({
  wallet,
  onCreated,
  onBack,
}: {
  wallet: WalletStore;
  onCreated: (created: MethodResult<'wallet.create'>) => void;
  onBack: () => void;
}) {
  const id = useId();
  const [name, setName] = useState('default');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [create, { pending, problem }] = useAction(useStore(wallet, (s) => s.create));
  const strength = estimateStrength(password);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (strength.score < MIN_SCORE) return setRefusal(text.tooWeak);
    if (password !== confirm) return setRefusal(text.mismatch);
    setRefusal(null);
    const created = await create({ name: name.trim(), password });
    if (created) onCreated(created);
  };

  if (pending) return <Busy label={text.busy} detail={text.busyDetail} />;
  return (
    <form onSubmit={submit} noValidate>
      <FocusHeading>{text.title}</FocusHeading>
      <label htmlFor={`${id}-name`}>{text.name}</label>
      <input
        id={`${id}-name`}
        value={name}
        required
        maxLength={100}
        aria-describedby={`${id}-name-hint`}
        onChange={(e) => setName(e.target.value)}
      />
      <p id={`${id}-name-hint`} className="muted">
        {text.nameHint}
      </p>
      <label htmlFor={`${id}-password`}>{text.password}</label>
      <input
        id={`${id}-password`}
        type="password"
        autoComplete="new-password"
        value={password}
        required
        aria-describedby={`${id}-password-hint ${id}-strength`}
        onChange={(e) => setPassword(e.target.value)}
      />
      <p id={`${id}-password-hint`} className="muted">
        {text.passwordHint}
      </p>
      <PasswordMeter strength={strength} id={`${id}-strength`} />
      <label htmlFor={`${id}-confirm`}>{text.confirm}</label>
      <input
        id={`${id}-confirm`}
        type="password"
        autoComplete="new-password"
        value={confirm}
        required
        onChange={(e) => setConfirm(e.target.value)}
      />
      {refusal && (
        <p className="text-error" role="alert">
          {refusal}
        </p>
      )}
      {problem && <ProblemNotice problem={problem} />}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {strings.onboarding.back}
        </button>
        <button type="submit" className="primary" disabled={name.trim() === ''}>
          {text.submit}
        </button>
      </div>
    </form>
  );
}
