/** Test-only: writes a tree as a `/proc/device-tree`-style folder (a folder per node, a file per property). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildNode } from './fdt-builder.js';

/** Writes `root` into `dir` (which becomes the root node's folder). */
export function writeDeviceTreeFolder(dir: string, root: BuildNode): void {
  mkdirSync(dir, { recursive: true });
  for (const property of root.properties ?? []) writeFileSync(join(dir, property.name), property.value);
  for (const child of root.children ?? []) writeDeviceTreeFolder(join(dir, child.name), child);
}
