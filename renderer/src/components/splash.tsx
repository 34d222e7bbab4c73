import type { ReactNode } from 'react';
import { strings } from '../i18n';

/** Before the app is known: the name, the preload's version if there is one, and one message. */
export function Splash({ children }: { children: ReactNode }) {
  const version = window.tessera?.version;
  return (
    <main className="splash">
      <h1>{strings.common.appName}</h1>
      {version && <p className="muted">{strings.app.version(version)}</p>}
      {children}
    </main>
  );
}
