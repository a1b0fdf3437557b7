/** Makes control characters visible, so text from a scenario file cannot drive the user's terminal. */

/**
 * Replaces C0 controls (except newline and tab), DEL and C1 controls with visible stand-ins: the
 * Unicode control pictures (`␛` for ESC, `␍` for a CR of a CRLF file) and `\u0085`-style escapes.
 */
export function showControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
