/**
 * `probe-run import SOURCE [--kernel DIR] [-o FILE]`: a real device tree in, a scenario out (SPEC
 * section 8). SOURCE is a `.dtb`, a `.dts` (compiled with dtc when it is on PATH), a
 * `/proc/device-tree`-style folder, or a board dump folder (its `fdt`, plus its module lists and
 * config as the kernel build). Bad input: diagnostics with byte offsets or paths, exit 2, nothing written.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DeviceTreeNode } from '../src/fdt/device-tree.js';
import { formatFdtDiagnostic } from '../src/fdt/format-fdt-diagnostic.js';
import { parseFdt } from '../src/fdt/parse-fdt.js';
import { importDeviceTree } from '../src/import/import-device-tree.js';
import { emptyKernelBuild, parseBuiltinModinfo, parseKernelConfig, parseModulesAlias, parseSystemMap, type KernelBuild } from '../src/import/kernel-build.js';
import type { Io } from './io.js';
import { packageRoot } from './package-files.js';
import type { CliOptions } from './parse-args.js';
import { readDeviceTreeFolder } from './read-device-tree-folder.js';
import { usageError } from './usage.js';

/** A blob larger than this is refused before it is read (the largest real DTB is about 125 KB). */
const MAX_DTB_BYTES = 64 * 1024 * 1024;
/** Kernel-build text files (System.map of a full build is tens of MB). */
const MAX_TEXT_BYTES = 256 * 1024 * 1024;

const run = promisify(execFile);

type Loaded = { ok: true; tree: DeviceTreeNode; dumpKernel: string | null } | { ok: false; lines: string[] };

/** Size of a file, or null when it is not a regular file. */
async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

async function readBlob(path: string, shown: string): Promise<Loaded> {
  const size = await fileSize(path);
  if (size === null) return { ok: false, lines: [`${shown}: not a readable file`] };
  if (size > MAX_DTB_BYTES) return { ok: false, lines: [`${shown}: ${size} bytes is larger than a device tree can be here (${MAX_DTB_BYTES})`] };
  return parseBlob(await readFile(path), shown);
}

function parseBlob(bytes: Uint8Array, shown: string): Loaded {
  const parsed = parseFdt(bytes);
  if (!parsed.ok) return { ok: false, lines: parsed.diagnostics.map((d) => formatFdtDiagnostic(d, shown)) };
  return { ok: true, tree: parsed.tree, dumpKernel: null };
}

/** `dtc -I dts -O dtb`, when dtc is on PATH. */
async function compileDts(path: string, shown: string, env: Readonly<Record<string, string | undefined>>): Promise<Loaded> {
  let output: { stdout: Buffer };
  try {
    output = (await run('dtc', ['-q', '-I', 'dts', '-O', 'dtb', '-o', '-', path], { encoding: 'buffer', maxBuffer: MAX_DTB_BYTES, env: { ...env } as NodeJS.ProcessEnv })) as { stdout: Buffer };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') {
      return {
        ok: false,
        lines: [
          `${shown}: a .dts needs the device-tree compiler, and dtc is not on PATH.`,
          `  Install it (Debian/Ubuntu: apt install device-tree-compiler; Fedora: dnf install dtc), or pass the built .dtb instead`,
          `  (a kernel tree builds it with make dtbs: arch/arm64/boot/dts/<vendor>/<board>.dtb).`,
          `  Kernel .dts files #include dt-bindings headers: preprocess them first, from the kernel tree:`,
          `    cpp -nostdinc -I include -I arch/arm64/boot/dts -undef -x assembler-with-cpp board.dts > board.pre.dts`,
        ],
      };
    }
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    const hint = /#include|syntax error/.test(stderr) ? ['  (a kernel .dts with #include needs the C preprocessor first: cpp -nostdinc -I include -I arch/arm64/boot/dts -undef -x assembler-with-cpp)'] : [];
    return { ok: false, lines: [`${shown}: dtc could not compile it:`, ...stderr.split('\n').map((l) => `  ${l}`), ...hint] };
  }
  return parseBlob(new Uint8Array(output.stdout), `${shown} (compiled by dtc)`);
}

/** The first of `names` that is a file in `dir`, or in `dir/lib/modules/*`, `dir/boot`. */
async function findFile(dir: string, patterns: RegExp[]): Promise<string | null> {
  const folders = [dir, join(dir, 'boot')];
  try {
    for (const release of (await readdir(join(dir, 'lib', 'modules'))).sort()) folders.push(join(dir, 'lib', 'modules', release));
  } catch {
    // No lib/modules: a build tree or a flat folder.
  }
  for (const folder of folders) {
    let names: string[];
    try {
      names = (await readdir(folder)).sort();
    } catch {
      continue;
    }
    for (const pattern of patterns) {
      const name = names.find((n) => pattern.test(n));
      if (name !== undefined && (await fileSize(join(folder, name))) !== null) return join(folder, name);
    }
  }
  return null;
}

