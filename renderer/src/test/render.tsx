/** Renders a component with the app's stores over a canned API, as the component tests need. */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { Stores } from '../app';
import { createAppStore } from '../stores/app';
import { createLogsStore } from '../stores/logs';
import { createSettingsStore } from '../stores/settings';
import { createUiStore } from '../stores/ui';
import { createWalletStore } from '../stores/wallet';
import { type CannedApi, type CannedResponses, cannedApi } from './canned-api';

afterEach(cleanup);

export function cannedStores(responses: CannedResponses = {}): {
  canned: CannedApi;
  stores: Stores;
} {
  const canned = cannedApi(responses);
  const { api } = canned;
  return {
    canned,
    stores: {
      app: createAppStore(api),
      ui: createUiStore(),
      wallet: createWalletStore(api),
      settings: createSettingsStore(api),
      logs: createLogsStore(api),
    },
  };
}
