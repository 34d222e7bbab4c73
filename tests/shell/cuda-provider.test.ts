import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CudaProviderError,
  cudaProviderFiles,
  installCudaProvider,
  onnxruntimePackageDir,
} from '../../scripts/cuda-provider.mjs';
import beforePack, { provideCudaProvider } from '../../scripts/package-cuda-provider.mjs';

/**
 * A stand-in for the onnxruntime-node package: its real install scripts, an empty bin folder, so
 * nothing here can touch the installed package.
 */
let packageDir: string;
beforeEach(() => {
  packageDir = mkdtempSync(join(tmpdir(), 'tessera-ort-'));
  symlinkSync(join(onnxruntimePackageDir(), 'script'), join(packageDir, 'script'));
});
afterEach(() => rmSync(packageDir, { recursive: true, force: true }));

/** Port 9 (discard) on loopback: nothing listens, so every request is refused at once. */
const OFFLINE = { nuget: { type: 'nuget' as const, index: 'https://127.0.0.1:9/v3/index.json' } };

describe('cudaProviderFiles', () => {
  it("lists onnxruntime-node's CUDA 12 provider files for linux-x64", () => {
    const files = cudaProviderFiles('linux', 'x64', packageDir)!.map((f) => f.filepath);
    expect(files.map((f) => f.slice(packageDir.length))).toEqual(
      expect.arrayContaining([
        join('/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so'),
        join('/bin/napi-v6/linux/x64/libonnxruntime_providers_shared.so'),
      ]),
    );
  });

  it('has none for Windows, whose onnxruntime-node build has DirectML and WebGPU instead', () => {
    expect(cudaProviderFiles('win32', 'x64', packageDir)).toBeUndefined();
    expect(cudaProviderFiles('darwin', 'arm64', packageDir)).toBeUndefined();
  });
});

describe('installCudaProvider', () => {
  it('fails offline with one sentence that says what is needed', async () => {
    const failure = installCudaProvider('linux', 'x64', { packageDir, feeds: OFFLINE });

    await expect(failure).rejects.toThrow(CudaProviderError);
    const error = (await failure.catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^Could not download the CUDA provider for linux-x64 from NuGet \(.*ECONNREFUSED.*\): this needs internet access to api\.nuget\.org/,
    );
    expect(error.message.trim().endsWith('.')).toBe(true);
    expect(error.stack).toBe(`CudaProviderError: ${error.message}`);
  });

  it('refuses a platform that has no provider, saying why', async () => {
    await expect(installCudaProvider('win32', 'x64', { packageDir })).rejects.toThrow(
      /no CUDA provider for win32-x64; Tessera uses DirectML, WebGPU or the CPU there\./,
    );
  });
});

describe('the packaging hook', () => {
  it('skips targets without a provider and goes on packaging', async () => {
    const log = vi.fn();
    await expect(provideCudaProvider('win32', 'x64', { log, packageDir })).resolves.toEqual([]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('none exists'));
  });

  it('builds without the provider when asked to', async () => {
    const log = vi.fn();
    const env = { TESSERA_PACKAGE_CUDA: 'skip' };
    await expect(provideCudaProvider('linux', 'x64', { env, log, packageDir })).resolves.toEqual(
      [],
    );
    expect(log).toHaveBeenCalledWith(expect.stringContaining('skipped'));
  });

  it("reads electron-builder's target (Arch.arm64 is 3) as a platform and arch", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    // linux-arm64 has no provider, so this resolves without any download.
    await expect(beforePack({ electronPlatformName: 'linux', arch: 3 })).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('CUDA provider for linux-arm64'));
    log.mockRestore();
  });
});
