#!/usr/bin/env node
// `npm run setup:cuda`: the opt-in download of onnxruntime's CUDA provider for Linux x64.
// npm install skips it (.npmrc), because it comes from NuGet rather than the npm registry.

import {
  CUDA_RUNTIME_REQUIREMENT,
  CudaProviderError,
  cudaProviderFiles,
  installCudaProvider,
} from './cuda-provider.mjs';

function fail(message) {
  process.stderr.write(`setup:cuda: ${message}\n`);
  process.exit(1);
}

const { platform, arch } = process;
if (cudaProviderFiles(platform, arch) === undefined) {
  fail(
    `onnxruntime-node has a CUDA provider only for Linux x64, not ${platform} ${arch}; ` +
      'Tessera uses DirectML, WebGPU or the CPU here, with nothing to install. ' +
      'Run `npx tessera doctor` to see which work.',
  );
}

process.stdout.write(
  `${CUDA_RUNTIME_REQUIREMENT}\nFetching the CUDA provider for onnxruntime-node...\n`,
);
try {
  const installed = await installCudaProvider(platform, arch);
  process.stdout.write(
    `Installed ${installed.join(', ')}.\nRun \`npx tessera doctor\` to check that the cuda provider works.\n`,
  );
} catch (error) {
  if (error instanceof CudaProviderError) fail(error.message);
  throw error;
}
