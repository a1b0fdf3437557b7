/** Makes untrusted text safe for one terminal row: tabs expanded, control characters made visible. */

const TAB_WIDTH = 8;

/** Expands tabs to 8-column stops and replaces control characters (ANSI escapes included) with `·`. */
export function displayText(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === '\t') {
      out += ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH));
    } else if (char === '\r') {
      // A CRLF source keeps its lines; the stray CR would move the terminal cursor.
      continue;
    } else if (/[\u0000-\u001f\u007f-\u009f]/.test(char)) {
      out += '·';
    } else {
      out += char;
    }
  }
  return out;
}

/** Splits text into lines without the empty line a final newline would add. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
