import { useId } from 'react';
import type { Settings } from '../../../../electron/contract/settings';
import { strings } from '../../i18n';
import { CheckboxField } from './checkbox-field';
import type { SectionProps } from './section-props';

const text = strings.settings.app;
const THEMES: Settings['theme'][] = ['system', 'light', 'dark'];
const LANGUAGES: Settings['language'][] = ['en'];

export function AppSection({
  value,
  change,
  dataDirectory,
}: SectionProps & { dataDirectory: string | null }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      <CheckboxField
        label={text.startAtLogin}
        checked={value.startAtLogin}
        onChange={(startAtLogin) => change({ startAtLogin })}
      />
      <CheckboxField
        label={text.closeToTray}
        checked={value.closeToTray}
        onChange={(closeToTray) => change({ closeToTray })}
      />
      <label htmlFor={`${id}-theme`}>{text.theme}</label>
      <select
        id={`${id}-theme`}
        value={value.theme}
        onChange={(e) => change({ theme: e.target.value as Settings['theme'] })}
      >
        {THEMES.map((theme) => (
          <option key={theme} value={theme}>
            {text.themes[theme]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-language`}>{text.language}</label>
      <select
        id={`${id}-language`}
        value={value.language}
        onChange={(e) => change({ language: e.target.value as Settings['language'] })}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {text.languages[language]}
          </option>
        ))}
      </select>
      <p>
        <span className="muted">{text.dataDirectory}: </span>
        <span className="address">{dataDirectory ?? strings.common.notAvailable}</span>
      </p>
    </section>
  );
}
