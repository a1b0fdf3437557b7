/**
 * `--filter`: a substring of the scenario id, or a glob on the whole id, matched by picomatch as Jest's
 * globs are (`*` within a folder, `**` across folders, `?`, `[…]`, braces `{a,b}` and `{1..3}`,
 * extglobs, a leading `!` to negate, and `\` to escape a special character).
 */
import picomatch from 'picomatch';

/** The options every filter is compiled with: `*` also matches names starting with a dot. */
const OPTIONS = { dot: true } as const;

/** Whether a filter is a glob (else a substring): it has an unescaped special character, or an escape. */
export function isGlob(filter: string): boolean {
  return picomatch.scan(filter).isGlob || filter.includes('\\');
}

/** POSIX `[!…]` negates a class as `[^…]` does (picomatch reads `!` there literally). */
function posixClasses(glob: string): string {
  return glob.replace(/(?<!\\)\[!/g, '[^');
}

/** A glob as a regular expression on the whole id, or null when it cannot be one (such as `[z-a]`). */
export function globToRegExp(glob: string): RegExp | null {
  try {
    const regExp = picomatch.makeRe(posixClasses(glob), OPTIONS);
    // picomatch answers an unparsable glob with a regular expression that matches nothing.
    return regExp.source === '$^' ? null : regExp;
  } catch {
    return null;
  }
}

/** The first filter that is a glob no regular expression can express, for a usage error. */
export function badFilter(filters: readonly string[]): string | undefined {
  return filters.find((filter) => isGlob(filter) && globToRegExp(filter) === null);
}

/** Whether `id` is selected by any of `filters` (no filters: every id). */
export function matchesFilters(id: string, filters: readonly string[]): boolean {
  if (filters.length === 0) return true;
  return filters.some((filter) => (isGlob(filter) ? (globToRegExp(filter)?.test(id) ?? false) : id.includes(filter)));
}

/**
 * What to say when filters select nothing: that a glob matches the whole id, with an id for example
 * and each glob as it would match in any folder. Empty when no filter is a glob.
 */
export function globHint(filters: readonly string[], exampleId: string | undefined): string {
  const globs = filters.filter(isGlob);
  if (globs.length === 0) return '';
  const example = exampleId === undefined ? '' : ` such as '${exampleId}'`;
  const tries = globs.filter((glob) => !glob.startsWith('**/') && !glob.startsWith('!')).map((glob) => `'**/${glob}'`);
  return `; a glob must match the whole id${example}, folders included${tries.length > 0 ? ` (try ${tries.join(', ')})` : ''}`;
}
