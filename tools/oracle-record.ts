/**
 * Rewrites oracle/recorded/<kernel>/ from the dumps the oracle's boots left in oracle/work (what
 * `probe-run oracle --record` does after booting). Usage: node --import tsx tools/oracle-record.ts 6.12|6.1
 */
import { fileURLToPath } from 'node:url';
import { recordKernel } from '../cli/oracle-command.js';

const kernel = process.argv[2];
if (kernel !== '6.12' && kernel !== '6.1') throw new Error('usage: tools/oracle-record.ts 6.12|6.1');
const { written, skipped } = recordKernel(fileURLToPath(new URL('..', import.meta.url)), kernel);
console.log(`${written} recordings written to oracle/recorded/${kernel}; ${skipped} scenarios skipped (skipped.json says why)`);
