import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The onnxruntime execution providers Tessera can train on, in the order it prefers them. */
export const EXECUTION_PROVIDERS = ['cuda', 'dml', 'webgpu', 'cpu'] as const;
export type ExecutionProviderName = (typeof EXECUTION_PROVIDERS)[number];

/**
 * Which of them the onnxruntime-node 1.30 binaries are built with, per platform (what the binding's
 * `listSupportedBackends()` says there; a test pins this table to it on the machine it runs on).
 * Kept as data so the process that asks never has to load the native runtime.
 */
const BUILT_IN: Readonly<Record<string, readonly ExecutionProviderName[]>> = {
  'linux/x64': ['cuda', 'webgpu', 'cpu'],
  'linux/arm64': ['cpu'],
  'win32/x64': ['dml', 'webgpu', 'cpu'],
  'win32/arm64': ['dml', 'webgpu', 'cpu'],
  'darwin/x64': ['webgpu', 'cpu'],
  'darwin/arm64': ['webgpu', 'cpu'],
};

export function executionProvidersFor(
  platform: string = process.platform,
  arch: string = process.arch,
): readonly ExecutionProviderName[] {
  return BUILT_IN[`${platform}/${arch}`] ?? ['cpu'];
}

/**
 * The CUDA provider is not in the npm package: `npm run setup:cuda` fetches these libraries into
 * the binding's folder. Without them session creation fails with a vague "Failed to load shared
 * library", so check first and say what to do.
 */
const CUDA_PROVIDER_LIBRARIES = [
  'libonnxruntime_providers_shared.so',
  'libonnxruntime_providers_cuda.so',
];

/** Why `name` cannot be tried at all on this installation, or undefined when it can. */
export function providerInstallProblem(name: ExecutionProviderName): string | undefined {
  if (name !== 'cuda') return undefined;
  const folder = onnxruntimeBinaryFolder();
  const missing = CUDA_PROVIDER_LIBRARIES.filter((file) => !existsSync(join(folder, file)));
  if (missing.length === 0) return undefined;
  return `CUDA provider files are not installed (${missing.join(', ')}); run: npm run setup:cuda`;
}

/** Where onnxruntime-node keeps its native libraries for this platform. */
export function onnxruntimeBinaryFolder(): string {
  const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
  return join(dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
}
