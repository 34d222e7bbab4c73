// Package-time hook: puts onnxruntime's CUDA provider into the app for targets that have one, so
// a packaged Tessera trains on NVIDIA GPUs without `npm run setup:cuda`. electron-builder runs the
// default export as its beforePack hook (build/electron-builder.json); forge.config.ts calls
// provideCudaProvider from its prePackage hook. TESSERA_PACKAGE_CUDA=skip builds without it
// (offline, or a CPU/WebGPU-only package).

import {
  cudaProviderFiles,
  installCudaProvider,
  missingCudaProviderFiles,
} from './cuda-provider.mjs';

/** electron-builder's Arch enum (builder-util), by value. */
const BUILDER_ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export async function provideCudaProvider(
  platform,
  arch,
  { env = process.env, log = (line) => console.log(line), packageDir } = {},
) {
  const where = `${platform}-${arch}`;
  if (env.TESSERA_PACKAGE_CUDA === 'skip') {
    log(`CUDA provider for ${where}: skipped (TESSERA_PACKAGE_CUDA=skip).`);
    return [];
  }
  if (cudaProviderFiles(platform, arch, packageDir) === undefined) {
    log(
      `CUDA provider for ${where}: none exists; this build trains with DirectML, WebGPU or the CPU.`,
    );
    return [];
  }
  if (missingCudaProviderFiles(platform, arch, packageDir).length === 0) {
    log(`CUDA provider for ${where}: already present.`);
    return [];
  }
  log(`CUDA provider for ${where}: downloading from NuGet...`);
  return installCudaProvider(platform, arch, { packageDir });
}

export default async function beforePack(context) {
  await provideCudaProvider(context.electronPlatformName, BUILDER_ARCH[context.arch]);
}
