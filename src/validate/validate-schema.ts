/** JSON Schema validation of a parsed scenario, with ajv's errors turned into pointed diagnostics. */
import { ERRNO } from '../model/errno.js';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Document } from 'yaml';
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';
import { PROVIDER_KINDS, type SourceRange } from '../model/scenario.js';
import { errorAt } from '../diagnostics/make-diagnostic.js';
import { locate, locateNearest, parsePointer, type PathSegment } from '../parse/locate.js';
import { scenarioSchema } from '../parse/schema.js';
import { describeObject, describeValue } from './describe-path.js';
import { nearestKey } from '../diagnostics/nearest-key.js';

let compiled: ValidateFunction | null = null;

/** The compiled validator, built once (compiling is pure; caching it only saves time). */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictNumbers: true, verbose: true });
    compiled = ajv.compile(scenarioSchema());
  }
  return compiled;
}

/** Keys a `*-cells` pattern stands for, offered as suggestions like ordinary keys. */
const CELLS_KEYS = PROVIDER_KINDS.map((kind) => `${kind}-cells`);

/** Schema problems as diagnostics, and the JSON pointers where they were found. */
export interface SchemaResult {
  diagnostics: Diagnostic[];
  /** Pointers (`/nodes/dpu/clocks/0`) to every value or key the schema rejected. */
  invalidPaths: string[];
}

/**
 * Validates `data` (the document as plain JS) against the scenario schema and returns one
 * diagnostic per problem, pointing at the key or value at fault in `doc`.
 */
export function validateSchema(data: unknown, doc: Document, file: string): SchemaResult {
  const validate = validator();
  if (validate(data)) return { diagnostics: [], invalidPaths: [] };
  const diagnostics: Diagnostic[] = [];
  const invalidPaths: string[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const extra = error.propertyName ?? (error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : null);
    invalidPaths.push(extra === null ? error.instancePath : `${error.instancePath}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    const d = toDiagnostic(error, doc, file);
    if (!d) continue;
    const id = `${d.code}|${d.range?.start}|${d.range?.end}|${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    diagnostics.push(d);
  }
  return { diagnostics, invalidPaths };
}

function toDiagnostic(error: ErrorObject, doc: Document, file: string): Diagnostic | null {
  const path = parsePointer(error.instancePath);
  const at = (segments: readonly PathSegment[], part: 'key' | 'value'): SourceRange | undefined => locateNearest(doc, segments, part);
  const make = (code: DiagnosticCode, message: string, range: SourceRange | undefined) => errorAt(code, message, file, range);
  const params = error.params as Record<string, unknown>;

  // An error about a key's name (propertyNames): point at that key.
  if (error.propertyName !== undefined) {
    const name = error.propertyName;
    const range = at([...path, name], 'key');
    if (path.length === 1 && path[0] === 'drivers') return make('bad-value', `"${name}" is not a valid driver name: use letters, digits and _ . , + -`, range);
    return make('bad-value', `"${name}" is not a valid label: start with a letter or "_", then letters, digits, "_" or "-"`, range);
  }

  switch (error.keyword) {
    case 'propertyNames':
    case 'allOf':
      return null; // the specific error is reported on its own
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const candidates = knownKeys(error.parentSchema);
      const suggestion = nearestKey(key, candidates);
      const hint = suggestion ? `; did you mean "${suggestion}"?` : candidates.length > 0 ? `; valid keys: ${candidates.join(', ')}` : '';
      const where = path.length === 0 ? 'at the top level' : `in ${describeObject(path)}`;
      return make('unknown-key', `unknown key "${key}" ${where}${hint}`, at([...path, key], 'key'));
    }
    case 'required': {
      const key = String(params.missingProperty);
      if (path.length === 0) {
        const range = locate(doc, [], 'value');
        return make('missing-key', `missing key "${key}" at the top level`, range ? { start: range.start, end: range.start } : undefined);
      }
      return make('missing-key', `missing key "${key}" in ${describeObject(path)}`, at(path, 'key'));
    }
    case 'type':
      return make('wrong-type', `${describeValue(path)} must be ${expectedType(params.type)}, not ${actual(error.data)}`, at(path, 'value'));
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? nearestKey(error.data, allowed) : null;
      const hint =
        error.data === 'early' && path[path.length - 1] === 'initcall'
          ? '; early initcalls run before driver_init(), so no driver can register there (K1.1): a time-0 provider is `early: true` (OF_DECLARE, K1.3)'
          : suggestion
            ? `; did you mean "${suggestion}"?`
            : '';
      return make('bad-value', `${describeValue(path)} must be one of ${allowed.join(', ')}, not ${actual(error.data)}${hint}`, at(path, 'value'));
    }
    case 'pattern':
      return make('bad-value', patternMessage(error, path), at(path, 'value'));
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return make('bad-value', limitMessage(error, path), at(path, 'value'));
    case 'minLength':
      return make('bad-value', `${describeValue(path)} must not be empty`, at(path, 'value'));
    case 'minProperties':
      // Only timeline entries count their keys: `at` and exactly one action.
      return make('missing-key', `${describeValue(path)} needs exactly one action besides "at" (modprobe, add, remove, unbind or bind)`, at(path, 'key'));
    case 'maxProperties':
      // Two actions: the loader points at the second one itself (build-scenario), more precisely than this.
      return null;
    case 'minItems':
      return make('bad-value', `${describeValue(path)} must not be an empty list`, at(path, 'value'));
    default:
      return make('schema', `${describeValue(path)}: ${error.message ?? 'does not match the schema'}`, at(path, 'value'));
  }
}

