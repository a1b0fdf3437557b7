/** XML 1.0 escaping for the JUnit reporter, including characters XML cannot carry at all. */

// XML 1.0 allows tab, LF, CR and everything from U+0020 except U+FFFE/U+FFFF and lone surrogates.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces characters XML 1.0 cannot represent (control characters, ANSI escapes' ESC) with U+FFFD. */
function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\ufffd');
}

/** Escapes element text. */
export function xmlText(text: string): string {
  return xmlSafe(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Escapes an attribute value (double-quoted); newlines and tabs are kept as character references. */
export function xmlAttr(text: string): string {
  return xmlText(text).replaceAll('"', '&quot;').replaceAll("'", '&apos;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;');
}
