import { type FormEvent, useId, useState } from 'react';
import { useStore } from 'zustand';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { WalletStore } from '../../stores/wallet';

const text = strings.wallet.addHotkey;

export function AddHotkeyForm({ store, wallet }: { store: WalletStore; wallet: string }) {
  const id = useId();
  const [name, setName] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const createHotkey = useStore(store, (s) => s.createHotkey);
  const [add, { pending, problem }] = useAction(async (hotkey: string) => {
    await createHotkey(wallet, hotkey);
    return hotkey;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const hotkey = await add(name.trim());
    if (hotkey) {
      setName('');
      setAdded(hotkey);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      <label htmlFor={`${id}-name`}>{text.name}</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      {problem && <ProblemNotice problem={problem} />}
      {added && (
        <p role="status" className="text-ok">
          {text.done(added)}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={pending || name.trim() === ''}>
          {text.submit}
        </button>
      </div>
    </form>
  );
}
