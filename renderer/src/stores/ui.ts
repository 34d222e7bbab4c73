/** Which screen of the app is shown. Onboarding is not one of them: it replaces the whole app. */
import { createStore } from 'zustand/vanilla';

export const SCREENS = ['dashboard', 'earnings', 'network', 'wallet', 'settings', 'logs'] as const;
export type Screen = (typeof SCREENS)[number];

export interface UiState {
  screen: Screen;
  go(screen: Screen): void;
}

export const createUiStore = (screen: Screen = 'dashboard') =>
  createStore<UiState>()((set) => ({ screen, go: (next) => set({ screen: next }) }));

export type UiStore = ReturnType<typeof createUiStore>;

let instance: UiStore | undefined;

/** The app's navigation store. */
export const uiStore = (): UiStore => (instance ??= createUiStore());
