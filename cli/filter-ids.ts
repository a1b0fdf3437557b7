/** `--filter`: a substring of the scenario id, or a glob on the whole id when it has `*`, `?` or `[`. */

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** A glob as a regular expression: `**` crosses `/`, `*` and `?` do not, `[…]` is a character class. Null for a bad class such as `[z-a]`. */
export function globToRegExp(glob: string): RegExp | null {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index];
    if (char === '*' && glob[index + 1] === '*') {
      // `**/` also matches no folder at all.
      if (glob[index + 2] === '/') {
        source += '(?:.*/)?';
        index += 2;
      } else {
        source += '.*';
        index += 1;
      }
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close < 0) source += '\\[';
      else {
        const body = glob.slice(index + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        index = close;
      }
    } else source += escapeRegExp(char);
  }
  try {
    return new RegExp(`^${source}$`, 'u');
  } catch {
    return null;
  }
}

/** Whether a filter is a glob (else a substring). */
export function isGlob(filter: string): boolean {
  return /[*?[]/.test(filter);
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
