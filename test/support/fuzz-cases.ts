/**
 * Fuzz cases for `npm run fuzz` and its bounded run in the tests: random YAML text and random
 * mutations of the bundled scenarios, each run through main() with an in-memory file system. A case
 * passes when it ends in a valid run or in diagnostics with exit 2: no exception, no stack trace.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { PROFILE_NAMES } from '../../src/model/knobs.js';
import { PROVIDER_KINDS, REFERENCE_KINDS, SUPPLIER_KINDS } from '../../src/model/supplier-kinds.js';
import { makeFakeIo } from './fake-io.js';
import { main } from '../../cli/main.js';
import { packageRoot } from '../../cli/package-files.js';

/** One generated input: the scenario text and the command line it runs with. */
export interface FuzzCase {
  /** How the text was made, for the summary (`text:binary`, `mutate:wrong-type`, …). */
  kind: string;
  text: string;
  argv: string[];
}

/** What running one case showed. */
export type FuzzOutcome = { ok: true; exit: number; ms: number } | { ok: false; exit: number | null; ms: number; reason: string };

/** The seed of `npm run fuzz` and of the bounded run in the tests. */
export const FUZZ_SEED = 20_260_601;

/** The file every case is written to, inside the fake io. */
export const CASE_FILE = 'scenarios/fuzz/case.yaml';

let corpus: string[] | null = null;

/** The bundled scenario texts, read once (sorted, so case N is the same everywhere). */
export function bundledScenarios(): string[] {
  if (corpus !== null) return corpus;
  const root = join(packageRoot(), 'scenarios');
  const files = (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((path) => path.endsWith('.yaml')).sort();
  corpus = files.map((path) => readFileSync(join(root, path), 'utf8'));
  if (corpus.length === 0) throw new Error(`no bundled scenarios under ${root}`);
  return corpus;
}

// ---------------------------------------------------------------------------------------------
// Random text.

const YAML_TOKENS = [
  'description: ', 'nodes:', 'drivers:', 'faults:', 'timeline:', 'expect:', 'kernel:', 'policy:', 'step_bound: ', 'covers: ',
  '  ', '    ', '\n', '\r\n', '\t', '- ', ': ', ', ', '[', ']', '{', '}', '"', "'", '#', '? ', '| ', '> ', '---\n', '...\n', '%YAML 1.2\n',
  '&a ', '*a', '&b ', '*b', '!tag ', '!!str ', '!!set ', '!!binary ', '<<: ', 'compatible: ', 'clock-cells: ', 'clocks: ', 'iommus: ',
  'iommu-cells: ', 'power-domains: ', 'probe-waits-for: ', 'children:', 'hotplug: true', 'status: disabled', 'x,y', 'a', 'b', 'cmu 4',
  '0', '-1', '0x800', '1e400', '.nan', '-.inf', '99999999999999999999', '-EPROBE_DEFER', '-EIO', 'ok', 'null', '~', 'true', 'yes',
  '{ at: 1, modprobe: d }', '{ at: -5, bind: a }', 'probe: [-EPROBE_DEFER, -EPROBE_DEFER]', '__proto__', 'constructor', '\u{1f600}',
  '\u202e', '\u0000', '\ufeff', '\u00e9', 'e\u0301', '\u200b', '\ud800',
];

const tokenSoup = fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 120 }).map((tokens) => tokens.join(''));

const randomText: fc.Arbitrary<{ kind: string; text: string }> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }).map((text) => ({ kind: 'text:binary', text })),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((text) => ({ kind: 'text:unicode', text })),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => ({ kind: 'text:bytes', text: Buffer.from(bytes).toString('utf8') })),
  tokenSoup.map((text) => ({ kind: 'text:yaml-tokens', text })),
  fc.constantFrom('', '\n', '\ufeff', '\r\n', '---', '~', '[]', '{}', '- a', 'null', '\t').map((text) => ({ kind: 'text:tiny', text })),
);

// ---------------------------------------------------------------------------------------------
// Structured mutations of the bundled scenarios.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Gen = fc.GeneratorValue;

const isMap = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every place in the tree: the container and the key (or index) of a value. */
function places(root: Json): { parent: Record<string, Json> | Json[]; key: string | number }[] {
  const found: { parent: Record<string, Json> | Json[]; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Json;
    if (Array.isArray(node)) node.forEach((child, index) => (found.push({ parent: node, key: index }), stack.push(child)));
    else if (isMap(node)) for (const key of Object.keys(node)) found.push({ parent: node, key }), stack.push(node[key]);
  }
  return found;
}

