#!/usr/bin/env node
// `npm run setup:cuda`: the opt-in download of onnxruntime's CUDA provider for Linux x64.
// npm install skips it (.npmrc), because it comes from NuGet rather than the npm registry.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const PROVIDER_FILES = [
  'libonnxruntime_providers_shared.so',
  'libonnxruntime_providers_cuda.so',
  'libonnxruntime_providers_tensorrt.so',
];
const RUNTIME_REQUIREMENT =
  'The CUDA provider needs an NVIDIA driver with CUDA 12.x and cuDNN 9.x libraries on the ' +
  'library path (libcudart.so.12, libcublas.so.12, libcublasLt.so.12, libcudnn*.so.9); ' +
  'CUDA 11 and CUDA 13 builds will not load.';

function fail(message) {
  process.stderr.write(`setup:cuda: ${message}\n`);
  process.exit(1);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  fail(
    `onnxruntime-node has a CUDA provider only for Linux x64, not ${process.platform} ${process.arch}; ` +
      'Tessera uses DirectML, WebGPU or the CPU here, with nothing to install. ' +
      'Run `npx tessera doctor` to see which work.',
  );
}

const packageDir = join(dirname(require.resolve('onnxruntime-node')), '..');
const binaryDir = join(packageDir, 'bin', 'napi-v6', 'linux', 'x64');

process.stdout.write(
  `${RUNTIME_REQUIREMENT}\nFetching the CUDA provider for onnxruntime-node...\n`,
);

const installer = spawn(process.execPath, [join(packageDir, 'script', 'install.js')], {
  cwd: packageDir,
  env: {
    ...process.env,
    // "Force install this platform's manifest", which for linux/x64 is cuda12. The environment
    // variable outranks the npm config that .npmrc sets to skip; the value `cuda12` itself is not
    // used because install-utils' parseInstallFlag (1.30) drops named values, and the script then
    // exits without doing anything when run under `npm run`.
    ONNXRUNTIME_NODE_INSTALL: '1',
  },
  stdio: ['ignore', 'inherit', 'pipe'],
});

let stderr = '';
installer.stderr.on('data', (chunk) => {
  stderr += chunk;
});

installer.on('exit', (code, signal) => {
  const missing = PROVIDER_FILES.filter((file) => !existsSync(join(binaryDir, file)));
  if (code !== 0 || missing.length > 0) {
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
    fail(
      `could not fetch the CUDA provider (${firstError(stderr) ?? `the installer ${how}`}). ` +
        'It downloads Microsoft.ML.OnnxRuntime.Gpu.Linux from api.nuget.org, so this machine needs ' +
        'internet access there; behind a proxy, set GLOBAL_AGENT_HTTPS_PROXY.',
    );
  }
  process.stdout.write(
    `Installed ${PROVIDER_FILES.join(', ')} into ${binaryDir}.\n` +
      'Run `npx tessera doctor` to check that the cuda provider works.\n',
  );
});

/** The installer fails with an unhandled rejection; its stack trace helps nobody, its message does. */
function firstError(text) {
  const line = text.split('\n').find((l) => /^\s*(\w*Error|Error)\b.*:/.test(l));
  return line?.trim();
}
