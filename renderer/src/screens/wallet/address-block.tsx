import { useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { QrCode } from '../../components/qr-code';
import { strings } from '../../i18n';

const text = strings.wallet;

/** One public address: readable, copyable and as a QR code for a phone wallet. */
export function AddressBlock({ address, what }: { address: string; what: string }) {
  const [qr, setQr] = useState(false);
  return (
    <div>
      <p>
        <span className="muted">{text.address}: </span>
        <span className="address">{address}</span>
      </p>
      <div className="actions">
        <CopyButton text={address} label={text.copy} />
        <button type="button" aria-expanded={qr} onClick={() => setQr(!qr)}>
          {qr ? text.hideQr : text.showQr}
        </button>
      </div>
      {qr && <QrCode text={address} label={text.qrAlt(what)} />}
    </div>
  );
}
