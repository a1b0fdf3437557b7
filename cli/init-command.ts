/** `probe-run init [DIR]`: a starter project with editor help that needs no path into this package. */
import { joinPath } from '../src/golden/golden-paths.js';
import { runScenario } from '../src/run/run-scenario.js';
import type { Stages } from '../src/run/stages.js';
import { normalizePath } from './find-scenarios.js';
import type { Io } from './io.js';
import { readPackageFile } from './package-files.js';
import type { CliOptions } from './parse-args.js';
import { usageError } from './usage.js';

/** The example's id: `scenarios/<id>.yaml`, `golden/<id>.trace`. */
export const EXAMPLE_ID = 'examples/display-waits-for-iommu';

/** Where the copy of the schema goes, relative to the project folder. */
export const SCHEMA_COPY = 'schema/scenario.schema.json';

/** The example scenario, after its modeline: the README's one-minute scenario. */
const EXAMPLE_BODY = `description: The display waits for its SMMU, a module loaded at 4 s; both need the clock controller.
covers: [K5.3, K8.1]          # SPEC rule ids this scenario shows
kernel: { profile: v6.15 }    # v3.19 | v4.12 | v6.1 | v6.8 | v6.12 | v6.15, plus single knobs
nodes:                        # device-tree nodes in source order, keyed by label
  cmu:  { compatible: [acme,cmu], clock-cells: 1 }
  smmu: { compatible: [arm,mmu-500], iommu-cells: 1, clocks: [cmu 1] }
  dpu:  { compatible: [acme,dpu], iommus: [smmu 0x800], clocks: [cmu 7] }
drivers:                      # in link order within each initcall level
  acme-cmu: { compatible: [acme,cmu], initcall: core }
  arm-smmu: { compatible: [arm,mmu-500], build: module }
  acme-dpu: { compatible: [acme,dpu] }
faults: {}                    # failure injection by node, e.g. smmu: { probe: [-EPROBE_DEFER] }
timeline:                     # seconds after initcalls end
  - { at: 4, modprobe: arm-smmu }
expect:                       # assertions checked besides the golden trace
  dpu: { state: bound, dma: iommu }
`;

/** The modeline of a scenario at `id`, pointing at the schema copy by a path relative to the scenario. */
export function modeline(id: string): string {
  const up = '../'.repeat(id.split('/').length);
  return `# yaml-language-server: $schema=${up}${SCHEMA_COPY}`;
}

/** One file of the starter project. */
interface StarterFile {
  path: string;
  text: string;
}

/**
 * The starter project's files under `dir`: the example scenario with its modeline, its golden (the
 * trace this version of probe-run gives for it, so the project passes at once), and the schema.
 */
export function starterFiles(dir: string, stages: Stages): StarterFile[] {
  const scenario = joinPath(dir, 'scenarios', `${EXAMPLE_ID}.yaml`);
  const source = `${modeline(EXAMPLE_ID)}\n${EXAMPLE_BODY}`;
  const goldenBase = joinPath(dir, 'golden', EXAMPLE_ID);
  const result = runScenario(
    { id: EXAMPLE_ID, file: scenario, source, goldenBase, goldenTrace: null, goldenErrors: null, actualBase: joinPath(dir, '.probe-run', 'actual', EXAMPLE_ID) },
    {},
    stages,
  );
  if (result.status !== 'new' || result.expectFailures.length > 0) {
    throw new Error(`probe-run bug: the init example is ${result.status}, not new: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return [
    { path: scenario, text: source },
    { path: `${goldenBase}.trace`, text: result.actual },
    { path: joinPath(dir, SCHEMA_COPY), text: readPackageFile('schema/scenario.schema.json') },
  ];
}

/**
 * Writes the starter project into DIR (default: the current folder). Refuses, writing nothing, when
 * any of its files exists already (exit 2); each file is created exclusively, so a file that appears
 * meanwhile is not overwritten either (the ones already written are then removed).
 */
export async function initCommand(io: Io, options: CliOptions, stages: Stages): Promise<number> {
  const typed = options.paths[0] ?? '.';
  const dir = normalizePath(typed, io.cwd);
  const files = starterFiles(dir, stages);
  const existing: string[] = [];
  for (const file of files) if ((await io.fs.kind(file.path)) !== null) existing.push(file.path);
  if (existing.length > 0) {
    return usageError(io, `init writes nothing: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} (remove ${existing.length === 1 ? 'it' : 'them'}, or pick another folder)`, false);
  }
  const written: string[] = [];
  for (const file of files) {
    await io.fs.mkdirp(file.path.slice(0, file.path.lastIndexOf('/')) || '.');
    if (!(await io.fs.createExclusive(file.path, file.text))) {
      for (const path of written) await io.fs.remove(path);
      return usageError(io, `init writes nothing: ${file.path} appeared while writing`, false);
    }
    written.push(file.path);
  }
  const scenarios = joinPath(dir, 'scenarios');
  io.stdout(
    [
      ...written.map((path) => `wrote ${path}`),
      '',
      `Next: probe-run ${scenarios}        replays the example and compares it with its golden (1 passed)`,
      `      probe-run tui ${scenarios}    browse it; add scenarios beside it, each starting with the line`,
      `      ${modeline('<group>/<name>')}`,
      '      so that editors with the YAML language server complete and explain every key.',
      '',
    ].join('\n'),
  );
  return 0;
}
