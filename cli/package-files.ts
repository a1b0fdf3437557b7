/** Files of the probe-run installation itself (package.json, the schema), found from this module's location. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder holding probe-run's package.json: this module runs from `cli/` (tsx) or `dist/cli/`
 * (built), so walk up until the package.json named probe-run.
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'probe-run') return (root = dir);
    if (dirname(dir) === dir) throw new Error('probe-run: cannot find its own package.json');
  }
}

/** The text of a file of the installation, by path relative to the package root. */
export function readPackageFile(path: string): string {
  return readFileSync(join(packageRoot(), path), 'utf8');
}

/** probe-run's version, from package.json. */
export function packageVersion(): string {
  return (JSON.parse(readPackageFile('package.json')) as { version: string }).version;
}
