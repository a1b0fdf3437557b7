/** The command line, parsed by hand around node:util parseArgs: a command, paths and options, or a usage error. */
import { parseArgs } from 'node:util';
import type { ColorFlag } from '../src/report/color-mode.js';
import { PROFILE_NAMES, type ProfileName } from '../src/model/scenario.js';
import { nearestKey } from '../src/diagnostics/nearest-key.js';

/** The reporters `--reporter` accepts. */
export const REPORTERS = ['text', 'json', 'junit', 'tap', 'ktap'] as const;
/** One of REPORTERS. */
export type ReporterName = (typeof REPORTERS)[number];

/** Subcommands; `run` is the default when the first word is not one of the others. */
export type Command = 'run' | 'check' | 'schema' | 'tui' | 'explain' | 'export-dts' | 'import' | 'init' | 'collect-script' | 'compare' | 'oracle' | 'help' | 'version';

/** Everything the command line asked for. */
export interface CliOptions {
  command: Command;
  /** Scenario files and folders as typed; empty means the default `scenarios/`. */
  paths: string[];
  /** `--filter` values: substrings of, or globs on, scenario ids. */
  filters: string[];
  profile: ProfileName | undefined;
  goldenDir: string | undefined;
  reporter: ReporterName;
  updateGolden: boolean;
  force: boolean;
  color: ColorFlag;
  stepBound: number | undefined;
  /** `--check-determinism`: run each scenario several times with shuffled orders instead of comparing goldens (set only when given). */
  checkDeterminism?: boolean;
  /** `import --kernel DIR`: the kernel build (or installed kernel) whose drivers the import uses; `oracle --kernel 6.12|6.1`: the real kernel to boot (set only when given). */
  kernel?: string;
  /** `oracle --record`: rewrite oracle/recorded/<kernel>/ from the dumps (set only when given). */
  record?: boolean;
  /** `import -o FILE`: where the imported scenario goes instead of stdout (set only when given). */
  output?: string;
  /** `--watch`: after the run, run again the scenarios whose files change, until Ctrl-C (set only when given; the TUI watches anyway). */
  watch?: boolean;
}

/** A command line that makes sense, or what is wrong with it. */
export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string };

