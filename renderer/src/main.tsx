import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type Stores } from './app';
import { Splash } from './components/splash';
import { strings } from './i18n';
import { appStore } from './stores/app';
import { logsStore } from './stores/logs';
import { settingsStore } from './stores/settings';
import { uiStore } from './stores/ui';
import { walletStore } from './stores/wallet';

const createStores = (): Stores => ({
  app: appStore(),
  ui: uiStore(),
  wallet: walletStore(),
  settings: settingsStore(),
  logs: logsStore(),
});

// Without a preload or the bridge's token there is no API; say so rather than show a blank page.
let stores: Stores | undefined;
let failure = '';
try {
  stores = createStores();
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {stores ? (
      <App stores={stores} />
    ) : (
      <Splash>
        <h2>{strings.app.cannotReach}</h2>
        <p role="alert">{failure}</p>
      </Splash>
    )}
  </StrictMode>,
);
