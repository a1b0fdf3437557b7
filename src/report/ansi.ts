/** The five ANSI styles the text reporter uses; no colour library (issue 2). */

/** A function that wraps text in one style, or returns it unchanged when colour is off. */
export type Paint = (text: string) => string;

/** The styles, bound to whether colour is on. */
export interface Palette {
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
  bold: Paint;
}

const RESET = '\u001b[0m';

function style(code: string, on: boolean): Paint {
  return on ? (text) => (text === '' ? text : `\u001b[${code}m${text}${RESET}`) : (text) => text;
}

/** The palette for `color` on or off. */
export function palette(color: boolean): Palette {
  return { red: style('31', color), green: style('32', color), yellow: style('33', color), cyan: style('36', color), bold: style('1', color) };
}
