/** Names of the temporary files behind atomic writes, so a later run can recognise (and remove) the ones a killed run left. */
import { posix } from 'node:path';

/** `.<name>.<pid>.<8 hex>.tmp`: hidden (never walked as a scenario or a golden), with the writer's pid. */
const TEMP_NAME = /^\.(.+)\.([1-9][0-9]*)\.[0-9a-f]{8}\.tmp$/;

/** The temporary sibling of `target` for a writer with this pid and 8 random hex digits. */
export function tempSiblingOf(target: string, pid: number, hex: string): string {
  return posix.join(posix.dirname(target), `.${posix.basename(target)}.${pid}.${hex}.tmp`);
}

/** The target name and writer pid of a temporary file name, or null for any other name. */
export function parseTempName(name: string): { target: string; pid: number } | null {
  const match = TEMP_NAME.exec(name);
  return match === null ? null : { target: match[1], pid: Number(match[2]) };
}
