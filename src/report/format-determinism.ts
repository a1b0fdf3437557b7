/** The report of `--check-determinism`: a line per scenario, the first differing line of any that differs, a summary. */
import type { DeterminismResult } from '../run/check-determinism.js';
import { palette } from './ansi.js';
import { showControls } from './show-controls.js';

const shown = (line: string | null) => (line === null ? '(no such line: the output ended)' : showControls(line));

/** Renders the results; `color` as the text reporter decides it. */
export function formatDeterminism(results: readonly DeterminismResult[], color: boolean): string {
  const paint = palette(color);
  let out = '';
  for (const result of results) {
    switch (result.status) {
      case 'same':
        out += `${paint.green('PASS'.padEnd(8))} ${showControls(result.id)}\n`;
        break;
      case 'differs': {
        const { line, expected, actual } = result.difference;
        out += `${paint.red('FAIL'.padEnd(8))} ${showControls(result.id)}\n`;
        out += `  run ${result.run} (orders shuffled, seed ${result.seed}) differs from run 1 at line ${line} of the output of ${showControls(result.file)}:\n`;
        out += `  ${paint.red(`run 1: ${shown(expected)}`)}\n`;
        out += `  ${paint.green(`run ${result.run}: ${shown(actual)}`)}\n`;
        break;
      }
      case 'error':
        out += `${paint.red('ERROR'.padEnd(8))} ${showControls(result.id)}\n  run ${result.run}: ${result.detail.trimEnd().split('\n').join('\n  ')}\n`;
        break;
      default: {
        const never: never = result;
        throw new Error(`unknown determinism result ${JSON.stringify(never)}`);
      }
    }
  }
  const same = results.filter((result) => result.status === 'same').length;
  const differ = results.filter((result) => result.status === 'differs').length;
  const errors = results.length - same - differ;
  const runs = results[0]?.runs ?? 0;
  const parts = [`${same} deterministic`, `${differ} differ${differ === 1 ? 's' : ''}`, ...(errors > 0 ? [`${errors} internal error${errors === 1 ? '' : 's'}`] : [])];
  out += `\n${parts.join(', ')} (each run ${runs} times: once as usual, then with the order-free iterations shuffled)\n`;
  return out;
}
