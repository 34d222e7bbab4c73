import { useId, useState } from 'react';
import { useStore } from 'zustand';
import type { LogLine } from '../../../../electron/contract/diagnostics';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { formatClock } from '../../format';
import { strings } from '../../i18n';
import type { LogsStore } from '../../stores/logs';

const text = strings.logs.lines;
const LEVELS: LogLine['level'][] = ['debug', 'info', 'warn', 'error'];

/** The recent lines, newest first, from a chosen level up. */
export function LogLines({ store }: { store: LogsStore }) {
  const id = useId();
  const { lines, status, problem, load } = useStore(store);
  const [level, setLevel] = useState<LogLine['level']>('info');
  const floor = LEVELS.indexOf(level);
  const shown = lines.filter((line) => LEVELS.indexOf(line.level) >= floor).reverse();

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      <label htmlFor={`${id}-level`}>{text.level}</label>
      <select
        id={`${id}-level`}
        value={level}
        onChange={(e) => setLevel(e.target.value as LogLine['level'])}
      >
        {LEVELS.map((l) => (
          <option key={l} value={l}>
            {text.levels[l]}
          </option>
        ))}
      </select>
      {status === 'loading' && <Busy label={text.loading} />}
      {problem && <ProblemNotice problem={problem} onRetry={load} />}
      {status === 'ready' && lines.length === 0 && <p>{text.empty}</p>}
      {lines.length > 0 && (
        <>
          <p className="muted">{text.count(shown.length, lines.length)}</p>
          {shown.length === 0 ? (
            <p>{text.emptyFiltered}</p>
          ) : (
            // The list scrolls on its own, so it takes focus: keyboard users scroll it too (WCAG
            // 2.1.1; axe's scrollable-region-focusable).
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable
            <section className="log-scroll" tabIndex={0} aria-labelledby={`${id}-title`}>
              <ol className="log-list" aria-labelledby={`${id}-title`}>
                {shown.map((line, i) => (
                  // Identical lines in the same millisecond are possible; position breaks the tie.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <li key={`${line.at}-${i}`}>
                    <time dateTime={new Date(line.at).toISOString()}>{formatClock(line.at)}</time>{' '}
                    <span className={`level-${line.level}`}>{text.levels[line.level]}</span>{' '}
                    <span className="muted">[{line.source}]</span> {line.message}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      )}
    </section>
  );
}