/** Reads what a kernel build (or a board dump) says about drivers. */
async function readKernelBuild(dir: string, shownDir: string): Promise<KernelBuild> {
  const build = emptyKernelBuild();
  const text = async (path: string): Promise<string | null> => {
    const size = await fileSize(path);
    return size === null || size > MAX_TEXT_BYTES ? null : readFile(path, 'utf8');
  };
  const shown = (path: string) => join(shownDir, relative(dir, path));
  const config = await findFile(dir, [/^\.config$/, /^config$/, /^config-/]);
  if (config !== null) {
    const body = await text(config);
    if (body !== null) {
      Object.assign(build, parseKernelConfig(body));
      build.sources.push(shown(config));
    }
  }
  const modinfo = await findFile(dir, [/^modules\.builtin\.modinfo$/]);
  if (modinfo !== null) {
    const body = await text(modinfo);
    if (body !== null) {
      const { builtin, modules } = parseBuiltinModinfo(body);
      build.builtin = builtin;
      build.builtinModules = modules;
      build.sources.push(`${shown(modinfo)} (${builtin.size} of: aliases)`);
    }
  }
  const alias = await findFile(dir, [/^modules\.alias$/]);
  if (alias !== null) {
    const body = await text(alias);
    if (body !== null) {
      build.moduleAlias = parseModulesAlias(body);
      build.sources.push(`${shown(alias)} (${build.moduleAlias.size} of: aliases)`);
    }
  }
  const map = await findFile(dir, [/^System\.map$/, /^System\.map-/]);
  if (map !== null) {
    const body = await text(map);
    if (body !== null) {
      const initcalls = parseSystemMap(body);
      build.initcalls = initcalls.size > 0 ? initcalls : null;
      build.sources.push(`${shown(map)} (${initcalls.size} initcalls${initcalls.size === 0 ? ': a stub' : ''})`);
    }
  }
  return build;
}

/** The device tree of SOURCE, whatever form it has. */
async function loadSource(path: string, shown: string, io: Io): Promise<Loaded> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return { ok: false, lines: [`${shown}: no such file or folder`] };
  }
  if (info.isDirectory()) {
    // A board dump holds the booted blob as `fdt`; anything else is a /proc/device-tree-style folder.
    if ((await fileSize(join(path, 'fdt'))) !== null) {
      const loaded = await readBlob(join(path, 'fdt'), join(shown, 'fdt'));
      return loaded.ok ? { ...loaded, dumpKernel: path } : loaded;
    }
    const folder = await readDeviceTreeFolder(path);
    if (!folder.ok) return { ok: false, lines: folder.errors.map((e) => `${e.file}: error ${e.code}: ${e.message}`) };
    return { ok: true, tree: folder.tree, dumpKernel: null };
  }
  if (/\.dtsi?$/.test(path)) return compileDts(path, shown, io.env);
  return readBlob(path, shown);
}

/** Runs the command; returns the exit code. */
export async function importCommand(io: Io, options: CliOptions): Promise<number> {
  const given = options.paths[0];
  const path = isAbsolute(given) ? given : resolve(io.cwd, given);
  const loaded = await loadSource(path, given, io);
  if (!loaded.ok) {
    io.stderr(loaded.lines.map((l) => `${l}\n`).join(''));
    return usageError(io, `cannot import ${given}: nothing written`, false);
  }
  let kernel: KernelBuild | null = null;
  const kernelDir = options.kernel ?? (loaded.dumpKernel !== null ? given : undefined);
  if (kernelDir !== undefined) {
    const dir = isAbsolute(kernelDir) ? kernelDir : resolve(io.cwd, kernelDir);
    if (!(await stat(dir).catch(() => null))?.isDirectory()) return usageError(io, `--kernel ${kernelDir}: not a folder`, false);
    kernel = await readKernelBuild(dir, kernelDir);
    if (kernel.sources.length === 0) return usageError(io, `--kernel ${kernelDir}: no .config, modules.builtin.modinfo, modules.alias or System.map there (nor in boot/ or lib/modules/*/)`, false);
  }
  const output = options.output;
  const outPath = output === undefined ? null : isAbsolute(output) ? output : resolve(io.cwd, output);
  const schemaRef = outPath === null ? undefined : relative(dirname(outPath), join(packageRoot(), 'schema', 'scenario.schema.json')).split('\\').join('/');
  const result = importDeviceTree(loaded.tree, { source: basename(given.replace(/\/+$/, '')) || given, kernel, ...(schemaRef === undefined ? {} : { schemaRef }) });
  for (const warning of result.warnings) io.stderr(`${formatFdtDiagnostic(warning, given)}\n`);
  const s = result.summary;
  const figures = `${s.nodes} nodes (${s.devices} devices at populate, ${s.children} children, ${s.disabled} disabled, ${s.early} early), ${s.references} references, ${s.dropped} dropped; drivers: ${s.drivers.builtin} built in, ${s.drivers.module} modules, ${s.drivers.guessed} guessed, ${s.drivers.early} early`;
  if (outPath === null) {
    io.stdout(result.yaml);
    io.stderr(`imported ${given}: ${figures}\n`);
  } else {
    await io.fs.mkdirp(dirname(outPath));
    await io.fs.writeAtomic(outPath, result.yaml);
    io.stderr(`imported ${given} into ${output}: ${figures}\n`);
  }
  return 0;
}
