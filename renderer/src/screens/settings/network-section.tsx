import { useId } from 'react';
import { NetworkFields } from '../../components/network-fields';
import { strings } from '../../i18n';
import type { SectionProps } from './section-props';

export function NetworkSection({ value, change }: SectionProps) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{strings.settings.network.title}</h3>
      <NetworkFields value={value.network} onChange={(network) => change({ network })} />
    </section>
  );
}
