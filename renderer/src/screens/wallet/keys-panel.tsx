import { useId } from 'react';
import type { WalletSummary } from '../../../../electron/contract/wallet';
import { strings } from '../../i18n';
import { AddressBlock } from './address-block';

const text = strings.wallet;

/** The coldkey's and the hotkeys' public addresses. */
export function KeysPanel({
  summary,
  trainingHotkey,
}: {
  summary: WalletSummary;
  trainingHotkey: string | null;
}) {
  const id = useId();
  return (
    <>
      <section className="card" aria-labelledby={`${id}-coldkey`}>
        <h3 id={`${id}-coldkey`}>{text.coldkey.title}</h3>
        {summary.coldkeyAddress ? (
          <>
            <p className="muted">{text.coldkey.body}</p>
            <AddressBlock address={summary.coldkeyAddress} what="coldkey" />
          </>
        ) : (
          <p>{strings.common.notAvailable}</p>
        )}
        {summary.coldkeyFormat === null && <p className="muted">{text.coldkey.watchOnly}</p>}
      </section>
      <section className="card" aria-labelledby={`${id}-hotkeys`}>
        <h3 id={`${id}-hotkeys`}>{text.hotkeys.title}</h3>
        {summary.hotkeys.length === 0 && <p>{text.hotkeys.none}</p>}
        {summary.hotkeys.map((hotkey) => (
          <div key={hotkey.name}>
            <h4>
              {hotkey.name}
              {hotkey.name === trainingHotkey && ` (${text.hotkeys.inUse})`}
            </h4>
            <p className="muted">
              {hotkey.encrypted ? text.hotkeys.encrypted : text.hotkeys.plain}
            </p>
            {hotkey.ss58Address ? (
              <AddressBlock address={hotkey.ss58Address} what={`hotkey ${hotkey.name}`} />
            ) : (
              <p>{strings.common.notAvailable}</p>
            )}
          </div>
        ))}
      </section>
    </>
  );
}