const WEIRD_LABELS = ['__proto__', 'constructor', 'toString', 'x'.repeat(300), '\u{1f600}', 'a\u202eb', 'e\u0301', 'tab\there', 'new\nline', 'nul\u0000', '-', '0', 'a b', ''];
const HUGE_NUMBERS = [1e308, -1e308, Infinity, -Infinity, NaN, 2 ** 53 + 1, -(2 ** 53) - 1, 1e21, 4294967296, 0.5, -0.0, 1e-300];
const NEGATIVE = [-1, -2, -1000, -1e9];
const CELLS = PROVIDER_KINDS.map((kind) => `${kind}-cells`);
/** Each reference property (the supplier table's rows) and the `*-cells` its target needs (none for probe-waits-for). */
const REFERENCES: Record<string, string | null> = {
  ...Object.fromEntries(REFERENCE_KINDS.map((kind) => [kind, `${SUPPLIER_KINDS[kind].provider}-cells`])),
  'probe-waits-for': null,
};

/** Makes `from` reference `to` through `key`, making `to` a provider of that kind if it is not one. */
function reference(from: Record<string, Json>, to: Record<string, Json>, label: string, key: string): void {
  const cells = REFERENCES[key];
  let args = 0;
  if (cells !== null) {
    if (typeof to[cells] !== 'number') to[cells] = 0;
    args = Math.max(0, Math.min(4, Number(to[cells]) || 0));
  }
  from[key] = [[label, ...Array(args).fill('0')].join(' ')];
}

function randomValue(g: Gen): Json {
  const values: fc.Arbitrary<Json>[] = [fc.constant(null), fc.boolean(), fc.integer(), fc.constantFrom(...HUGE_NUMBERS), fc.string({ maxLength: 12 }), fc.constant([]), fc.constant({}), fc.constant([[[['deep']]]]), fc.constant({ a: { b: { c: 1 } } })];
  return g(() => fc.oneof(...values));
}

function labelsOf(scenario: Record<string, Json>): string[] {
  return isMap(scenario.nodes) ? Object.keys(scenario.nodes) : [];
}

/** Mutations that usually keep a scenario valid, so the engine gets new inputs to run. */
const BENIGN = ['valid-timeline', 'valid-faults', 'kernel-knobs', 'policy', 'cycle', 'self-reference', 'step-bound'] as const;
/** Mutations that usually make it invalid, so the loader gets new mistakes to report. */
const HOSTILE = ['bad-step-bound', 'delete-key', 'wrong-type', 'dangling-label', 'huge-number', 'negative-count', 'unicode-label', 'timeline', 'faults', 'duplicate-node', 'drop-section'] as const;

const entries = (value: Json | undefined): [string, Json][] => (isMap(value) ? Object.entries(value) : []);

