import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code as an SVG image from a data: URL: no canvas, no eval and no inline styles, so it
 * stays within the renderer's content security policy.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then((svg) => {
      if (current) setSrc(`data:image/svg+xml;base64,${btoa(svg)}`);
    });
    return () => {
      current = false;
    };
  }, [text]);
  return src ? <img className="qr" src={src} alt={label} width={192} height={192} /> : null;
}
