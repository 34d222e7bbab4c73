import { type FormEvent, useId, useState } from 'react';
import { useStore } from 'zustand';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { SettingsStore, StorageCredentials } from '../../stores/settings';

const text = strings.settings.storage.credentials;
const FIELDS = [
  'accessKeyId',
  'secretAccessKey',
  'readAccessKeyId',
  'readSecretAccessKey',
] as const;
const EMPTY: StorageCredentials = {
  accessKeyId: '',
  secretAccessKey: '',
  readAccessKeyId: '',
  readSecretAccessKey: '',
};

/** Write and read keys of the bucket: sent once, stored encrypted by the core, never shown. */
export function CredentialsForm({ store }: { store: SettingsStore }) {
  const id = useId();
  const [keys, setKeys] = useState<StorageCredentials>(EMPTY);
  const [stored, setStored] = useState(false);
  const setCredentials = useStore(store, (s) => s.setCredentials);
  const [save, { pending, problem }] = useAction(async (credentials: StorageCredentials) => {
    await setCredentials(credentials);
    return true;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStored(false);
    if (await save(keys)) {
      setKeys(EMPTY);
      setStored(true);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{text.title}</h4>
      <p className="muted">{text.body}</p>
      {FIELDS.map((field) => (
        <div key={field}>
          <label htmlFor={`${id}-${field}`}>{text[field]}</label>
          <input
            id={`${id}-${field}`}
            type="password"
            autoComplete="off"
            value={keys[field]}
            onChange={(e) => setKeys({ ...keys, [field]: e.target.value })}
          />
        </div>
      ))}
      {problem && <ProblemNotice problem={problem} />}
      {stored && (
        <p role="status" className="text-ok">
          {text.stored}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={pending || FIELDS.some((f) => keys[f] === '')}>
          {text.submit}
        </button>
      </div>
    </form>
  );
}
