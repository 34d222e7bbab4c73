import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Packages that the main and trainer bundles load from node_modules at run time instead of having
 * Vite inline them: native addons (a .node binary and the shared libraries beside it cannot be
 * bundled) and electron-updater, which reads its own files lazily. vite.main.config.ts marks them
 * external; both packagers ship them and their dependencies.
 */
export const UNBUNDLED_PACKAGES = ['onnxruntime-node', 'better-sqlite3', 'electron-updater'];

/**
 * The folders (relative to `projectDir`, with forward slashes) of `roots` and every package they
 * depend on at run time, found the way Node resolves them: the nearest node_modules upwards.
 */
export function runtimePackageDirs(projectDir: string, roots: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    const dir = resolvePackageDir(projectDir, fromDir, name);
    if (dir === undefined) throw new Error(`${name} is not installed; run npm install`);
    const key = relative(projectDir, dir).split(sep).join('/');
    if (found.has(key)) return;
    found.add(key);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) {
      if (resolvePackageDir(projectDir, dir, dependency) !== undefined) visit(dependency, dir);
    }
  };
  for (const root of roots) visit(root, projectDir);
  return [...found].sort();
}

function resolvePackageDir(projectDir: string, fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === projectDir || dirname(dir) === dir) return undefined;
  }
}

/**
 * Forge's packager filter (true = leave out): the Vite output, package.json and the unbundled
 * packages with their dependencies, and nothing else. `path` is relative to the project with a
 * leading slash, as @electron/packager passes it; folders on the way to a kept package are kept.
 */
export function forgeIgnore(keptPackageDirs: readonly string[]): (path: string) => boolean {
  const kept = ['/.vite', '/package.json', ...keptPackageDirs.map((dir) => `/${dir}`)];
  return (path) => {
    if (!path) return false;
    const normalized = path.split('\\').join('/');
    return !kept.some(
      (keep) =>
        normalized === keep ||
        normalized.startsWith(`${keep}/`) ||
        keep.startsWith(`${normalized}/`),
    );
  };
}
