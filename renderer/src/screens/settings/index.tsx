/**
 * Every setting, edited as a draft over the saved document and saved as one patch of what
 * changed. Changes made elsewhere (tray, CLI) arrive through the store and show through every
 * field the person has not touched.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { Settings, SettingsPatch } from '../../../../electron/contract/settings';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { SettingsStore } from '../../stores/settings';
import { AppSection } from './app-section';
import { CredentialsForm } from './credentials-form';
import { HardwareSection } from './hardware-section';
import { LimitsSection } from './limits-section';
import { NetworkSection } from './network-section';
import { StorageSection } from './storage-section';
import { WhenSection } from './when-section';

const text = strings.settings;

/** The edits that differ from what is saved: the patch to send. */
function changesFrom(saved: Settings, edits: SettingsPatch): SettingsPatch {
  return Object.fromEntries(
    Object.entries(edits).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(saved[key as keyof Settings]),
    ),
  );
}

export function SettingsScreen({ settings }: { settings: SettingsStore }) {
  const id = useId();
  const {
    settings: saved,
    dataDirectory,
    gpus,
    status,
    problem,
    load,
    update,
  } = useStore(settings);
  const [edits, setEdits] = useState<SettingsPatch>({});
  const [savedNotice, setSavedNotice] = useState(false);
  const [save, saving] = useAction(update);
  useEffect(() => {
    load();
  }, [load]);

  if (!saved)
    return (
      <section aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{text.title}</h2>
        {status === 'loading' && <Busy label={text.loading} />}
        {problem && <ProblemNotice problem={problem} onRetry={load} />}
      </section>
    );

  const patch = changesFrom(saved, edits);
  const dirty = Object.keys(patch).length > 0;
  const draft: Settings = { ...saved, ...edits };
  const change = (next: SettingsPatch) => {
    setSavedNotice(false);
    setEdits({ ...edits, ...next });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save(patch)) {
      setEdits({});
      setSavedNotice(true);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{text.title}</h2>
      <form onSubmit={submit} noValidate>
        <WhenSection value={draft} change={change} />
        <LimitsSection value={draft} change={change} />
        <HardwareSection value={draft} change={change} gpus={gpus} />
        <NetworkSection value={draft} change={change} />
        <section className="card" aria-labelledby={`${id}-storage`}>
          <h3 id={`${id}-storage`}>{text.storage.title}</h3>
          <StorageSection value={draft} change={change} />
        </section>
        <AppSection value={draft} change={change} dataDirectory={dataDirectory} />
        <div className="save-bar">
          {saving.problem && <ProblemNotice problem={saving.problem} />}
          {saving.pending && <Busy label={text.saving} />}
          <p role="status" className={dirty ? 'text-warn' : 'text-ok'}>
            {dirty ? text.unsaved : savedNotice ? text.saved : ''}
          </p>
          <div className="actions">
            <button type="submit" className="primary" disabled={!dirty || saving.pending}>
              {text.save}
            </button>
            <button type="button" disabled={!dirty || saving.pending} onClick={() => setEdits({})}>
              {text.discard}
            </button>
          </div>
        </div>
      </form>
      {draft.storage.kind === 's3' && <CredentialsForm store={settings} />}
    </section>
  );
}
