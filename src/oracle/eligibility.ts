/** Which scenarios a real 6.1 or 6.12 kernel can judge, and why the others cannot (issue 12). */
import type { Scenario } from '../model/scenario.js';
import type { ReferenceKind } from '../model/supplier-kinds.js';

/** Supplier kinds the oracle's fake drivers provide (oracle/fake): the others cannot be booted faithfully yet. */
const FAKED: ReadonlySet<ReferenceKind> = new Set<ReferenceKind>(['clocks', 'interconnects', 'iommus', 'dmas', 'power-domains', 'phys', 'pinctrl', 'resets', 'supplies']);

/** Null when the oracle can record the scenario; else the reason it cannot. */
export function oracleEligibility(scenario: Scenario): string | null {
  if (scenario.id.startsWith('invalid/')) return 'an invalid scenario: nothing to boot';
  if (scenario.id.startsWith('imported/')) return 'an imported board: its compatibles mean real drivers to the test kernel';
  const profile = scenario.kernel.profile;
  if (profile === 'v3.19' || profile === 'v4.12') return `behaviour of ${profile}, which no oracle kernel runs`;
  if (scenario.stepBound !== undefined) return 'a probe-run step bound (K11.2), which no kernel has';
  if (scenario.policy.iommu_probe_failed !== 'wait' || scenario.policy.iommu_xlate_failed !== 'ignore') return 'a policy knob with no kernel counterpart (K5.6)';
  const knobs = Object.keys(scenario.kernel).filter((key) => !['profile', 'modules', 'deferred_probe_timeout', 'fw_devlink', 'fw_devlink_strict'].includes(key));
  if (knobs.length > 0) return `a model knob with no kernel command-line counterpart: ${knobs.join(', ')}`;
  const unfaked = [...new Set(scenario.nodes.flatMap((node) => node.references.map((ref) => ref.kind)).filter((kind) => !FAKED.has(kind)))];
  if (unfaked.length > 0) return `supplier kinds the fake drivers do not provide yet: ${unfaked.join(', ')}`;
  if (scenario.drivers.some((driver) => driver.early) && scenario.nodes.some((node) => node.cells['power-domain'] !== undefined || node.cells.iommu !== undefined)) {
    const early = new Set(scenario.drivers.filter((d) => d.early).flatMap((d) => d.compatible));
    if (scenario.nodes.some((node) => node.compatible.some((c) => early.has(c)) && (node.cells['power-domain'] !== undefined || node.cells.iommu !== undefined)))
      return 'an early power-domain or IOMMU provider, which the fakes do not declare';
  }
  return null;
}
