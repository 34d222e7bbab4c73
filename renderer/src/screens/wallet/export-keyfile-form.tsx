import { type FormEvent, useId, useState } from 'react';
import { useStore } from 'zustand';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { WalletStore } from '../../stores/wallet';

const text = strings.wallet.export;

export function ExportKeyfileForm({ store, wallet }: { store: WalletStore; wallet: string }) {
  const id = useId();
  const [password, setPassword] = useState('');
  const [destination, setDestination] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [exportKeyfile, { pending, problem }] = useAction(useStore(store, (s) => s.exportKeyfile));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const path = await exportKeyfile(wallet, password, destination.trim());
    if (path) {
      setPassword('');
      setSaved(path);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      <p>{text.body}</p>
      <label htmlFor={`${id}-password`}>{text.password}</label>
      <input
        id={`${id}-password`}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <label htmlFor={`${id}-destination`}>{text.destination}</label>
      <input
        id={`${id}-destination`}
        value={destination}
        onChange={(e) => setDestination(e.target.value)}
      />
      {pending && <Busy label={text.busy} />}
      {problem && <ProblemNotice problem={problem} />}
      {saved && (
        <p role="status" className="text-ok">
          {text.done(saved)}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={pending || password === '' || destination.trim() === ''}>
          {text.submit}
        </button>
      </div>
    </form>
  );
}
