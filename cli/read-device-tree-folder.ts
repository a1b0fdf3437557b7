/**
 * Reads a `/proc/device-tree`-style folder (a live board's `/sys/firmware/devicetree/base`, or a copy of
 * it): a folder per node, a file per property holding its raw value. The folder has no order of its
 * own, so properties and children are sorted by name. Only the given folder itself may be a link;
 * inside it, a link is read only when it points at a file inside the tree, and special files (a FIFO
 * would block) are never opened. Sizes, depth and counts are bounded like a blob's (FdtLimits).
 * A live tree has a `name` property in every node that the board's .dtb lacks (populate_properties in
 * drivers/of/fdt.c recreates it from the node name); it is kept as read, like every other file.
 */
import { constants, type Dirent } from 'node:fs';
import { lstat, open, opendir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { childPath } from '../src/fdt/child-path.js';
import { isValidNodeName, isValidPropertyName } from '../src/fdt/device-tree-names.js';
import type { DeviceTreeNode } from '../src/fdt/device-tree.js';
import { DEFAULT_FDT_LIMITS, type FdtLimits } from '../src/fdt/fdt-limits.js';
import { compareCodePoints } from './find-scenarios.js';

/** Why a folder, or an entry of it, could not be read as part of a device tree. */
export type DeviceTreeFolderErrorCode =
  | 'not-a-folder'
  | 'bad-name'
  | 'link-outside'
  | 'link-not-file'
  | 'special-file'
  | 'too-large'
  | 'too-deep'
  | 'too-many'
  | 'io';

/** One problem: the file-system path it is about, and what is wrong. */
export interface DeviceTreeFolderError {
  code: DeviceTreeFolderErrorCode;
  /** The path on disk, as the given folder joined with the entry's place in it. */
  file: string;
  message: string;
}

/** The tree (property offsets are null: there is no blob), or every problem found. */
export type DeviceTreeFolderResult = { ok: true; tree: DeviceTreeNode } | { ok: false; errors: DeviceTreeFolderError[] };

/** Thrown inside the reader only to stop once a limit makes going on pointless. */
class StopReading {}

/** Reads the folder `dir` as the root node of a device tree. */
export async function readDeviceTreeFolder(dir: string, limits: Partial<FdtLimits> = {}): Promise<DeviceTreeFolderResult> {
  const reader = new FolderReader(dir, { ...DEFAULT_FDT_LIMITS, ...limits });
  return reader.read();
}

class FolderReader {
  private readonly errors: DeviceTreeFolderError[] = [];
  private bytes = 0;
  private nodes = 0;
  private properties = 0;
  private realRoot = '';

  constructor(
    private readonly dir: string,
    private readonly limits: FdtLimits,
  ) {}

  async read(): Promise<DeviceTreeFolderResult> {
    try {
      let info;
      try {
        // The folder given may itself be a link (/proc/device-tree is one): follow that one.
        this.realRoot = await realpath(this.dir);
        info = await stat(this.realRoot);
      } catch (error) {
        this.fail('io', this.dir, `cannot read the folder: ${describe(error)}`);
      }
      if (!info.isDirectory()) this.fail('not-a-folder', this.dir, 'is not a folder: a device-tree folder has a folder per node and a file per property');
      const root: DeviceTreeNode = { name: '', path: '/', offset: null, properties: [], children: [] };
      this.nodes = 1;
      await this.readNode(root, this.realRoot, this.dir, 1);
      if (this.errors.length === 0) return { ok: true, tree: root };
    } catch (error) {
      if (!(error instanceof StopReading)) throw error;
    }
    return { ok: false, errors: this.errors };
  }

  private report(code: DeviceTreeFolderErrorCode, file: string, message: string): void {
    this.errors.push({ code, file, message });
    if (this.errors.length >= this.limits.maxDiagnostics) throw new StopReading();
  }

  private fail(code: DeviceTreeFolderErrorCode, file: string, message: string): never {
    this.report(code, file, message);
    throw new StopReading();
  }

  /** Reads the entries of `real` (shown to the user as `shown`) into `node`. */
  private async readNode(node: DeviceTreeNode, real: string, shown: string, depth: number): Promise<void> {
    // The folder may have been swapped for a link since it was listed: it must still be itself, inside the tree.
    const resolved = await realpath(real).catch(() => null);
    if (resolved !== real) {
      this.report('link-outside', shown, 'changed into a link while it was read; it is not followed');
      return;
    }
    // Listed as a stream, so a folder of millions of entries stops at the limits instead of being held whole.
    const room = this.limits.maxNodes - this.nodes + this.limits.maxProperties - this.properties;
    const entries: Dirent[] = [];
    try {
      const dir = await opendir(real);
      for await (const entry of dir) {
        entries.push(entry);
        if (entries.length > room) this.fail('too-many', shown, `more entries than the ${this.limits.maxNodes} nodes and ${this.limits.maxProperties} properties allowed`);
      }
    } catch (error) {
      if (error instanceof StopReading) throw error;
      this.report('io', shown, `cannot list the folder: ${describe(error)}`);
      return;
    }
    entries.sort((a, b) => compareCodePoints(a.name, b.name));
    const folders: Dirent[] = [];
    for (const entry of entries) {
      const file = join(shown, entry.name);
      if (entry.isDirectory()) {
        folders.push(entry);
      } else if (entry.isFile()) {
        await this.readProperty(node, entry.name, join(real, entry.name), file);
      } else if (entry.isSymbolicLink()) {
        await this.readLink(node, entry.name, join(real, entry.name), file);
      } else {
        this.report('special-file', file, 'is neither a file nor a folder (a device, FIFO or socket); it is not opened');
      }
    }
    for (const entry of folders) {
      const file = join(shown, entry.name);
      if (!isValidNodeName(entry.name)) {
        this.report('bad-name', file, `node name ${JSON.stringify(entry.name)}: a node name is 0-9 a-z A-Z , . _ + - with an optional @unit-address`);
        continue;
      }
      if (depth + 1 > this.limits.maxDepth) this.fail('too-deep', file, `a node at depth ${depth + 1}; at most ${this.limits.maxDepth} levels are read`);
      this.nodes += 1;
      if (this.nodes > this.limits.maxNodes) this.fail('too-many', file, `more than ${this.limits.maxNodes} nodes`);
      const child: DeviceTreeNode = { name: entry.name, path: childPath(node.path, entry.name), offset: null, properties: [], children: [] };
      node.children.push(child);
      await this.readNode(child, join(real, entry.name), file, depth + 1);
    }
  }

  /** A link inside the tree is read only when it resolves to a regular file inside the tree. */
  private async readLink(node: DeviceTreeNode, name: string, real: string, file: string): Promise<void> {
    let target: string;
    try {
      target = await realpath(real);
    } catch (error) {
      this.report('io', file, `is a link that cannot be followed: ${describe(error)}`);
      return;
    }
    const inside = relative(this.realRoot, target);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || inside.startsWith(sep)) {
      this.report('link-outside', file, `is a link to ${target}, outside the device-tree folder; it is not followed`);
      return;
    }
    const info = await lstat(target).catch(() => null);
    if (info === null || !info.isFile()) {
      this.report('link-not-file', file, `is a link to ${target}, which is not a file; links to folders are not followed (they could repeat or loop)`);
      return;
    }
    await this.readProperty(node, name, target, file);
  }

  private async readProperty(node: DeviceTreeNode, name: string, real: string, file: string): Promise<void> {
    if (!isValidPropertyName(name)) {
      this.report('bad-name', file, `property name ${JSON.stringify(name)}: a property name is 0-9 a-z A-Z , . _ + ? # -`);
      return;
    }
    this.properties += 1;
    if (this.properties > this.limits.maxProperties) this.fail('too-many', file, `more than ${this.limits.maxProperties} properties`);
    const budget = this.limits.maxBytes - this.bytes;
    const value = await readBounded(real, budget).catch((error: unknown) => {
      this.report('io', file, `cannot read the property: ${describe(error)}`);
      return null;
    });
    if (value === null) return;
    if (value === 'too-large') this.fail('too-large', file, `the properties read so far and this one exceed ${this.limits.maxBytes} bytes`);
    this.bytes += value.length;
    node.properties.push({ name, value, offset: null });
  }
}

/**
 * The file's bytes, read to its end (a pseudo-file may report size 0), or 'too-large' as soon as it
 * holds more than `budget` bytes: never more than budget + 1 bytes are read.
 */
async function readBounded(path: string, budget: number): Promise<Uint8Array | 'too-large'> {
  // Non-blocking, then checked: a FIFO swapped in after the listing neither blocks nor is read.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new Error('not a regular file');
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(65536, budget - total + 1));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > budget) return 'too-large';
      chunks.push(chunk.subarray(0, bytesRead));
    }
    const value = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      value.set(chunk, offset);
      offset += chunk.length;
    }
    return value;
  } finally {
    await handle.close();
  }
}

function describe(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
