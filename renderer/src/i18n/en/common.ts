export const common = {
  appName: 'Tessera',
  loading: 'Loading…',
  retry: 'Try again',
  cancel: 'Cancel',
  save: 'Save',
  close: 'Close',
  copy: 'Copy',
  copied: 'Copied',
  notAvailable: 'not available',
  nav: {
    dashboard: 'Dashboard',
    earnings: 'Earnings',
    network: 'Network',
    wallet: 'Wallet',
    settings: 'Settings',
    logs: 'Logs',
  },
};
