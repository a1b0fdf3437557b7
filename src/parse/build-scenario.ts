/**
 * Plain data (the YAML document as JS, maps kept as `Map` so source order survives) to a typed
 * `Scenario`. Lenient on purpose: it runs even when the schema found errors, keeps what it can read
 * and skips what it cannot, so the semantic checks still see every node and report all problems in
 * one run. It also reports the few value errors JSON Schema cannot express (errno names, timeline
 * entries with no or several actions).
 */
import type { Document } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { ERRNO, parseErrno } from '../model/errno.js';
import { KERNEL_KEYS, KNOB_VALUES, PROFILE_NAMES } from '../model/knobs.js';
import {
  INITCALL_LEVELS,
  PROVIDER_KINDS,
  REFERENCE_KINDS,
  type DriverSpec,
  type Expectation,
  type FaultSpec,
  type KernelOverrides,
  type NodeSpec,
  type Policy,
  type ProviderKind,
  type Reference,
  type Scenario,
  type SourceRange,
  type TimelineAction,
  type TimelineEntry,
} from '../model/scenario.js';
import { errorAt } from '../diagnostics/make-diagnostic.js';
import { nearestKey } from '../diagnostics/nearest-key.js';
import { locate, type PathSegment } from './locate.js';

/** A scenario as built, with where each node sits in the document (for pointing diagnostics). */
export interface BuiltScenario {
  /** Complete when the input was valid; otherwise whatever could be read. */
  scenario: Scenario;
  diagnostics: Diagnostic[];
  /** The document path of each node (`['nodes', 'dpu', 'children', 'dsi0']`). */
  nodePaths: Map<NodeSpec, PathSegment[]>;
  /** Source ranges of each node's `probe-waits-for` entries, aligned with `probeWaitsFor`. */
  waitRanges: Map<NodeSpec, (SourceRange | undefined)[]>;
  /** Source range of each timeline entry's target value. */
  timelineTargets: Map<TimelineEntry, SourceRange | undefined>;
}

/** Options for `buildScenario`. */
export interface BuildOptions {
  /** JSON pointers where the schema already reported a problem: not reported twice. */
  invalidPaths?: ReadonlySet<string>;
}

export const TIMELINE_ACTIONS: readonly TimelineAction[] = ['modprobe', 'add', 'remove', 'unbind', 'bind'];

/** The grammar of one reference, the same as the schema's pattern. */
export const REFERENCE_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*( +(0x[0-9A-Fa-f]+|[0-9]+|[A-Za-z_][A-Za-z0-9_-]*))*$/;

const CELLS_KEY = new RegExp(`^(${PROVIDER_KINDS.join('|')})-cells$`);

/** Entries of a mapping in source order; anything else has none. */
function entries(value: unknown): [string, unknown][] {
  if (value instanceof Map) {
    const out: [string, unknown][] = [];
    for (const [k, v] of value) {
      if (k !== null && typeof k === 'object') continue;
      out.push([k === null || k === undefined ? '' : String(k), v]);
    }
    return out;
  }
  return [];
}

