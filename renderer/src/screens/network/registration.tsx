import { useCallback, useEffect, useState } from 'react';
import { formatTao } from '../../format';
import { strings } from '../../i18n';
import { problemOf } from '../../stores/app';
import type { NetworkStore, Registration, RegistrationCost } from '../../stores/network';

const text = strings.network.register;

type Step =
  | { name: 'checking' }
  | { name: 'quoted'; quote: RegistrationCost; note: string | null }
  | { name: 'confirming'; quote: RegistrationCost }
  | { name: 'registering'; quote: RegistrationCost }
  | { name: 'registered'; registration: Registration }
  | { name: 'failed'; note: string };

const costWords = (quote: RegistrationCost): string =>
  quote.free ? text.freeAmount : formatTao(quote.cost);

/**
 * Registering the hotkey costs money, so it is two steps: the cost as the chain quotes it, then a
 * confirmation that restates it. The amount confirmed is the most the core may pay; when the
 * chain has moved on, the new cost is shown and asked about again.
 */
export function RegistrationFlow({ store, hotkey }: { store: NetworkStore; hotkey: string }) {
  const [step, setStep] = useState<Step>({ name: 'checking' });

  const check = useCallback(async () => {
    setStep({ name: 'checking' });
    try {
      setStep({ name: 'quoted', quote: await store.getState().registrationCost(), note: null });
    } catch (error) {
      setStep({ name: 'failed', note: text.failed(problemOf(error).message) });
    }
  }, [store]);

  useEffect(() => {
    void check();
  }, [check]);

  const register = async (quote: RegistrationCost) => {
    setStep({ name: 'registering', quote });
    try {
      setStep({ name: 'registered', registration: await store.getState().register(quote.cost) });
    } catch (error) {
      const failed = text.failed(problemOf(error).message);
      try {
        const now = await store.getState().registrationCost();
        setStep({
          name: 'quoted',
          quote: now,
          note: now.cost !== quote.cost ? text.costChanged(costWords(now)) : failed,
        });
      } catch {
        setStep({ name: 'failed', note: failed });
      }
    }
  };

  switch (step.name) {
    case 'checking':
      return <p role="status">{text.checking}</p>;
    case 'failed':
      return (
        <div role="alert">
          <p>{step.note}</p>
          <button type="button" onClick={check}>
            {text.checkCost}
          </button>
        </div>
      );
    case 'quoted':
      return (
        <div>
          {step.note && <p role="alert">{step.note}</p>}
          <p>{step.quote.free ? text.free : text.cost(formatTao(step.quote.cost))}</p>
          <button type="button" onClick={() => setStep({ name: 'confirming', quote: step.quote })}>
            {text.next}
          </button>
        </div>
      );
    case 'confirming':
    case 'registering': {
      const cost = costWords(step.quote);
      return (
        <section aria-labelledby="register-confirm">
          <h3 id="register-confirm">{text.confirmTitle}</h3>
          <p>{text.confirmText(cost, hotkey, step.quote.network, step.quote.netuid)}</p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={step.name === 'registering'}
              onClick={() => register(step.quote)}
            >
              {step.name === 'registering'
                ? text.registering
                : step.quote.free
                  ? text.confirmFree
                  : text.confirm(cost)}
            </button>
            <button
              type="button"
              disabled={step.name === 'registering'}
              onClick={() => setStep({ name: 'quoted', quote: step.quote, note: null })}
            >
              {strings.common.cancel}
            </button>
          </div>
        </section>
      );
    }
    case 'registered':
      return <p role="status">{text.done(step.registration.uid)}</p>;
  }
}
