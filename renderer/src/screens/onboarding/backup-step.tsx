import { useId, useState } from 'react';
import { FocusHeading } from '../../components/focus-heading';
import { strings } from '../../i18n';

const text = strings.onboarding.backup;

/** The recovery phrase, this once, and a promise that it is written down before going on. */
export function BackupStep({ mnemonic, onDone }: { mnemonic: string; onDone: () => void }) {
  const id = useId();
  const [written, setWritten] = useState(false);
  return (
    <section>
      <FocusHeading>{text.title}</FocusHeading>
      <p>{text.body}</p>
      <ul>
        {text.rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <p className="text-warn">
        <strong>{text.once}</strong>
      </p>
      <h3 id={`${id}-phrase`}>{text.phrase}</h3>
      <ol className="mnemonic card" aria-labelledby={`${id}-phrase`}>
        {mnemonic.split(' ').map((word, i) => (
          // Words can repeat in a phrase; the position is the identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>{word}</li>
        ))}
      </ol>
      <label className="inline">
        <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} />
        {text.written}
      </label>
      <div className="actions">
        <button type="button" className="primary" disabled={!written} onClick={onDone}>
          {text.next}
        </button>
      </div>
    </section>
  );
}
