import { FocusHeading } from '../../components/focus-heading';
import { strings } from '../../i18n';

const text = strings.onboarding.choose;

export function ChooseWalletStep({
  onCreate,
  onImport,
  onBack,
}: {
  onCreate: () => void;
  onImport: () => void;
  onBack: () => void;
}) {
  return (
    <section>
      <FocusHeading>{text.title}</FocusHeading>
      <p>{text.body}</p>
      <div className="actions">
        <button type="button" onClick={onBack}>
          {strings.onboarding.back}
        </button>
        <button type="button" className="primary" onClick={onCreate}>
          {text.create}
        </button>
        <button type="button" onClick={onImport}>
          {text.import}
        </button>
      </div>
    </section>
  );
}