const OPTIONS = {
  filter: { type: 'string', multiple: true },
  profile: { type: 'string' },
  'golden-dir': { type: 'string' },
  reporter: { type: 'string' },
  'update-golden': { type: 'boolean', short: 'u' },
  force: { type: 'boolean' },
  color: { type: 'string' },
  'no-color': { type: 'boolean' },
  'step-bound': { type: 'string' },
  'check-determinism': { type: 'boolean' },
  json: { type: 'boolean' },
  kernel: { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  watch: { type: 'boolean' },
  record: { type: 'boolean' },
} as const;

const SUBCOMMANDS = new Set(['check', 'schema', 'tui', 'explain', 'export-dts', 'import', 'init', 'collect-script', 'compare', 'oracle']);

/** Options that do nothing with a command are errors rather than silently ignored. */
const NOT_WITH: Record<'check' | 'schema' | 'tui' | 'explain' | 'export-dts' | 'import' | 'init' | 'collect-script' | 'compare' | 'oracle', (keyof typeof OPTIONS)[]> = {
  check: ['update-golden', 'force', 'profile', 'step-bound'],
  schema: ['filter', 'profile', 'golden-dir', 'reporter', 'update-golden', 'force', 'color', 'no-color', 'step-bound', 'watch'],
  tui: ['reporter', 'update-golden', 'color', 'no-color'],
  explain: ['filter', 'golden-dir', 'reporter', 'update-golden', 'force', 'color', 'no-color', 'watch'],
  'export-dts': ['filter', 'profile', 'golden-dir', 'reporter', 'update-golden', 'force', 'color', 'no-color', 'step-bound', 'watch'],
  import: ['filter', 'profile', 'golden-dir', 'reporter', 'update-golden', 'force', 'color', 'no-color', 'step-bound', 'watch'],
  init: ['filter', 'profile', 'golden-dir', 'reporter', 'update-golden', 'force', 'color', 'no-color', 'step-bound', 'check-determinism', 'json', 'kernel', 'output', 'watch'],
  oracle: ['filter', 'profile', 'golden-dir', 'reporter', 'update-golden', 'force', 'color', 'no-color', 'step-bound', 'check-determinism', 'json', 'output', 'watch'],
  compare: ['filter', 'golden-dir', 'update-golden', 'force', 'color', 'no-color', 'check-determinism', 'json', 'kernel', 'output', 'watch'],
  'collect-script': ['filter', 'profile', 'golden-dir', 'reporter', 'update-golden', 'force', 'color', 'no-color', 'step-bound', 'check-determinism', 'json', 'kernel', 'output', 'watch'],
};

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T | string {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return `${flag} must be one of ${allowed.join(', ')} (got '${value}')`;
}

/** `--name` for every long option, `-x` for every short one: what a mistyped option is compared with. */
function knownOptions(): string[] {
  return Object.entries(OPTIONS).flatMap(([name, option]) => ['--' + name, ...('short' in option ? ['-' + option.short] : [])]);
}

/**
 * Our words for parseArgs' errors: an unknown option with the nearest known one ("did you mean"), an
 * option without its value, a flag given a value. Node's own text suggests `--` tricks that do not help.
 */
function parseArgsMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  const text = error instanceof Error ? error.message : String(error);
  // Node quotes the option as typed, or as `-h, --help` / `--filter <value>` for a known one.
  const quoted = /'(?:-[^-' ], )?(-[^' ]*)/.exec(text)?.[1];
  const option = quoted?.startsWith('--') ? quoted.split('=')[0] : quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    const known = knownOptions();
    const near = option.startsWith('--') ? nearestKey(option.slice(2), known.filter((name) => name.startsWith('--')).map((name) => name.slice(2))) : null;
    return `unknown option '${option}'${near === null ? '' : `; did you mean --${near}?`}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    return text.includes('argument missing') ? `${option} needs a value` : `${option} takes no value`;
  }
  return text;
}

/** Parses argv (without `node` and the script). */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs throws TypeErrors with a code for unknown options and missing values: user mistakes.
    return { ok: false, message: parseArgsMessage(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, options: defaults('help', []) };
  if (values.version) return { ok: true, options: defaults('version', []) };

  const first = positionals[0];
  const command: Command = first !== undefined && SUBCOMMANDS.has(first) ? (first as Command) : 'run';
  const paths = command === 'run' ? positionals : positionals.slice(1);
  if (command !== 'run') {
    const given = Object.keys(values).filter((key) => values[key as keyof typeof values] !== undefined);
    const wrong = given.find((key) => NOT_WITH[command as keyof typeof NOT_WITH].includes(key as keyof typeof OPTIONS));
    if (wrong !== undefined) return { ok: false, message: `--${wrong} cannot be used with 'probe-run ${command}'` };
  }
  if (values['check-determinism']) {
    if (command !== 'run') return { ok: false, message: `--check-determinism cannot be used with 'probe-run ${command}'` };
    const clash = (['update-golden', 'force', 'golden-dir'] as const).find((key) => values[key] !== undefined);
    if (clash !== undefined) return { ok: false, message: `--${clash} cannot be used with --check-determinism: it compares runs with each other, not with goldens` };
    if (values.reporter !== undefined && values.reporter !== 'text') return { ok: false, message: '--check-determinism prints a text report only (--reporter text)' };
  }
  if (values.watch && command !== 'tui') {
    if (values['check-determinism']) return { ok: false, message: '--watch cannot be used with --check-determinism' };
    if (values['update-golden']) {
      return { ok: false, message: '--watch cannot be used with --update-golden: goldens are accepted after review (probe-run tui, or --update-golden without --watch)' };
    }
    if (values.reporter !== undefined && values.reporter !== 'text') return { ok: false, message: `--watch prints the text report only (got --reporter ${values.reporter})` };
  }
  if (command === 'init' && paths.length > 1) return { ok: false, message: `'probe-run init' takes at most one folder (got ${paths.length} arguments)` };
  if (command === 'schema' && paths.length > 0) return { ok: false, message: `'probe-run schema' takes no paths (got '${paths[0]}')` };
  if (command === 'collect-script' && paths.length > 0) {
    return { ok: false, message: `'probe-run collect-script' takes no arguments (got '${paths[0]}'): it prints the script; the board's folder is the script's argument` };
  }
  if (values.json && command !== 'explain') return { ok: false, message: `--json only goes with 'probe-run explain' (runs take --reporter json)` };
  if (command === 'compare' && paths.length !== 2) return { ok: false, message: `'probe-run compare' takes a scenario file and a board dump folder (got ${paths.length} arguments)` };
  if (command === 'export-dts' && paths.length !== 1) {
    return { ok: false, message: `'probe-run export-dts' takes one scenario file (got ${paths.length} arguments)` };
  }
  if (values.record && command !== 'oracle') return { ok: false, message: `--record only goes with 'probe-run oracle'` };
  if (values.kernel !== undefined && command !== 'import' && command !== 'oracle') return { ok: false, message: `--kernel only goes with 'probe-run import' or 'probe-run oracle'` };
  if (values.output !== undefined && command !== 'import') return { ok: false, message: `--output only goes with 'probe-run import'` };
  if (command === 'import' && paths.length !== 1) {
    return { ok: false, message: `'probe-run import' takes one source: a .dtb, a .dts, a /proc/device-tree-style folder or a board dump (got ${paths.length} arguments)` };
  }
  if (values.kernel === '' || values.output === '') return { ok: false, message: `--${values.kernel === '' ? 'kernel needs a folder' : 'output needs a file'}` };
  if (command === 'explain' && paths.length !== 2) {
    return { ok: false, message: `'probe-run explain' takes a scenario file and a device name (got ${paths.length} argument${paths.length === 1 ? '' : 's'})` };
  }

  // explain prints one tree: text, or the same as data with --json.
  const reporter = command === 'explain' ? (values.json ? 'json' : 'text') : oneOf(values.reporter, REPORTERS, '--reporter', 'text');
  if (!REPORTERS.includes(reporter as ReporterName)) return { ok: false, message: reporter };
  const profile = values.profile === undefined ? undefined : oneOf(values.profile, PROFILE_NAMES, '--profile', 'v6.15');
  if (profile !== undefined && !PROFILE_NAMES.includes(profile as ProfileName)) return { ok: false, message: profile };
  const colors: ColorFlag[] = ['auto', 'always', 'never'];
  const color = values['no-color'] ? 'never' : oneOf(values.color, colors, '--color', 'auto');
  if (!colors.includes(color as ColorFlag)) return { ok: false, message: color };
  if (values['no-color'] && values.color !== undefined && values.color !== 'never') {
    return { ok: false, message: `--no-color contradicts --color ${values.color}` };
  }

  let stepBound: number | undefined;
  if (values['step-bound'] !== undefined) {
    const text = values['step-bound'];
    if (!/^[1-9][0-9]*$/.test(text) || !Number.isSafeInteger(Number(text))) {
      return { ok: false, message: `--step-bound must be a positive whole number (got '${text}')` };
    }
    stepBound = Number(text);
  }
  if (values.force && !values['update-golden'] && command !== 'tui') {
    return { ok: false, message: '--force only goes with --update-golden (or tui): it allows writing goldens while CI is set' };
  }
  for (const filter of values.filter ?? []) {
    if (filter === '') return { ok: false, message: '--filter needs a non-empty substring or glob' };
  }
  if (values['golden-dir'] === '') return { ok: false, message: '--golden-dir needs a folder' };
  if (values['update-golden'] && profile !== undefined && values['golden-dir'] === undefined) {
    return {
      ok: false,
      message: `--update-golden with --profile would overwrite the goldens of each scenario's own profile; add --golden-dir <folder> to keep ${profile} goldens apart`,
    };
  }

  return {
    ok: true,
    options: {
      command,
      paths,
      filters: values.filter ?? [],
      profile: profile as ProfileName | undefined,
      goldenDir: values['golden-dir'],
      reporter: reporter as ReporterName,
      updateGolden: values['update-golden'] ?? false,
      force: values.force ?? false,
      color: color as ColorFlag,
      stepBound,
      ...(values['check-determinism'] ? { checkDeterminism: true } : {}),
      ...(values.kernel !== undefined ? { kernel: values.kernel } : {}),
      ...(values.record ? { record: true } : {}),
      ...(values.output !== undefined ? { output: values.output } : {}),
      ...(values.watch ? { watch: true } : {}),
    },
  };
}

function defaults(command: Command, paths: string[]): CliOptions {
  return { command, paths, filters: [], profile: undefined, goldenDir: undefined, reporter: 'text', updateGolden: false, force: false, color: 'auto', stepBound: undefined };
}
