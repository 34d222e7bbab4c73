import { FocusHeading } from '../../components/focus-heading';
import { strings } from '../../i18n';

const text = strings.onboarding.welcome;

export function WelcomeStep({ onBegin }: { onBegin: () => void }) {
  return (
    <section>
      <FocusHeading>{text.title}</FocusHeading>
      <p>{text.body}</p>
      <p>{text.steps}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onBegin}>
          {text.begin}
        </button>
      </div>
    </section>
  );
}
