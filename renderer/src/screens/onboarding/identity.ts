/** The wallet and hotkey the miner will sign with, as settings.identity stores them. */
export interface Identity {
  wallet: string;
  hotkeyName: string;
}
