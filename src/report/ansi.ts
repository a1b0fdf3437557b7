/** The ANSI styles the text reporter uses; no colour library (issue 2). */

/** A function that wraps text in one style, or returns it unchanged when colour is off. */
export type Paint = (text: string) => string;

/** The styles, bound to whether colour is on. */
export interface Palette {
  /** Whether the styles paint at all (false: every style returns its text unchanged). */
  enabled: boolean;
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
  bold: Paint;
  /** Reverse video, ended without resetting the colour around it: the changed words within a changed diff line. */
  inverse: Paint;
}

const RESET = '\u001b[0m';

/** A style that ends with a full reset, or with `off` (for one that is nested inside another, such as reverse video in red). */
function style(code: string, on: boolean, off = RESET): Paint {
  return on ? (text) => (text === '' ? text : `\u001b[${code}m${text}${off}`) : (text) => text;
}

/** The palette for `color` on or off. */
export function palette(color: boolean): Palette {
  return {
    enabled: color,
    red: style('31', color),
    green: style('32', color),
    yellow: style('33', color),
    cyan: style('36', color),
    bold: style('1', color),
    inverse: style('7', color, '\u001b[27m'),
  };
}
