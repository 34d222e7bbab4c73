import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../protocol/atomic-file';

/**
 * SHA-256 of each encrypted keyfile as Tessera last wrote or opened it, kept beside the keys in
 * `.tessera-digests.json` (btcli ignores it). A secretbox cannot tell a wrong password from
 * damaged bytes: both fail the tag. When the file matches none of its digests, the failure is
 * damage (or another program replaced the file), and the user is told so instead of being sent
 * to retype a password that was right.
 */
const FILE = '.tessera-digests.json';

/** `bytes` become the only accepted content of `name`. */
export async function recordDigest(walletDir: string, name: string, bytes: Uint8Array) {
  await update(walletDir, name, () => [digestOf(bytes)]);
}

/**
 * `bytes` become accepted beside the current content, before they replace it: a crash between
 * the two writes then leaves a file that matches either way.
 */
export async function allowDigest(walletDir: string, name: string, bytes: Uint8Array) {
  await update(walletDir, name, (accepted) => [...new Set([...accepted, digestOf(bytes)])]);
}

/** Whether `bytes` are an accepted content of `name`; undefined when nothing was recorded. */
export async function matchesDigest(
  walletDir: string,
  name: string,
  bytes: Uint8Array,
): Promise<boolean | undefined> {
  const accepted = (await readDigests(walletDir))[name];
  return accepted === undefined ? undefined : accepted.includes(digestOf(bytes));
}

async function update(walletDir: string, name: string, change: (accepted: string[]) => string[]) {
  const digests = await readDigests(walletDir);
  const next = change(digests[name] ?? []);
  if (next.join() === digests[name]?.join()) return;
  digests[name] = next;
  await writeFileAtomic(join(walletDir, FILE), Buffer.from(`${JSON.stringify(digests)}\n`));
}

function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readDigests(walletDir: string): Promise<Record<string, string[]>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(walletDir, FILE), 'utf8'));
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, string[]>)
      : {};
  } catch {
    // Missing or unreadable: no digests, which only means failures are not told apart.
    return {};
  }
}
