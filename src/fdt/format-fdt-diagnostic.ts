import type { FdtDiagnostic } from './fdt-diagnostic.js';

/**
 * One line for a person reading a device-tree diagnostic, e.g.
 * `board.dtb: error bad-token at byte 0x48 (72), in /soc: token 0x00000007; expected FDT_BEGIN_NODE (1), …`.
 */
export function formatFdtDiagnostic(diagnostic: FdtDiagnostic, file: string): string {
  const where = diagnostic.offset === null ? '' : ` at byte 0x${diagnostic.offset.toString(16)} (${diagnostic.offset})`;
  const node = diagnostic.path === undefined ? '' : `, in ${diagnostic.path}`;
  return `${file}: ${diagnostic.severity} ${diagnostic.code}${where}${node}: ${diagnostic.message}; expected ${diagnostic.expected}`;
}
