import { formatCharge } from '../../format';
import { strings } from '../../i18n';
import type { NetworkStore, Registration, RegistrationCost } from '../../stores/network';
import { CostConfirmation, type CostTexts } from './cost-confirmation';

const text = strings.network.register;

const costWords = (quote: RegistrationCost): string =>
  quote.free ? text.freeAmount : formatCharge(quote.cost);

const texts = (hotkey: string): CostTexts<RegistrationCost, Registration> => ({
  checking: text.checking,
  quoteFailed: text.quoteFailed,
  offer: (quote) =>
    quote.free
      ? text.free
      : text.cost(formatCharge(quote.cost), formatCharge(quote.burn), formatCharge(quote.fee)),
  next: text.next,
  confirmTitle: text.confirmTitle,
  confirmText: (quote) => text.confirmText(costWords(quote), hotkey, quote.network),
  confirm: (quote) => (quote.free ? text.confirmFree : text.confirm(costWords(quote))),
  paying: text.registering,
  done: (registration) => text.done(registration.uid),
  costChanged: (quote) => text.costChanged(costWords(quote)),
  failed: text.failed,
});

/** Registers the hotkey for the total the chain quotes (burn and fee), once the user agrees. */
export function RegistrationFlow({
  store,
  hotkey,
  onRegistered,
}: {
  store: NetworkStore;
  hotkey: string;
  onRegistered: () => void;
}) {
  const { registrationCost, register } = store.getState();
  return (
    <CostConfirmation
      quote={registrationCost}
      costOf={(quote) => quote.cost}
      pay={register}
      texts={texts(hotkey)}
      onDone={onRegistered}
    />
  );
}
