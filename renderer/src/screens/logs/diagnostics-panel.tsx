import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { LogsStore } from '../../stores/logs';

const text = strings.logs.diagnostics;

/**
 * Puts the diagnostics text on the clipboard. When the clipboard refuses (no permission, window
 * not focused), the text is shown instead so it can still be copied by hand.
 */
export function DiagnosticsPanel({ store }: { store: LogsStore }) {
  const id = useId();
  const diagnosticsText = useStore(store, (s) => s.diagnosticsText);
  const [outcome, setOutcome] = useState<{ copied: boolean; text: string } | null>(null);
  const [copy, { pending, problem }] = useAction(async () => {
    const report = await diagnosticsText();
    try {
      await navigator.clipboard.writeText(report);
      return { copied: true, text: report };
    } catch {
      return { copied: false, text: report };
    }
  });

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      <p>{text.body}</p>
      <button
        type="button"
        className="primary"
        disabled={pending}
        onClick={async () => setOutcome((await copy()) ?? null)}
      >
        {text.copy}
      </button>
      {pending && <Busy label={text.copying} />}
      {problem && <ProblemNotice problem={problem} />}
      <p role="status" className={outcome?.copied === false ? 'text-warn' : 'text-ok'}>
        {outcome && (outcome.copied ? text.copied : text.clipboardRefused)}
      </p>
      {outcome && !outcome.copied && (
        <>
          <label htmlFor={`${id}-text`}>{text.manual}</label>
          <textarea id={`${id}-text`} readOnly rows={12} value={outcome.text} />
        </>
      )}
    </section>
  );
}
