import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevnetChain } from '../../electron/core/network/devnet-chain';
import { type Coordinator, startCoordinator } from '../../electron/devnet/coordinator';
import type { DevnetParams } from '../../electron/devnet/params';
import { devSigner, type Signer } from '../../electron/protocol/signature';

/** Fast enough for tests, slow enough that two CPUs shared with other suites keep up. */
export const TEST_PARAMS: Partial<DevnetParams> = {
  blockMs: 50,
  blocksPerWindow: 5,
  tempo: 10,
  maxUids: 16,
  immunityBlocks: 0,
};

export function tempDir(prefix = 'tessera-devnet-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function signer(uri: string): Promise<Signer> {
  return devSigner(uri);
}

export function startTestCoordinator(
  dataDir: string,
  params: Partial<DevnetParams> = {},
  port = 0,
): Promise<Coordinator> {
  return startCoordinator({ dataDir, params: { ...TEST_PARAMS, ...params }, port });
}

export async function client(
  coordinator: { url: string },
  uri: string | undefined,
): Promise<DevnetChain> {
  return DevnetChain.connect(coordinator.url, {
    ...(uri ? { signer: await signer(uri) } : {}),
    retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
    requestTimeoutMs: 5_000,
  });
}

/** Resolves once the chain reaches `block` (polling, so it works across restarts). */
export async function untilBlock(
  chain: { currentBlock(): Promise<{ block: number }> },
  block: number,
  timeoutMs = 20_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { block: now } = await chain.currentBlock();
    if (now >= block) return now;
    if (Date.now() > deadline)
      throw new Error(`block ${block} not reached in ${timeoutMs} ms (at ${now})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
