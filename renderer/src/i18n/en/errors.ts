/**
 * What to do after a failure, by the contract error's kind. The core's own sentence says what
 * went wrong; these say what the person can do about it.
 */
const hints: Record<string, string> = {
  'wrong-password': 'Check the password (capital letters count) and try again.',
  'weak-password': 'Choose a longer password, for example four or more unrelated words.',
  'invalid-mnemonic':
    'Check each word against your written copy: the words, their order and their spelling.',
  'invalid-name': 'Use letters, digits, dashes and underscores only.',
  'wallet-exists': 'Choose another name, or import into a new name to keep the existing wallet.',
  'key-exists': 'Choose another hotkey name.',
  'not-found': 'Check the path; it must point at an existing file or folder.',
  'corrupt-keyfile': 'The file is damaged. Import the wallet from its recovery phrase instead.',
  'legacy-format': 'Open the wallet once with a current btcli to update it, then import it again.',
  'unknown-format': 'Choose a btcli keyfile (coldkey) or a btcli wallet folder.',
  'password-required': 'Type the wallet password.',
  locked: 'Unlock the wallet on the Wallet screen first.',
  'insecure-storage':
    'This system has no secure keychain, so the password cannot be remembered; type it each time.',
  'invalid-arguments': 'Correct the value it names and try again.',
  unavailable: 'Make sure Tessera is still running, then try again.',
};

export const errors = {
  hint: (kind: string): string =>
    hints[kind] ??
    'Try again. If it keeps happening, copy the diagnostics from the Logs screen and report it.',
  throttled: (wait: string) => `Too many attempts. Wait ${wait}, then try again.`,
};