/** Applies one mutation from `pool` in place; returns its name. */
function mutate(g: Gen, scenario: Record<string, Json>, pool: readonly string[]): string {
  const all = places(scenario);
  const pick = <T>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[g(fc.nat, { max: items.length - 1 })]);
  const kind = g(fc.constantFrom, ...pool);
  switch (kind) {
    case 'valid-timeline': {
      const nodes = entries(scenario.nodes);
      const modules = entries(scenario.drivers).filter(([, spec]) => isMap(spec) && spec.build === 'module').map(([name]) => name);
      const hotplug = nodes.filter(([, spec]) => isMap(spec) && spec.hotplug === true).map(([label]) => label);
      const count = g(fc.integer, { min: 1, max: 40 });
      const timeline: Json[] = [];
      for (let i = 0; i < count; i++) {
        const action = g(fc.constantFrom, 'bind', 'unbind', 'remove', 'modprobe', 'add');
        const target = action === 'modprobe' ? pick(modules) : action === 'add' ? pick(hotplug) : pick(nodes.map(([label]) => label));
        if (target !== undefined) timeline.push({ at: g(() => fc.oneof(fc.nat({ max: 60 }), fc.double({ min: 0, max: 1000, noNaN: true }))), [action]: target });
      }
      scenario.timeline = timeline;
      break;
    }
    case 'valid-faults': {
      const faults: Record<string, Json> = {};
      for (const [label] of entries(scenario.nodes)) {
        if (!g(fc.boolean)) continue;
        const errors = g(fc.array, fc.constantFrom('-EPROBE_DEFER', '-EPROBE_DEFER', '-EIO', '-ENODEV', '-ENXIO', '-ETIMEDOUT', 0), { maxLength: 30 });
        faults[label] = g(fc.boolean) ? { probe: errors } : { xlate: g(fc.constantFrom, '-ENODEV', '-EPROBE_DEFER', '-EINVAL'), 'power-on': g(fc.constantFrom, '-ETIMEDOUT', '-EIO') };
      }
      scenario.faults = faults;
      break;
    }
    case 'kernel-knobs':
      scenario.kernel = {
        profile: g(fc.constantFrom, ...PROFILE_NAMES),
        modules: g(fc.boolean),
        fw_devlink: g(fc.constantFrom, 'off', 'permissive', 'on'),
        fw_devlink_strict: g(fc.boolean),
        deferred_probe_timeout: g(fc.constantFrom, -1, 0, 1, 10, 1000),
      };
      break;
    case 'policy':
      scenario.policy = { iommu_probe_failed: g(fc.constantFrom, 'wait', 'ignore', 'fail'), iommu_xlate_failed: g(fc.constantFrom, 'ignore', 'fail') };
      break;
    case 'delete-key': {
      const place = pick(all.filter((p) => !Array.isArray(p.parent)));
      if (place) delete (place.parent as Record<string, Json>)[place.key as string];
      break;
    }
    case 'wrong-type': {
      const place = pick(all);
      if (place) (place.parent as Record<string | number, Json>)[place.key] = randomValue(g);
      break;
    }
    case 'dangling-label': {
      const strings = all.filter((p) => typeof (p.parent as Record<string | number, Json>)[p.key] === 'string');
      const place = pick(strings);
      if (place) (place.parent as Record<string | number, Json>)[place.key] = `${g(fc.constantFrom, 'nosuch', 'ghost 1', 'x 1 2 3 4 5', ...WEIRD_LABELS)}`;
      break;
    }
    case 'huge-number': {
      const numbers = all.filter((p) => typeof (p.parent as Record<string | number, Json>)[p.key] === 'number');
      const place = pick(numbers.length > 0 ? numbers : all);
      if (place) (place.parent as Record<string | number, Json>)[place.key] = g(fc.constantFrom, ...HUGE_NUMBERS);
      break;
    }
    case 'negative-count': {
      const target = g(fc.constantFrom, 'cells', 'step_bound', 'at', 'timeout', 'attempts');
      const value = g(fc.constantFrom, ...NEGATIVE);
      const node = pick(labelsOf(scenario));
      if (target === 'cells' && node !== undefined && isMap(scenario.nodes) && isMap(scenario.nodes[node])) (scenario.nodes[node] as Record<string, Json>)[g(fc.constantFrom, ...CELLS)] = value;
      else if (target === 'step_bound') scenario.step_bound = value;
      else if (target === 'at') scenario.timeline = [{ at: value, bind: node ?? 'a' }];
      else if (target === 'timeout') scenario.kernel = { deferred_probe_timeout: value };
      else scenario.expect = { [node ?? 'a']: { attempts: value } };
      break;
    }
    case 'unicode-label': {
      const nodes = scenario.nodes;
      const node = pick(labelsOf(scenario));
      if (isMap(nodes) && node !== undefined) {
        const label = g(fc.constantFrom, ...WEIRD_LABELS);
        const value = nodes[node];
        delete nodes[node];
        Object.defineProperty(nodes, label, { value, enumerable: true, writable: true, configurable: true });
      }
      break;
    }
    case 'self-reference':
    case 'cycle': {
      const labels = labelsOf(scenario);
      const a = pick(labels);
      const b = kind === 'cycle' ? pick(labels) : a;
      const nodes = scenario.nodes;
      if (isMap(nodes) && a !== undefined && b !== undefined && isMap(nodes[a]) && isMap(nodes[b])) {
        const key = g(fc.constantFrom, ...Object.keys(REFERENCES));
        reference(nodes[a] as Record<string, Json>, nodes[b] as Record<string, Json>, b, key);
        if (a !== b) reference(nodes[b] as Record<string, Json>, nodes[a] as Record<string, Json>, a, key);
      }
      break;
    }
    case 'timeline': {
      const labels = labelsOf(scenario);
      const count = g(fc.nat, { max: 60 });
      scenario.timeline = Array.from({ length: count }, () => ({
        at: g(() => fc.oneof(fc.nat({ max: 100 }), fc.double(), fc.constantFrom(...HUGE_NUMBERS))),
        [g(fc.constantFrom, 'bind', 'unbind', 'add', 'remove', 'modprobe', 'explode')]: pick(labels) ?? 'a',
      }));
      break;
    }
    case 'faults': {
      const node = pick(labelsOf(scenario)) ?? 'a';
      const length = g(fc.nat, { max: 2000 });
      scenario.faults = { [node]: { probe: Array.from({ length }, () => g(fc.constantFrom, '-EPROBE_DEFER', '-EIO', '-ENODEV', 0, 'ok', -99999, 'bogus')) } };
      break;
    }
    case 'duplicate-node': {
      const nodes = scenario.nodes;
      const node = pick(labelsOf(scenario));
      if (isMap(nodes) && node !== undefined) nodes[`${node}_copy`] = structuredClone(nodes[node]);
      break;
    }
    case 'step-bound':
      scenario.step_bound = g(fc.integer, { min: 1, max: 5000 });
      break;
    case 'bad-step-bound':
      scenario.step_bound = g(fc.constantFrom, 0, -1, 2 ** 31, 1e12, 0.5, '10', null);
      break;
    case 'drop-section':
      delete scenario[g(fc.constantFrom, 'nodes', 'drivers', 'description', 'faults', 'timeline', 'expect')];
      break;
  }
  return kind;
}

