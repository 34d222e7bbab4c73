import { useId } from 'react';
import type { Settings } from '../../../../electron/contract/settings';
import { strings } from '../../i18n';
import { CheckboxField } from './checkbox-field';
import type { SectionProps } from './section-props';

const text = strings.settings.storage;
type Storage = Settings['storage'];

const blank = (kind: Storage['kind']): Storage =>
  kind === 's3'
    ? { kind, endpoint: '', bucket: '', region: 'auto', forcePathStyle: false }
    : { kind };

/** Where updates go; the access keys are a separate form, since they are never read back. */
export function StorageSection({ value, change }: SectionProps) {
  const id = useId();
  const storage = value.storage;
  return (
    <>
      <fieldset>
        <legend>{text.kind}</legend>
        {(['local', 's3'] as const).map((kind) => (
          <label className="inline" key={kind}>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={storage.kind === kind}
              onChange={() => change({ storage: blank(kind) })}
            />
            {text.kinds[kind]}
          </label>
        ))}
      </fieldset>
      {storage.kind === 's3' && (
        <>
          <label htmlFor={`${id}-endpoint`}>{text.endpoint}</label>
          <input
            id={`${id}-endpoint`}
            type="url"
            value={storage.endpoint}
            onChange={(e) => change({ storage: { ...storage, endpoint: e.target.value } })}
          />
          <label htmlFor={`${id}-bucket`}>{text.bucket}</label>
          <input
            id={`${id}-bucket`}
            value={storage.bucket}
            onChange={(e) => change({ storage: { ...storage, bucket: e.target.value } })}
          />
          <label htmlFor={`${id}-region`}>{text.region}</label>
          <input
            id={`${id}-region`}
            value={storage.region}
            onChange={(e) => change({ storage: { ...storage, region: e.target.value } })}
          />
          <CheckboxField
            label={text.forcePathStyle}
            checked={storage.forcePathStyle}
            onChange={(forcePathStyle) => change({ storage: { ...storage, forcePathStyle } })}
          />
        </>
      )}
    </>
  );
}
