import { strings } from '../../i18n';
import type { Strength } from './password-strength';

const text = strings.onboarding.strength;

/** The strength as a bar and in words, with what makes it weak. */
export function PasswordMeter({ strength, id }: { strength: Strength; id: string }) {
  // Nothing typed yet: no verdict, but the element stays for the input's aria-describedby.
  if (strength.bits === 0) return <div className="strength" id={id} />;
  const level = text.levels[strength.score];
  return (
    <div className="strength" id={id}>
      <meter
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={strength.score}
        aria-label={text.label}
        aria-valuetext={level}
      />
      <p>
        {text.label}: {text.summary(level, strength.bits)}
      </p>
      {strength.warnings.length > 0 && (
        <ul>
          {strength.warnings.map((w) => (
            <li key={w}>{text.warnings[w]}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