/** Text-level damage after the YAML is written back: BOM, CRLF, tabs, truncation, garbage, duplicate documents. */
function damage(g: Gen, text: string): { text: string; kind: string | null } {
  if (!g(fc.boolean)) return { text, kind: null };
  const at = g(fc.nat, { max: text.length });
  const kind = g(fc.constantFrom, 'bom', 'crlf', 'tabs', 'truncate', 'garbage', 'second-document', 'empty', 'cr-only', 'nul');
  switch (kind) {
    case 'bom':
      return { text: `\ufeff${text}`, kind };
    case 'crlf':
      return { text: text.replaceAll('\n', '\r\n'), kind };
    case 'cr-only':
      return { text: text.replaceAll('\n', '\r'), kind };
    case 'tabs':
      return { text: text.replace(/^( +)/gm, (spaces) => (g(fc.boolean) ? '\t'.repeat(Math.ceil(spaces.length / 2)) : spaces)), kind };
    case 'truncate':
      return { text: text.slice(0, at), kind };
    case 'garbage':
      return { text: text.slice(0, at) + Buffer.from(g(fc.uint8Array, { minLength: 1, maxLength: 40 })).toString('latin1') + text.slice(at), kind };
    case 'second-document':
      return { text: `${text}\n---\n${text}`, kind };
    case 'nul':
      return { text: `${text.slice(0, at)}\u0000${text.slice(at)}`, kind };
    default:
      return { text: '', kind };
  }
}

const mutated: fc.Arbitrary<{ kind: string; text: string }> = fc.gen().map((g) => {
  const sources = bundledScenarios();
  const source = sources[g(fc.nat, { max: sources.length - 1 })];
  let scenario: unknown;
  try {
    scenario = parse(source);
  } catch {
    scenario = null;
  }
  if (!isMap(scenario)) return { kind: 'mutate:unparsable-source', text: source };
  // Half the cases keep the scenario mostly valid (engine inputs), half break it (loader inputs).
  const benign = g(fc.boolean);
  const kinds: string[] = [];
  const count = g(fc.integer, { min: 1, max: benign ? 3 : 4 });
  for (let i = 0; i < count; i++) kinds.push(mutate(g, scenario, benign ? BENIGN : HOSTILE));
  const written = stringify(scenario, { aliasDuplicateObjects: false, lineWidth: 0 });
  const damaged = benign ? { text: written, kind: null } : damage(g, written);
  return { kind: `mutate:${kinds[0]}${damaged.kind === null ? '' : `+${damaged.kind}`}`, text: damaged.text };
});

/** Extra command-line options a case may run with. */
const ARGVS: string[][] = [[], [], [], ['--profile', 'v4.12'], ['--profile', 'v3.19'], ['--reporter', 'json'], ['--reporter', 'junit'], ['--reporter', 'tap'], ['--step-bound', '50'], ['--update-golden'], ['check'], ['--check-determinism']];

