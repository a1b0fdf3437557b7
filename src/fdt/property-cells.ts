/** A `<u32>` / `<prop-encoded-array>` value as its big-endian 32-bit cells, or null when its length is not a multiple of 4. */
export function propertyCells(value: Uint8Array): number[] | null {
  if (value.length % 4 !== 0) return null;
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const cells: number[] = [];
  for (let offset = 0; offset < value.length; offset += 4) cells.push(view.getUint32(offset, false));
  return cells;
}
