import { mnemonicGenerate, mnemonicValidate } from '@polkadot/util-crypto';
import { english } from '@polkadot/util-crypto/mnemonic/wordlists';
import { WalletError } from './errors';

/** The BIP39 lengths btcli accepts (`get_n_words`); 12 is its default. */
export const MNEMONIC_WORD_COUNTS = [12, 15, 18, 21, 24] as const;
export type MnemonicWordCount = (typeof MNEMONIC_WORD_COUNTS)[number];

const WORDS = new Set(english);

export function generateMnemonic(words: MnemonicWordCount = 12): string {
  return mnemonicGenerate(words);
}

/**
 * The phrase in the canonical form the derivation and btcli expect (NFKD, lower case, single
 * spaces), or a WalletError saying exactly what is wrong with it: the word count, which word is
 * not a BIP39 word, or a checksum that does not match (a mistyped or swapped word).
 */
export function normalizeMnemonic(phrase: string): string {
  const words = phrase.normalize('NFKD').toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (!(MNEMONIC_WORD_COUNTS as readonly number[]).includes(words.length)) {
    throw new WalletError(
      'invalid-mnemonic',
      `A recovery phrase has 12, 15, 18, 21 or 24 words; this one has ${words.length}.`,
    );
  }
  const unknown = words.findIndex((word) => !WORDS.has(word));
  if (unknown !== -1) {
    throw new WalletError(
      'invalid-mnemonic',
      `Word ${unknown + 1} of the recovery phrase ('${words[unknown]}') is not in the BIP39 English word list.`,
    );
  }
  const normalized = words.join(' ');
  if (!mnemonicValidate(normalized)) {
    throw new WalletError(
      'invalid-mnemonic',
      'The recovery phrase fails its checksum: a word is mistyped or the words are out of order.',
    );
  }
  return normalized;
}
