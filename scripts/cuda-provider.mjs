// onnxruntime-node's CUDA execution provider, fetched from NuGet with onnxruntime-node's own
// metadata and downloader: for a developer's machine (`npm run setup:cuda`) and at package time
// (scripts/package-cuda-provider.mjs), for any target platform whatever machine builds it.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';

const require = createRequire(import.meta.url);

export const CUDA_RUNTIME_REQUIREMENT =
  'The CUDA provider needs an NVIDIA driver with CUDA 12.x and cuDNN 9.x libraries on the ' +
  'library path (libcudart.so.12, libcublas.so.12, libcublasLt.so.12, libcudnn*.so.9); ' +
  'CUDA 11 and CUDA 13 builds will not load.';

/**
 * Why the provider could not be installed, in one sentence that says what to do. Its stack is
 * just that sentence: a trace through the downloader helps nobody who reads it in a build log.
 */
export class CudaProviderError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CudaProviderError';
    this.stack = `${this.name}: ${message}`;
  }
}

export function onnxruntimePackageDir() {
  return join(dirname(require.resolve('onnxruntime-node')), '..');
}

/**
 * The provider's files for `platform`/`arch` as onnxruntime-node's install metadata lists them
 * (target path, NuGet package, path inside it), or undefined where it has none. In 1.30 only
 * linux/x64 has one: the Windows build of the binding has DirectML and WebGPU, not CUDA.
 */
export function cudaProviderFiles(platform, arch, packageDir = onnxruntimePackageDir()) {
  const metadata = require(join(packageDir, 'script', 'install-metadata.js'));
  const manifest = metadata.manifests[`${platform}/${arch}:cuda12`];
  if (!manifest) return undefined;
  const binDir = join(packageDir, 'bin', 'napi-v6', platform, arch);
  return Object.entries(manifest).map(([file, { package: pkg, path: pathInPackage }]) => ({
    filepath: normalize(join(binDir, file)),
    pathInPackage,
    packagesInfo: metadata.packages[pkg],
  }));
}

export function missingCudaProviderFiles(platform, arch, packageDir = onnxruntimePackageDir()) {
  return (cudaProviderFiles(platform, arch, packageDir) ?? [])
    .map((entry) => entry.filepath)
    .filter((file) => !existsSync(file));
}

/**
 * Downloads the provider for `platform`/`arch` into onnxruntime-node's bin folder and returns the
 * paths it wrote. `feeds` replaces onnxruntime-node's NuGet feeds (tests point it nowhere).
 */
export async function installCudaProvider(
  platform,
  arch,
  { packageDir = onnxruntimePackageDir(), feeds } = {},
) {
  const files = cudaProviderFiles(platform, arch, packageDir);
  if (!files) {
    throw new CudaProviderError(
      `onnxruntime-node has no CUDA provider for ${platform}-${arch}; Tessera uses DirectML, WebGPU or the CPU there.`,
    );
  }
  const metadata = require(join(packageDir, 'script', 'install-metadata.js'));
  const { installPackages } = require(join(packageDir, 'script', 'install-utils.js'));
  if (process.env.GLOBAL_AGENT_HTTPS_PROXY || process.env.GLOBAL_AGENT_HTTP_PROXY) {
    require(require.resolve('global-agent', { paths: [packageDir] })).bootstrap();
  }
  try {
    await installPackages(
      new Set(files.map((file) => file.packagesInfo)),
      files,
      feeds ?? metadata.feeds,
    );
  } catch (error) {
    throw new CudaProviderError(
      `Could not download the CUDA provider for ${platform}-${arch} from NuGet (${reason(error)}): ` +
        'this needs internet access to api.nuget.org, or GLOBAL_AGENT_HTTPS_PROXY set behind a proxy.',
    );
  }
  const missing = missingCudaProviderFiles(platform, arch, packageDir);
  if (missing.length > 0) {
    throw new CudaProviderError(
      `The CUDA provider download for ${platform}-${arch} finished without ${missing.join(', ')}.`,
    );
  }
  return files.map((file) => file.filepath);
}

function reason(error) {
  const code = error?.code ?? error?.cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