/** Valid keys of the object schema an `additionalProperties` error came from, for suggestions. */
function knownKeys(parentSchema: unknown): string[] {
  if (!parentSchema || typeof parentSchema !== 'object') return [];
  const schema = parentSchema as { properties?: Record<string, unknown>; patternProperties?: Record<string, unknown> };
  const keys = Object.keys(schema.properties ?? {});
  if (schema.patternProperties) keys.push(...CELLS_KEYS);
  return keys;
}

function expectedType(type: unknown): string {
  const names: Record<string, string> = {
    string: 'a string',
    array: 'a list',
    object: 'a mapping (key: value lines)',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'empty',
  };
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => names[String(t)] ?? String(t)).join(' or ');
}

/** The value a user wrote, described briefly: `the number 4`, `a list`, `"v6.1"`. */
function actual(data: unknown): string {
  if (data === null || data === undefined) return 'empty';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `"${data.length > 40 ? `${data.slice(0, 40)}…` : data}"`;
  if (typeof data === 'number') return Number.isFinite(data) ? `the number ${data}` : `the number ${String(data)}`;
  return String(data);
}

/** Explains a failed `pattern` from which definition it belongs to. */
function patternMessage(error: ErrorObject, path: readonly PathSegment[]): string {
  const value = actual(error.data);
  const where = describeValue(path);
  const schemaPath = error.schemaPath;
  if (schemaPath.includes('/referenceList/'))
    return `${value} is not a reference (${where}): write "label" or "label arg arg…" with numbers or names as arguments, e.g. "cmu 4"`;
  if (schemaPath.includes('/label/')) return `${value} is not a node label (${where}): start with a letter or "_", then letters, digits, "_" or "-"`;
  if (schemaPath.includes('/covers/')) return `${value} is not a rule id (${where}): write K and a number, e.g. K5.3`;
  if (schemaPath.includes('/errno/') || schemaPath.includes('/probe/') || schemaPath.includes('/power-on/')) {
    const nearest = typeof error.data === 'string' ? nearestKey(error.data, Object.keys(ERRNO)) : null;
    const hint = nearest === null ? '' : `; did you mean "${nearest}"?`;
    return `${value} is not an error (${where}): write a kernel name such as -EPROBE_DEFER or -ENODEV, a negative number${schemaPath.includes('/errno/') ? '' : ', 0 or ok'}${hint}`;
  }
  if (schemaPath.includes('/state/')) return `${where} must be bound, pending, failed, failed -N, rejected, no-driver, disabled, not-created, early or unbound, not ${value}`;
  if (schemaPath.includes('/dma/')) return `${where} must be iommu, iommu(<instances>), direct, - or none, not ${value}`;
  return `${where} has the wrong form: ${value}`;
}

function limitMessage(error: ErrorObject, path: readonly PathSegment[]): string {
  const params = error.params as { comparison?: string; limit?: number };
  const where = describeValue(path);
  const schemaPath = error.schemaPath;
  if ((schemaPath.includes('/errno/') || schemaPath.includes('/probe/')) && error.keyword === 'maximum')
    return `${where} must be a negative error number${schemaPath.includes('/probe/') ? ' or 0' : ''}, not ${actual(error.data)}`;
  const words: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' };
  return `${where} must be ${words[params.comparison ?? ''] ?? params.comparison} ${params.limit}, not ${actual(error.data)}`;
}
