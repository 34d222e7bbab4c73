import { type FormEvent, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { ImportWalletArgs } from '../../../../electron/contract/wallet';
import { Busy } from '../../components/busy';
import { FocusHeading } from '../../components/focus-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { WalletStore } from '../../stores/wallet';
import type { Identity } from './identity';

const text = strings.onboarding.import;
type Source = 'mnemonic' | 'btcliFolder' | 'keyfile';
const SOURCES: Source[] = ['mnemonic', 'btcliFolder', 'keyfile'];
const DEFAULT_HOTKEY = 'default';

/** Brings in a wallet made elsewhere; one without a hotkey gets one, since mining needs it. */
export function ImportWalletStep({
  wallet,
  onImported,
  onBack,
}: {
  wallet: WalletStore;
  onImported: (identity: Identity) => void;
  onBack: () => void;
}) {
  const id = useId();
  const [source, setSource] = useState<Source>('mnemonic');
  const [name, setName] = useState('');
  const [mnemonic, setMnemonic] = useState('');
  const [path, setPath] = useState('');
  const [password, setPassword] = useState('');
  const [keyfilePassword, setKeyfilePassword] = useState('');
  const importWallet = useStore(wallet, (s) => s.import);
  const createHotkey = useStore(wallet, (s) => s.createHotkey);
  const [run, { pending, problem }] = useAction(async (args: ImportWalletArgs) => {
    const imported = await importWallet(args);
    const hotkey = imported.hotkeys[0]?.name;
    if (hotkey) return { wallet: imported.name, hotkeyName: hotkey };
    await createHotkey(imported.name, DEFAULT_HOTKEY);
    return { wallet: imported.name, hotkeyName: DEFAULT_HOTKEY };
  });

  const args = (): ImportWalletArgs => {
    const walletName = name.trim();
    if (source === 'btcliFolder')
      return { source, path: path.trim(), ...(walletName ? { name: walletName } : {}) };
    if (source === 'keyfile')
      return {
        source,
        name: walletName,
        path: path.trim(),
        password,
        ...(keyfilePassword ? { keyfilePassword } : {}),
      };
    return { source, name: walletName, mnemonic: mnemonic.trim().split(/\s+/).join(' '), password };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const identity = await run(args());
    if (identity) onImported(identity);
  };

  if (pending) return <Busy label={text.busy} detail={text.busyDetail} />;
  return (
    <form onSubmit={submit} noValidate>
      <FocusHeading>{text.title}</FocusHeading>
      <fieldset>
        <legend>{text.source}</legend>
        {SOURCES.map((s) => (
          <label className="inline" key={s}>
            <input
              type="radio"
              name={`${id}-source`}
              checked={source === s}
              onChange={() => setSource(s)}
            />
            {text.sources[s]}
          </label>
        ))}
      </fieldset>
      {source === 'mnemonic' && (
        <>
          <label htmlFor={`${id}-mnemonic`}>{text.mnemonic}</label>
          <textarea
            id={`${id}-mnemonic`}
            rows={3}
            autoComplete="off"
            spellCheck={false}
            value={mnemonic}
            aria-describedby={`${id}-mnemonic-hint`}
            onChange={(e) => setMnemonic(e.target.value)}
          />
          <p id={`${id}-mnemonic-hint`} className="muted">
            {text.mnemonicHint}
          </p>
        </>
      )}
      {source !== 'mnemonic' && (
        <>
          <label htmlFor={`${id}-path`}>{source === 'keyfile' ? text.keyfile : text.folder}</label>
          <input
            id={`${id}-path`}
            value={path}
            aria-describedby={`${id}-path-hint`}
            onChange={(e) => setPath(e.target.value)}
          />
          <p id={`${id}-path-hint`} className="muted">
            {source === 'keyfile' ? text.keyfileHint : text.folderHint}
          </p>
        </>
      )}
      <label htmlFor={`${id}-name`}>
        {source === 'btcliFolder' ? text.nameOptional : text.name}
      </label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      {source !== 'btcliFolder' && (
        <>
          <label htmlFor={`${id}-password`}>{text.password}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </>
      )}
      {source === 'keyfile' && (
        <>
          <label htmlFor={`${id}-keyfile-password`}>{text.keyfilePassword}</label>
          <input
            id={`${id}-keyfile-password`}
            type="password"
            autoComplete="off"
            value={keyfilePassword}
            onChange={(e) => setKeyfilePassword(e.target.value)}
          />
        </>
      )}
      {problem && <ProblemNotice problem={problem} />}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {strings.onboarding.back}
        </button>
        <button type="submit" className="primary">
          {text.submit}
        </button>
      </div>
    </form>
  );
}
