const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A `<stringlist>` value (`compatible = "a", "b"`) as its strings, or null when the bytes are not one:
 * empty, not NUL-terminated, or not UTF-8.
 */
export function propertyStrings(value: Uint8Array): string[] | null {
  if (value.length === 0 || value[value.length - 1] !== 0) return null;
  let text: string;
  try {
    text = UTF8.decode(value.subarray(0, value.length - 1));
  } catch {
    return null;
  }
  return text.split('\0');
}
