import { useId, useState } from 'react';
import { strings } from '../../i18n';

const text = strings.settings.programs;

/** Executable names that pause training while they run. */
export function ProgramsEditor({
  programs,
  onChange,
}: {
  programs: string[];
  onChange: (programs: string[]) => void;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const add = () => {
    const program = name.trim();
    if (program && !programs.includes(program)) onChange([...programs, program]);
    setName('');
  };
  return (
    <fieldset>
      <legend>{text.title}</legend>
      {programs.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <ul>
          {programs.map((program) => (
            <li key={program}>
              <span className="address">{program}</span>{' '}
              <button type="button" onClick={() => onChange(programs.filter((p) => p !== program))}>
                {text.remove(program)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-name`}>{text.name}</label>
      <input
        id={`${id}-name`}
        value={name}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          // Enter adds the program rather than submitting the whole settings form.
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }}
      />
      <p id={`${id}-hint`} className="muted">
        {text.hint}
      </p>
      <button type="button" onClick={add} disabled={name.trim() === ''}>
        {text.add}
      </button>
    </fieldset>
  );
}
