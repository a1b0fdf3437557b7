/** Helpers shared by the loader's tests: diagnostics as short `line:col code` strings. */
import { lineColumn } from '../../src/diagnostics/line-column.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';

/** `10:5 unknown-key` for each diagnostic (`- code` when it has no place): positions, not prose. */
export function where(diagnostics: Diagnostic[], source: string): string[] {
  return diagnostics.map((d) => {
    if (!d.range) return `- ${d.code}`;
    const { line, column } = lineColumn(source, d.range.start);
    return `${line}:${column} ${d.code}`;
  });
}

/** The source text a diagnostic points at. */
export function pointedAt(d: Diagnostic, source: string): string | null {
  return d.range ? source.slice(d.range.start, d.range.end) : null;
}

/** A minimal valid scenario to build variations on. */
export const BASE = `description: base
nodes:
  cmu:
    compatible: [acme,cmu]
    clock-cells: 1
  smmu:
    compatible: [arm,mmu-500]
    iommu-cells: 1
  dpu:
    compatible: [acme,dpu]
    clocks: [cmu 7]
    iommus: [smmu 0x800]
drivers:
  acme-cmu: { compatible: [acme,cmu] }
  arm-smmu: { compatible: [arm,mmu-500], build: module }
  acme-dpu: { compatible: [acme,dpu] }
`;
