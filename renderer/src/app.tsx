/**
 * The window: onboarding until a wallet exists, then the sidebar and the current screen. Stores
 * come in as props so tests hand the app the same stores over a canned API.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import './app.css';
import { Busy } from './components/busy';
import { ErrorBoundary } from './components/error-boundary';
import { ProblemNotice } from './components/problem-notice';
import { Splash } from './components/splash';
import { useTheme } from './components/use-theme';
import { strings } from './i18n';
import { DashboardScreen } from './screens/dashboard';
import { EarningsScreen } from './screens/earnings';
import { LogsScreen } from './screens/logs';
import { NetworkScreen } from './screens/network';
import { OnboardingScreen } from './screens/onboarding';
import { SettingsScreen } from './screens/settings';
import { WalletScreen } from './screens/wallet';
import type { AppStore } from './stores/app';
import type { LogsStore } from './stores/logs';
import type { SettingsStore } from './stores/settings';
import { SCREENS, type Screen, type UiStore } from './stores/ui';
import type { WalletStore } from './stores/wallet';

export interface Stores {
  app: AppStore;
  ui: UiStore;
  wallet: WalletStore;
  settings: SettingsStore;
  logs: LogsStore;
}

export function App({ stores }: { stores: Stores }) {
  const { status, info, problem, load } = useStore(stores.app);
  const theme = useStore(stores.settings, (s) => s.settings?.theme);
  const loadSettings = useStore(stores.settings, (s) => s.load);
  useTheme(theme);
  useEffect(() => {
    load();
    loadSettings();
  }, [load, loadSettings]);

  if (status === 'error' && problem)
    return (
      <Splash>
        <h2>{strings.app.cannotReach}</h2>
        <ProblemNotice problem={problem} onRetry={load} />
      </Splash>
    );
  if (!info)
    return (
      <Splash>
        <Busy label={strings.app.starting} />
      </Splash>
    );
  if (!info.onboarded) return <OnboardingScreen stores={stores} />;
  return <Shell stores={stores} version={info.version} />;
}

function Shell({ stores, version }: { stores: Stores; version: string }) {
  const screen = useStore(stores.ui, (s) => s.screen);
  const go = useStore(stores.ui, (s) => s.go);
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={strings.app.navLabel}>
        <h1 className="brand">{strings.common.appName}</h1>
        <ul>
          {SCREENS.map((name) => (
            <li key={name}>
              <button
                type="button"
                className="nav-item"
                aria-current={screen === name ? 'page' : undefined}
                onClick={() => go(name)}
              >
                {strings.common.nav[name]}
              </button>
            </li>
          ))}
        </ul>
        <p className="muted version">{strings.app.version(version)}</p>
      </nav>
      <main className="content">
        <ErrorBoundary key={screen}>
          <CurrentScreen screen={screen} stores={stores} />
        </ErrorBoundary>
      </main>
    </div>
  );
}

function CurrentScreen({ screen, stores }: { screen: Screen; stores: Stores }) {
  switch (screen) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'earnings':
      return <EarningsScreen />;
    case 'network':
      return <NetworkScreen />;
    case 'wallet':
      return <WalletScreen wallet={stores.wallet} settings={stores.settings} />;
    case 'settings':
      return <SettingsScreen settings={stores.settings} />;
    case 'logs':
      return <LogsScreen logs={stores.logs} settings={stores.settings} />;
  }
}
