import { type FormEvent, useId, useState } from 'react';
import { FocusHeading } from '../../components/focus-heading';
import { strings } from '../../i18n';

const text = strings.onboarding.confirm;
const WORDS_ASKED = 3;

/** Three distinct positions in ascending order, chosen anew each time the step opens. */
function pickPositions(count: number): number[] {
  const positions = new Set<number>();
  const random = new Uint32Array(1);
  while (positions.size < Math.min(WORDS_ASKED, count)) {
    crypto.getRandomValues(random);
    positions.add(random[0]! % count);
  }
  return [...positions].sort((a, b) => a - b);
}

const normalise = (word: string) => word.trim().toLowerCase();

/** Proves the written copy is complete by asking for three of its words. */
export function ConfirmStep({
  mnemonic,
  onConfirmed,
  onShowAgain,
}: {
  mnemonic: string;
  onConfirmed: () => void;
  onShowAgain: () => void;
}) {
  const id = useId();
  const words = mnemonic.split(' ');
  const [positions] = useState(() => pickPositions(words.length));
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [wrong, setWrong] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const right = positions.every((p) => normalise(answers[p] ?? '') === words[p]);
    setWrong(!right);
    if (right) onConfirmed();
  };

  return (
    <form onSubmit={submit} noValidate>
      <FocusHeading>{text.title}</FocusHeading>
      <p>{text.body}</p>
      {positions.map((p) => (
        <div key={p}>
          <label htmlFor={`${id}-${p}`}>{text.word(p + 1)}</label>
          <input
            id={`${id}-${p}`}
            autoComplete="off"
            spellCheck={false}
            value={answers[p] ?? ''}
            onChange={(e) => setAnswers({ ...answers, [p]: e.target.value })}
          />
        </div>
      ))}
      {wrong && (
        <p className="text-error" role="alert">
          {text.wrong}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onShowAgain}>
          {text.showAgain}
        </button>
        <button type="submit" className="primary">
          {text.submit}
        </button>
      </div>
    </form>
  );
}
