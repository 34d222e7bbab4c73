import { useCallback, useState } from 'react';
import { useAction } from '../../components/use-action';
import { strings } from '../../i18n';
import type { EarningsStore } from '../../stores/earnings';

const text = strings.earnings.export;

/** Hands text to the browser's downloads as a file, the way a link with `download` does. */
export function downloadText(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // Revoked on the next turn: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Exports the earnings history as CSV and says where it went. */
export function CsvExport({ store }: { store: EarningsStore }) {
  const exportCsv = useCallback(async () => {
    const { filename, csv } = await store.getState().exportCsv();
    downloadText(filename, csv, 'text/csv;charset=utf-8');
    return filename;
  }, [store]);
  const [run, state] = useAction(exportCsv);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className="earnings-export">
      <button
        type="button"
        disabled={state.pending}
        onClick={async () => setSaved((await run()) ?? null)}
      >
        {state.pending ? text.exporting : text.button}
      </button>
      <p role="status">
        {state.problem ? text.failed(state.problem.message) : saved ? text.done(saved) : ''}
      </p>
    </div>
  );
}
