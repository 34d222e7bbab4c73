import { useCallback, useEffect, useId, useState } from 'react';
import { ProblemNotice } from '../../components/problem-notice';
import { strings } from '../../i18n';
import { type Problem, problemOf } from '../../stores/app';

/** What a cost confirmation says at each step; the ones taking a quote word its cost. */
export interface CostTexts<Q, R> {
  checking: string;
  quoteFailed: string;
  /** The cost as quoted, before the user asks to go on. */
  offer(quote: Q): string;
  next: string;
  confirmTitle: string;
  /** Restates what is paid for, by whom, where, and for how much. */
  confirmText(quote: Q): string;
  confirm(quote: Q): string;
  paying: string;
  done(result: R): string;
  costChanged(quote: Q): string;
  failed: string;
}

export interface CostConfirmationProps<Q, R> {
  /** Reads the cost now. Must keep its identity across renders (a store's method does). */
  quote(): Promise<Q>;
  /** The amount in rao the quote charges: the most `pay` may spend, and what tells a change. */
  costOf(quote: Q): string;
  pay(maxCost: string): Promise<R>;
  texts: CostTexts<Q, R>;
  /** A quote the caller has just read, so the first one is not asked for twice. */
  initialQuote?: Q;
  onDone?(result: R): void;
}

type Step<Q, R> =
  | { name: 'checking' }
  | { name: 'quoted'; quote: Q; changed: boolean; problem: Problem | null }
  | { name: 'confirming' | 'paying'; quote: Q }
  | { name: 'done'; result: R }
  | { name: 'failed'; lead: string; problem: Problem };

/**
 * A write that costs money, in two steps: the cost as the chain quotes it, then a confirmation
 * that restates it. The amount confirmed is the most the core may pay; when the chain has moved
 * on, the new cost is shown and asked about again.
 */
export function CostConfirmation<Q, R>({
  quote,
  costOf,
  pay,
  texts,
  initialQuote,
  onDone,
}: CostConfirmationProps<Q, R>) {
  const [step, setStep] = useState<Step<Q, R>>(
    initialQuote === undefined
      ? { name: 'checking' }
      : { name: 'quoted', quote: initialQuote, changed: false, problem: null },
  );
  const headingId = useId();

  const check = useCallback(async () => {
    setStep({ name: 'checking' });
    try {
      setStep({ name: 'quoted', quote: await quote(), changed: false, problem: null });
    } catch (error) {
      setStep({ name: 'failed', lead: texts.quoteFailed, problem: problemOf(error) });
    }
  }, [quote, texts.quoteFailed]);

  useEffect(() => {
    if (initialQuote === undefined) void check();
  }, [check, initialQuote]);

  const confirm = async (agreed: Q) => {
    setStep({ name: 'paying', quote: agreed });
    try {
      const result = await pay(costOf(agreed));
      setStep({ name: 'done', result });
      onDone?.(result);
    } catch (error) {
      const problem = problemOf(error);
      try {
        const now = await quote();
        const changed = costOf(now) !== costOf(agreed);
        setStep({ name: 'quoted', quote: now, changed, problem: changed ? null : problem });
      } catch {
        setStep({ name: 'failed', lead: texts.failed, problem });
      }
    }
  };

  switch (step.name) {
    case 'checking':
      return <p role="status">{texts.checking}</p>;
    case 'failed':
      return (
        <>
          <p>{step.lead}</p>
          <ProblemNotice problem={step.problem} onRetry={check} />
        </>
      );
    case 'quoted':
      return (
        <div>
          {step.changed && <p role="alert">{texts.costChanged(step.quote)}</p>}
          {step.problem && (
            <>
              <p>{texts.failed}</p>
              <ProblemNotice problem={step.problem} />
            </>
          )}
          <p>{texts.offer(step.quote)}</p>
          <button type="button" onClick={() => setStep({ name: 'confirming', quote: step.quote })}>
            {texts.next}
          </button>
        </div>
      );
    case 'confirming':
    case 'paying': {
      const paying = step.name === 'paying';
      return (
        <section aria-labelledby={headingId}>
          <h3 id={headingId}>{texts.confirmTitle}</h3>
          <p>{texts.confirmText(step.quote)}</p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={paying}
              onClick={() => confirm(step.quote)}
            >
              {paying ? texts.paying : texts.confirm(step.quote)}
            </button>
            <button
              type="button"
              disabled={paying}
              onClick={() =>
                setStep({ name: 'quoted', quote: step.quote, changed: false, problem: null })
              }
            >
              {strings.common.cancel}
            </button>
          </div>
        </section>
      );
    }
    case 'done':
      return <p role="status">{texts.done(step.result)}</p>;
  }
}