function field(value: unknown, key: string): unknown {
  return value instanceof Map ? value.get(key) : undefined;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function pointerOf(path: readonly PathSegment[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Builds the typed scenario from `data` (yaml `toJS({ mapAsMap: true })`). Never throws. */
export function buildScenario(data: unknown, doc: Document, file: string, id: string, options: BuildOptions = {}): BuiltScenario {
  const diagnostics: Diagnostic[] = [];
  const invalid = options.invalidPaths ?? new Set<string>();
  const nodePaths = new Map<NodeSpec, PathSegment[]>();
  const waitRanges = new Map<NodeSpec, (SourceRange | undefined)[]>();
  const timelineTargets = new Map<TimelineEntry, SourceRange | undefined>();
  const at = (path: PathSegment[], part: 'key' | 'value' = 'value'): SourceRange | undefined => locate(doc, path, part);
  const report = (path: PathSegment[], message: string, code: 'bad-value' | 'missing-key' = 'bad-value', part: 'key' | 'value' = 'value') => {
    if (!invalid.has(pointerOf(path))) diagnostics.push(errorAt(code, message, file, at(path, part)));
  };

  const nodes: NodeSpec[] = [];
  const addNodes = (map: unknown, path: PathSegment[], parent: NodeSpec | null): void => {
    for (const [label, spec] of entries(map)) {
      const nodePath = [...path, label];
      const waits: (SourceRange | undefined)[][] = [];
      const node = buildNode(label, spec, nodePath, parent, at, report, waits);
      nodes.push(node);
      nodePaths.set(node, nodePath);
      waitRanges.set(node, waits[0]);
      parent?.children.push(label);
      addNodes(field(spec, 'children'), [...nodePath, 'children'], node);
    }
  };
  addNodes(field(data, 'nodes'), ['nodes'], null);

  const drivers: DriverSpec[] = entries(field(data, 'drivers')).map(([name, spec]) => ({
    name,
    compatible: stringList(field(spec, 'compatible')),
    initcall: oneOf(field(spec, 'initcall'), INITCALL_LEVELS) ?? 'device',
    early: field(spec, 'early') === true,
    build: oneOf(field(spec, 'build'), ['builtin', 'module', 'absent'] as const) ?? 'builtin',
    range: at(['drivers', name], 'key'),
  }));

  const faults: Record<string, FaultSpec> = {};
  for (const [label, spec] of entries(field(data, 'faults'))) {
    const fault: FaultSpec = { probe: [], xlate: null, powerOn: null };
    // K6.1: one error fails every power-on; a list gives successive results, then success.
    const powerOn = field(spec, 'power-on');
    if (Array.isArray(powerOn)) {
      const results: number[] = [];
      powerOn.forEach((value, i) => {
        const errno = readErrno(value, true);
        if (errno === null) report(['faults', label, 'power-on', i], errnoMessage(value, true));
        else results.push(errno);
      });
      fault.powerOn = { results, repeat: false };
    }
    const probe = field(spec, 'probe');
    if (Array.isArray(probe)) {
      probe.forEach((value, i) => {
        const errno = readErrno(value, true);
        if (errno === null) report(['faults', label, 'probe', i], errnoMessage(value, true));
        else fault.probe.push(errno);
      });
    }
    for (const key of ['xlate', 'power-on'] as const) {
      const value = field(spec, key);
      if (value === undefined || Array.isArray(value)) continue;
      const errno = readErrno(value, false);
      if (errno === null) report(['faults', label, key], errnoMessage(value, false));
      else if (key === 'xlate') fault.xlate = errno;
      else fault.powerOn = { results: [errno], repeat: true };
    }
    setOwn(faults, label, fault);
  }

  const timeline: TimelineEntry[] = [];
  const rawTimeline = field(data, 'timeline');
  if (Array.isArray(rawTimeline)) {
    rawTimeline.forEach((entry, i) => {
      if (!(entry instanceof Map)) return;
      // In file order, so the second action written is the one pointed at.
      const actions = [...entry.keys()].filter((k): k is TimelineAction => (TIMELINE_ACTIONS as readonly unknown[]).includes(k));
      if (actions.length === 0) {
        report(['timeline', i], `timeline entry ${i + 1} has no action: add one of ${TIMELINE_ACTIONS.join(', ')}`, 'missing-key');
        return;
      }
      if (actions.length > 1) {
        report(['timeline', i, actions[1]], `timeline entry ${i + 1} has several actions (${actions.join(', ')}); write one entry per action`, 'bad-value', 'key');
      }
      const target = entry.get(actions[0]);
      const when = entry.get('at');
      if (typeof target !== 'string' || typeof when !== 'number' || !Number.isFinite(when)) return;
      const built: TimelineEntry = { at: when, action: actions[0], target, range: at(['timeline', i]) };
      timeline.push(built);
      timelineTargets.set(built, at(['timeline', i, actions[0]]));
    });
  }

  const expect: Record<string, Expectation> = {};
  for (const [label, spec] of entries(field(data, 'expect'))) {
    const e: Expectation = {};
    for (const key of ['state', 'driver', 'dma'] as const) {
      const value = field(spec, key);
      if (typeof value === 'string') e[key] = value;
    }
    const attempts = field(spec, 'attempts');
    if (typeof attempts === 'number' && Number.isInteger(attempts)) e.attempts = attempts;
    setOwn(expect, label, e);
  }

  const rawKernel = field(data, 'kernel');
  const kernel: KernelOverrides = {};
  const enums: { [K in keyof KernelOverrides]?: readonly string[] } = { profile: PROFILE_NAMES, ...KNOB_VALUES };
  // Copied in the order of KernelOverrides, so every consumer sees one stable key order.
  for (const key of KERNEL_KEYS) {
    const value = field(rawKernel, key);
    const allowed = enums[key];
    const ok =
      key === 'deferred_probe_timeout'
        ? typeof value === 'number' && Number.isInteger(value) && value >= -1
        : allowed
          ? oneOf(value, allowed) !== undefined
          : typeof value === 'boolean';
    if (ok) (kernel as Record<string, unknown>)[key] = value;
  }

  const rawPolicy = field(data, 'policy');
  const policy: Policy = {
    iommu_probe_failed: oneOf(field(rawPolicy, 'iommu_probe_failed'), ['wait', 'ignore', 'fail'] as const) ?? 'wait',
    iommu_xlate_failed: oneOf(field(rawPolicy, 'iommu_xlate_failed'), ['ignore', 'fail'] as const) ?? 'ignore',
  };

  const description = field(data, 'description');
  const stepBound = field(data, 'step_bound');
  const scenario: Scenario = {
    id,
    description: typeof description === 'string' ? description : '',
    covers: stringList(field(data, 'covers')),
    kernel,
    policy,
    nodes,
    drivers,
    faults,
    timeline,
    expect,
    ...(typeof stepBound === 'number' && Number.isInteger(stepBound) && stepBound >= 1 ? { stepBound } : {}),
  };
  return { scenario, diagnostics, nodePaths, waitRanges, timelineTargets };
}

type Locator = (path: PathSegment[], part?: 'key' | 'value') => SourceRange | undefined;
type Reporter = (path: PathSegment[], message: string, code?: 'bad-value' | 'missing-key', part?: 'key' | 'value') => void;

function buildNode(label: string, spec: unknown, path: PathSegment[], parent: NodeSpec | null, at: Locator, report: Reporter, waitRanges: (SourceRange | undefined)[][]): NodeSpec {
  const cells: Partial<Record<ProviderKind, number>> = {};
  for (const [key, value] of entries(spec)) {
    const match = CELLS_KEY.exec(key);
    if (!match) continue;
    // A malformed count (already reported by the schema) still marks the node a provider, as NaN,
    // so references to it are not also reported as "not a provider"; NaN never reaches the engine
    // because the scenario is then invalid.
    cells[match[1] as ProviderKind] = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 16 ? value : NaN;
  }

  const references: Reference[] = [];
  for (const kind of REFERENCE_KINDS) {
    const value = field(spec, kind);
    const list: [unknown, PathSegment[]][] =
      typeof value === 'string' ? [[value, [...path, kind]]] : Array.isArray(value) ? value.map((v, i) => [v, [...path, kind, i]]) : [];
    for (const [entry, entryPath] of list) {
      if (typeof entry !== 'string' || !REFERENCE_PATTERN.test(entry)) continue;
      const [target, ...words] = entry.split(/ +/);
      const args: (number | string)[] = [];
      for (const word of words) {
        const number = /^0x/i.test(word) ? parseInt(word.slice(2), 16) : /^[0-9]+$/.test(word) ? Number(word) : null;
        if (number !== null && number > 0xffffffff) report(entryPath, `argument ${word} of "${entry}" does not fit in a 32-bit cell`);
        args.push(number ?? word);
      }
      references.push({ kind, label: target, args, range: at(entryPath) });
    }
  }

  const rawWaits = field(spec, 'probe-waits-for');
  const waits: [string, SourceRange | undefined][] = [];
  if (Array.isArray(rawWaits)) rawWaits.forEach((v, i) => typeof v === 'string' && waits.push([v, at([...path, 'probe-waits-for', i])]));
  waitRanges.push(waits.map(([, r]) => r));
  const status = field(spec, 'status');
  const dtPath = field(spec, 'path');
  return {
    label,
    ...(typeof dtPath === 'string' ? { path: dtPath } : {}),
    compatible: stringList(field(spec, 'compatible')),
    status: status === 'disabled' ? 'disabled' : 'okay',
    cells,
    references,
    probeWaitsFor: waits.map(([l]) => l),
    dmaCoherent: field(spec, 'dma-coherent') === true,
    hotplug: field(spec, 'hotplug') === true,
    parent: parent?.label ?? null,
    children: [],
    range: at(path, 'key'),
  };
}

/** An errno from a scenario value, or null when it is not one (probe lists also allow 0 and ok). */
function readErrno(value: unknown, allowSuccess: boolean): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const errno = parseErrno(value);
  if (errno === null || errno < -4095) return null;
  return errno === 0 && !allowSuccess ? null : errno;
}

function errnoMessage(value: unknown, allowSuccess: boolean): string {
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  const names = Object.keys(ERRNO);
  const suggestion = typeof value === 'string' ? nearestKey(value, names) : null;
  const hint = suggestion ? `; did you mean "${suggestion}"?` : `; known names: ${names.join(', ')}`;
  return `${shown} is not a kernel error${allowSuccess ? ' (or 0 / ok)' : ''}${hint}`;
}

/** `record[key] = value` as an own property even for the label `__proto__`, which plain assignment takes as the prototype. */
function setOwn<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
