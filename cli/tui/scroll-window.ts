/** Arithmetic for windowing a long list by hand (Ink has no scroll primitive). */

/** Clamps `value` to `[min, max]`; `max` below `min` yields `min`. */
export function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

/** The first visible row that keeps `cursor` on screen, moving the previous window as little as possible. */
export function windowTop(previousTop: number, cursor: number, height: number, count: number): number {
  const rows = Math.max(1, height);
  let top = previousTop;
  if (cursor < top) top = cursor;
  if (cursor >= top + rows) top = cursor - rows + 1;
  return clamp(top, 0, Math.max(0, count - rows));
}

/** `12/240`: the 1-based position of the cursor among `count` rows, `0/0` when there are none. */
export function positionLabel(cursor: number, count: number): string {
  return count === 0 ? '0/0' : `${cursor + 1}/${count}`;
}
