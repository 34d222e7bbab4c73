import { useId } from 'react';
import type { DoctorReport } from '../../../electron/contract/diagnostics';
import type { Settings } from '../../../electron/contract/settings';
import { formatGflops } from '../format';
import { strings } from '../i18n';
import { chooseProvider } from './provider-choice';

const text = strings.onboarding.hardware;
const names = strings.providers.names;

/** What the hardware check found: the provider in use and its speed, and why faster ones are not. */
export function DoctorSummary({
  report,
  preference,
}: {
  report: DoctorReport;
  preference?: Settings['provider'];
}) {
  const id = useId();
  const { chosen, unavailableFaster } = chooseProvider(report, preference);
  return (
    <>
      {chosen ? (
        <section className="card" aria-labelledby={`${id}-chosen`}>
          <h3 id={`${id}-chosen`}>{text.chosen}</h3>
          <dl>
            <dt>{text.provider}</dt>
            <dd>{names[chosen.name]}</dd>
            <dt>{text.device}</dt>
            <dd>{chosen.device ?? strings.common.notAvailable}</dd>
            <dt>{text.speed}</dt>
            <dd>
              {chosen.gflops === undefined
                ? strings.common.notAvailable
                : formatGflops(chosen.gflops)}
            </dd>
          </dl>
        </section>
      ) : (
        <p className="notice notice-error" role="alert">
          {text.noneAvailable}
        </p>
      )}
      {unavailableFaster.length > 0 && (
        <section className="card" aria-labelledby={`${id}-faster`}>
          <h3 id={`${id}-faster`}>{text.faster}</h3>
          {unavailableFaster.map((p) => (
            <div key={p.name}>
              <h4>{names[p.name]}</h4>
              <p>
                <strong>{text.why}:</strong> {p.reason ?? strings.common.notAvailable}
              </p>
              <p>
                <strong>{text.how}:</strong> {strings.providers.howToEnable[p.name]}
              </p>
            </div>
          ))}
        </section>
      )}
    </>
  );
}
