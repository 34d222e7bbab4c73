// Types for package-cuda-provider.mjs (plain JavaScript: electron-builder loads it as a hook).

export function provideCudaProvider(
  platform: string,
  arch: string,
  options?: {
    env?: Record<string, string | undefined>;
    log?: (line: string) => void;
    packageDir?: string;
  },
): Promise<string[]>;

export default function beforePack(context: {
  electronPlatformName: string;
  arch: number;
}): Promise<void>;
