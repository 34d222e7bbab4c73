import { useCallback, useEffect, useState } from 'react';
import type { BucketPublication } from '../../../../electron/contract/network';
import { Busy } from '../../components/busy';
import { ProblemNotice } from '../../components/problem-notice';
import { formatCharge } from '../../format';
import { strings } from '../../i18n';
import { type Problem, problemOf } from '../../stores/app';
import type { NetworkStore, PublishedBucket } from '../../stores/network';
import { CostConfirmation, type CostTexts } from './cost-confirmation';

const text = strings.network.bucket;

const isFree = (quote: BucketPublication): boolean => BigInt(quote.fee) === 0n;

const feeWords = (quote: BucketPublication): string =>
  isFree(quote) ? text.noFee : formatCharge(quote.fee);

const texts = (hotkey: string): CostTexts<BucketPublication, PublishedBucket> => ({
  checking: text.checking,
  quoteFailed: text.quoteFailed,
  offer: (quote) => (isFree(quote) ? text.free : text.fee(formatCharge(quote.fee))),
  next: text.next,
  confirmTitle: text.confirmTitle,
  confirmText: (quote) => text.confirmText(quote.bucket, hotkey, quote.network, feeWords(quote)),
  confirm: (quote) => (isFree(quote) ? text.confirmFree : text.confirm(feeWords(quote))),
  paying: text.publishing,
  done: () => text.done,
  costChanged: (quote) => text.feeChanged(feeWords(quote)),
  failed: text.failed,
});

function Publication({ store, hotkey }: { store: NetworkStore; hotkey: string }) {
  const [publication, setPublication] = useState<BucketPublication | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(async () => {
    setProblem(null);
    try {
      setPublication(await store.getState().bucketPublication());
    } catch (error) {
      setProblem(problemOf(error));
    }
  }, [store]);
  useEffect(() => {
    void load();
  }, [load]);

  if (problem)
    return (
      <>
        <p>{text.loadFailed}</p>
        <ProblemNotice problem={problem} onRetry={load} />
      </>
    );
  if (!publication) return <Busy label={strings.common.loading} />;
  const { bucketPublication, publishBucket } = store.getState();
  return (
    <>
      <dl className="network-facts">
        <div>
          <dt>{text.name}</dt>
          <dd>{publication.bucket}</dd>
        </div>
        <div>
          <dt>{text.endpoint}</dt>
          <dd>{publication.endpoint ?? text.defaultEndpoint}</dd>
        </div>
      </dl>
      {publication.published ? (
        <p>{text.published}</p>
      ) : !publication.registered ? (
        <p>{text.registerFirst}</p>
      ) : (
        <>
          <p>{text.needed}</p>
          <CostConfirmation
            quote={bucketPublication}
            costOf={(quote) => quote.fee}
            pay={publishBucket}
            texts={texts(hotkey)}
            initialQuote={publication}
            onDone={load}
          />
        </>
      )}
    </>
  );
}

/**
 * On Bittensor peers find this miner's bucket only in its hotkey's commitment, and the node does
 * not start without it; publishing may cost a fee, so the user confirms it as for registration.
 */
export function BucketPublicationCard({
  store,
  hotkey,
}: {
  store: NetworkStore;
  hotkey: string | null;
}) {
  return (
    <section className="network-card" aria-labelledby="network-bucket">
      <h2 id="network-bucket">{text.title}</h2>
      <p>{text.intro}</p>
      {hotkey === null ? (
        <p>{strings.network.register.noHotkey}</p>
      ) : (
        <Publication store={store} hotkey={hotkey} />
      )}
    </section>
  );
}
