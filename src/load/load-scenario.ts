/** Scenario text to a typed `Scenario` plus every diagnostic: the whole loader in one call. */
import type { Document } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Scenario } from '../model/scenario.js';
import { errorAt } from '../diagnostics/make-diagnostic.js';
import { sortDiagnostics } from '../diagnostics/sort-diagnostics.js';
import { checkSemantics } from '../validate/check-semantics.js';
import { validateSchema } from '../validate/validate-schema.js';
import { buildScenario, pointerOf } from '../parse/build-scenario.js';
import { locate, type PathSegment } from '../parse/locate.js';
import { MAX_ALIAS_COUNT, parseYaml } from '../parse/parse-yaml.js';

/** What `loadScenario` returns: `scenario` is null exactly when some diagnostic is an error. */
export interface LoadedScenario {
  scenario: Scenario | null;
  /** Sorted by position in the file; warnings included. */
  diagnostics: Diagnostic[];
}

/**
 * Parses and validates one scenario file's text. `file` is the path as the user named it (used in
 * diagnostics), `id` the scenario id (SPEC section 1). Never throws: every problem, in any input, is
 * a diagnostic, and all problems in the file are reported together.
 */
export function loadScenario(source: string, file: string, id: string): LoadedScenario {
  let diagnostics: Diagnostic[];
  let scenario: Scenario | null;
  try {
    ({ diagnostics, scenario } = load(source, file, id));
  } catch (e) {
    // Deep recursion and alias expansion are bounded before we get here; anything else is a bug.
    const tooLarge = e instanceof RangeError || (e instanceof ReferenceError && /alias/i.test(e.message));
    diagnostics = [
      tooLarge
        ? errorAt('too-large', 'scenario is too large or too deeply nested to load', file)
        : errorAt('internal-error', `probe-run failed to load this file (a bug in probe-run; please report it): ${e instanceof Error ? e.message : String(e)}`, file),
    ];
    scenario = null;
  }
  const sorted = sortDiagnostics(diagnostics);
  return { scenario: sorted.some((d) => d.severity === 'error') ? null : scenario, diagnostics: sorted };
}

function load(source: string, file: string, id: string): { diagnostics: Diagnostic[]; scenario: Scenario | null } {
  const parsed = parseYaml(source, file);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.fatal) return { diagnostics, scenario: null };
  const doc = parsed.doc;
  if (!doc || doc.contents === null || isNullScalar(doc)) {
    diagnostics.push(errorAt('missing-key', 'the scenario is empty: it needs at least a description (and usually nodes and drivers)', file, { start: 0, end: 0 }));
    return { diagnostics, scenario: null };
  }

  let data: unknown;
  let ordered: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    ordered = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
  } catch (e) {
    if (e instanceof ReferenceError || e instanceof RangeError) {
      diagnostics.push(errorAt('too-large', 'aliases expand to too much data (more than the alias limit); write the values out', file));
      return { diagnostics, scenario: null };
    }
    throw e;
  }

  const schema = validateSchema(data, doc, file);
  diagnostics.push(...schema.diagnostics);
  const invalid = new Set(schema.invalidPaths);
  const built = buildScenario(ordered, doc, file, id, { invalidPaths: invalid });
  diagnostics.push(...built.diagnostics);
  const invalidAt = (path: PathSegment[], exact = false) => {
    const prefix = pointerOf(path);
    for (const p of invalid) if (p === prefix || (!exact && p.startsWith(`${prefix}/`))) return true;
    return false;
  };
  diagnostics.push(
    ...checkSemantics(built.scenario, {
      file,
      source,
      locate: (path, part) => locate(doc, path, part),
      nodePaths: built.nodePaths,
      waitRanges: built.waitRanges,
      timelineTargets: built.timelineTargets,
      invalidAt,
    }),
  );
  return { diagnostics, scenario: built.scenario };
}

/** A document holding only comments parses to a null scalar. */
function isNullScalar(doc: Document): boolean {
  const contents = doc.contents as { value?: unknown; items?: unknown } | null;
  return contents !== null && typeof contents === 'object' && !('items' in contents) && 'value' in contents && contents.value === null;
}
