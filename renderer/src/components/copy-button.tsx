import { useState } from 'react';
import { strings } from '../i18n';

/**
 * Copies a text and says so where screen readers hear it. The clipboard can refuse (no focus,
 * no permission), and then the button says that instead of pretending.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <span className="copy">
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className={outcome === 'failed' ? 'text-error' : 'text-ok'}>
        {outcome === 'copied' && strings.common.copied}
        {outcome === 'failed' && strings.app.copyFailed}
      </span>
    </span>
  );
}
