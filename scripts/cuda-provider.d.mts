// Types for cuda-provider.mjs, which stays plain JavaScript so `npm run setup:cuda` runs without tsx.

export const CUDA_RUNTIME_REQUIREMENT: string;

export class CudaProviderError extends Error {}

export interface CudaProviderFile {
  filepath: string;
  pathInPackage: string;
  packagesInfo: unknown;
}

export interface NugetFeeds {
  [name: string]: { type: 'nuget'; index: string };
}

export function onnxruntimePackageDir(): string;
export function cudaProviderFiles(
  platform: string,
  arch: string,
  packageDir?: string,
): CudaProviderFile[] | undefined;
export function missingCudaProviderFiles(
  platform: string,
  arch: string,
  packageDir?: string,
): string[];
export function installCudaProvider(
  platform: string,
  arch: string,
  options?: { packageDir?: string; feeds?: NugetFeeds },
): Promise<string[]>;