/** Every fuzz case: random text one time in three, a mutated bundled scenario otherwise. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .record({ made: fc.oneof({ weight: 1, arbitrary: randomText }, { weight: 2, arbitrary: mutated }), argv: fc.constantFrom(...ARGVS) })
  .map(({ made, argv }) => ({ kind: made.kind, text: made.text, argv: argv[0] === 'check' ? ['check', CASE_FILE] : [CASE_FILE, ...argv] }));

/** Case number `index` of the run seeded `seed`: the same case on every machine and in every worker. */
export function caseAt(seed: number, index: number): FuzzCase {
  return fc.sample(fuzzCase, { seed: (seed + Math.imul(index, 0x9e3779b1)) | 0, numRuns: 1 })[0];
}

const STACK_LINE = /^\s+at .*(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** Runs a case through main() with an in-memory io and judges the outcome. */
export async function runCase(fuzz: FuzzCase): Promise<FuzzOutcome> {
  const io = makeFakeIo({ files: { [CASE_FILE]: fuzz.text } });
  const start = performance.now();
  let exit: number;
  try {
    exit = await main(fuzz.argv, io);
  } catch (error) {
    return { ok: false, exit: null, ms: performance.now() - start, reason: `main threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  const ms = performance.now() - start;
  return judge(fuzz, { exit, ms, out: io.out(), err: io.err(), files: io.files });
}

/** What one run of main() left behind. */
export interface RunTrace {
  exit: number;
  ms: number;
  out: string;
  err: string;
  /** The fake file system after the run, by absolute path. */
  files: ReadonlyMap<string, string>;
}

/**
 * Whether a run ended as every input must: a valid run (its trace written) or diagnostics with
 * exit 2 (`INVALID` and `file:line:col: error CODE:` lines); never exit 70, a stack trace, or a
 * report that does not parse.
 */
export function judge(fuzz: FuzzCase, run: RunTrace): FuzzOutcome {
  const { exit, ms, out } = run;
  const fail = (reason: string): FuzzOutcome => ({ ok: false, exit, ms, reason: `${reason}\n--- stdout\n${out.slice(0, 4000)}\n--- stderr\n${run.err.slice(0, 4000)}` });
  const all = out + run.err;
  if (/internal error/i.test(all)) return fail('an internal error');
  if (STACK_LINE.test(all)) return fail('a stack trace in the output');
  if (![0, 1, 2].includes(exit)) return fail(`exit ${exit}`);
  const reporter = fuzz.argv.includes('--reporter') ? fuzz.argv[fuzz.argv.indexOf('--reporter') + 1] : 'text';
  if (fuzz.argv.includes('--check-determinism')) {
    if (exit !== 0) return fail('runs of one input differ');
    return { ok: true, exit, ms };
  }
  if (reporter === 'json') {
    let report: { results: { status: string; diagnostics: { severity: string }[]; diff: string | null; expect_failures: unknown[] }[] };
    try {
      report = JSON.parse(out);
    } catch {
      return fail('the JSON report does not parse');
    }
    const status = report.results[0]?.status;
    if (exit === 2 && !(status === 'invalid' && report.results[0].diagnostics.some((d) => d.severity === 'error'))) return fail('exit 2 without an invalid result');
    // With no golden, a run is `new`, or `fail` when its expect failed (there is no diff to fail on).
    const expectOnly = status === 'fail' && report.results[0].diff === null && report.results[0].expect_failures.length > 0;
    if (exit !== 2 && status !== 'new' && !expectOnly) return fail(`exit ${exit} with status ${status}`);
    return { ok: true, exit, ms };
  }
  if (reporter !== 'text') return { ok: true, exit, ms };
  if (exit === 2) {
    if (!/^INVALID {2}fuzz\/case\n/m.test(out) || !/ error [a-z-]+: /.test(out)) return fail('exit 2 without the file:line:col diagnostics');
    return { ok: true, exit, ms };
  }
  if (fuzz.argv[0] === 'check') return exit === 0 ? { ok: true, exit, ms } : fail(`check exited ${exit}`);
  const trace = run.files.get('/work/.probe-run/actual/fuzz/case.trace') ?? run.files.get('/work/golden/fuzz/case.trace');
  if (trace === undefined || !trace.startsWith('# probe-run trace v2\n') || !trace.endsWith('\n')) return fail('a valid run without its trace written');
  return { ok: true, exit, ms };
}
