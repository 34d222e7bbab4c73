/**
 * The wallets on this device and what can be done with them. Results carry addresses and public
 * keys only; the mnemonic from `create` goes straight back to the caller and is never kept here.
 * Balances come from `earnings.summary` until the contract has a balance method.
 */
import { createStore } from 'zustand/vanilla';
import type { MethodResult } from '../../../electron/contract';
import type { EarningsSummary } from '../../../electron/contract/earnings';
import type { ImportWalletArgs, WalletSummary } from '../../../electron/contract/wallet';
import { type Api, getApi } from '../api';
import { type LoadStatus, type Problem, problemOf } from './app';

export interface CreateWalletInput {
  name: string;
  password: string;
  hotkeyName?: string;
}

export interface WalletState {
  wallets: WalletSummary[];
  status: LoadStatus;
  problem: Problem | null;
  balances: EarningsSummary | null;
  balancesStatus: LoadStatus;
  balancesProblem: Problem | null;
  /** How long an unlocked coldkey stays unlocked without use, as the last unlock said. */
  autoLockMs: number | null;
  load(): Promise<void>;
  loadBalances(): Promise<void>;
  // The actions below reject with the ApiError, so the form that called them can show it.
  create(input: CreateWalletInput): Promise<MethodResult<'wallet.create'>>;
  import(args: ImportWalletArgs): Promise<WalletSummary>;
  unlock(wallet: string, password: string | undefined, remember: boolean): Promise<void>;
  lock(wallet: string): Promise<void>;
  forgetPassword(wallet: string): Promise<void>;
  changePassword(wallet: string, oldPassword: string, newPassword: string): Promise<void>;
  exportKeyfile(wallet: string, password: string, destination: string): Promise<string>;
  createHotkey(wallet: string, hotkeyName: string): Promise<void>;
}

export function createWalletStore(api: Api) {
  const store = createStore<WalletState>()((set, get) => {
    const keep = (wallet: WalletSummary) => {
      const others = get().wallets.filter((w) => w.name !== wallet.name);
      set({ wallets: [...others, wallet].sort((a, b) => a.name.localeCompare(b.name)) });
      return wallet;
    };
    return {
      wallets: [],
      status: 'idle',
      problem: null,
      balances: null,
      balancesStatus: 'idle',
      balancesProblem: null,
      autoLockMs: null,
      async load() {
        if (get().status === 'loading') return;
        set({ status: 'loading', problem: null });
        try {
          const { wallets } = await api.call('wallet.list', {});
          set({ wallets, status: 'ready' });
        } catch (error) {
          set({ status: 'error', problem: problemOf(error) });
        }
      },
      async loadBalances() {
        if (get().balancesStatus === 'loading') return;
        set({ balancesStatus: 'loading', balancesProblem: null });
        try {
          set({ balances: await api.call('earnings.summary', {}), balancesStatus: 'ready' });
        } catch (error) {
          set({ balancesStatus: 'error', balancesProblem: problemOf(error) });
        }
      },
      async create({ name, password, hotkeyName }) {
        const created = await api.call('wallet.create', {
          name,
          password,
          ...(hotkeyName ? { hotkeyName } : {}),
        });
        keep(created.wallet);
        return created;
      },
      async import(args) {
        return keep((await api.call('wallet.import', args)).wallet);
      },
      async unlock(wallet, password, remember) {
        const unlocked = await api.call('wallet.unlock', {
          wallet,
          remember,
          ...(password === undefined ? {} : { password }),
        });
        keep(unlocked.wallet);
        set({ autoLockMs: unlocked.autoLockMs });
      },
      async lock(wallet) {
        const { locked } = await api.call('wallet.lock', { wallet });
        set({
          wallets: get().wallets.map((w) =>
            locked.includes(w.name) ? { ...w, unlocked: false } : w,
          ),
        });
      },
      async forgetPassword(wallet) {
        keep((await api.call('wallet.forgetPassword', { wallet })).wallet);
      },
      async changePassword(wallet, oldPassword, newPassword) {
        keep(
          (await api.call('wallet.changePassword', { wallet, oldPassword, newPassword })).wallet,
        );
      },
      async exportKeyfile(wallet, password, destination) {
        return (await api.call('wallet.exportKeyfile', { wallet, password, destination })).path;
      },
      async createHotkey(wallet, hotkeyName) {
        keep((await api.call('wallet.createHotkey', { wallet, hotkeyName })).wallet);
      },
    };
  });
  api.on('wallet.status', ({ wallet, unlocked }) => {
    store.setState((state) => ({
      wallets: state.wallets.map((w) => (w.name === wallet ? { ...w, unlocked } : w)),
    }));
  });
  return store;
}

export type WalletStore = ReturnType<typeof createWalletStore>;

let instance: WalletStore | undefined;

/** The app's wallet store, made on first use so tests and the browser build choose their API first. */
export const walletStore = (): WalletStore => (instance ??= createWalletStore(getApi()));
