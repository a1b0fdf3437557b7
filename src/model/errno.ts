/** Kernel errno names and numbers, for reading scenarios and printing traces. */

/** Names the scenario format accepts, with their (negative) values. */
export const ERRNO: Readonly<Record<string, number>> = {
  '-EPERM': -1,
  '-ENOENT': -2,
  '-EIO': -5,
  '-ENXIO': -6,
  '-EAGAIN': -11,
  '-ENOMEM': -12,
  '-EACCES': -13,
  '-EFAULT': -14,
  '-EBUSY': -16,
  '-EEXIST': -17,
  '-ENODEV': -19,
  '-EINVAL': -22,
  '-ENOSPC': -28,
  '-ERANGE': -34,
  '-ENOSYS': -38,
  '-ENODATA': -61,
  '-EOPNOTSUPP': -95,
  '-ETIMEDOUT': -110,
  '-EPROBE_DEFER': -517,
};

export const EPROBE_DEFER = -517;
export const ENODEV = -19;
export const ENXIO = -6;
export const ETIMEDOUT = -110;
export const ENOENT = -2;

const NAME_OF = new Map<number, string>(Object.entries(ERRNO).map(([name, value]) => [value, name]));

/** `-EPROBE_DEFER` for -517; the plain number for values without a name. */
export function errnoName(value: number): string {
  return NAME_OF.get(value) ?? String(value);
}

/** Parses `-ENODEV`, `-19`, `0` or `ok`; returns null for anything else. */
export function parseErrno(text: string | number): number | null {
  if (typeof text === 'number') return Number.isInteger(text) && text <= 0 ? text : null;
  if (text === 'ok' || text === '0') return 0;
  if (text in ERRNO) return ERRNO[text];
  return /^-[1-9][0-9]{0,5}$/.test(text) ? Number(text) : null;
}
