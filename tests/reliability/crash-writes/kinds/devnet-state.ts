import { join } from 'node:path';
import { Ledger } from '../../../../electron/devnet/ledger';
import { DEFAULT_PARAMS } from '../../../../electron/devnet/params';
import type { DurableKind } from './kind';

const file = (dir: string) => join(dir, 'devnet.sqlite');
const { blockMs: _, ...consensus } = DEFAULT_PARAMS;
/** A hotkey whose nonce and balance move with the head, so a torn change shows. */
const WRITER = '5FuzzWriterHotkey';

function withLedger<T>(dir: string, use: (ledger: Ledger) => T): T {
  const ledger = Ledger.open(file(dir), consensus, new Set());
  try {
    return use(ledger);
  } finally {
    ledger.close();
  }
}

/**
 * The devnet coordinator's ledger (SQLite, WAL, one transaction per change). Version v: head block
 * v, the writer's nonce v and v payments of 1 rao, all in one transaction.
 */
export const devnetStateKind: DurableKind = {
  name: 'devnet state',
  async write(dir, version) {
    withLedger(dir, (ledger) =>
      ledger.transaction(() => {
        ledger.setHead(version, Date.now());
        ledger.setNonce(WRITER, version);
        if (version > 0) ledger.pay(WRITER, version, 1n, 0n);
      }),
    );
  },
  async read(dir) {
    return withLedger(dir, (ledger) => {
      const { block } = ledger.head();
      const nonce = ledger.lastNonce(WRITER);
      const balance = ledger.balance(WRITER);
      if (nonce !== block || balance !== BigInt(block)) {
        throw new Error(`head ${block}, nonce ${nonce}, balance ${balance}: a torn change`);
      }
      return block;
    });
  },
};
