/** Words for causes and DMA decisions, shared by the trace, the reporters, explain and the TUI. */
import { errnoName } from '../model/errno.js';
import type { Cause, DmaDecision, Warning } from '../model/events.js';
import type { RuleId } from '../model/rule-ids.js';
import { SUPPLIER_KINDS } from '../model/supplier-kinds.js';


/** The rule a warning comes from. */
export function warningRule(warning: Warning): RuleId {
  switch (warning.kind) {
    case 'check-state':
      return warning.dependency === 'iommu' ? 'K5.5' : warning.dependency === 'pinctrl' ? 'K7.3' : 'K6.2';
    case 'fwspec-kept':
      return 'K5.4';
    case 'unmanaged-user':
      return 'K10.3';
    default: {
      const never: never = warning;
      throw new Error(`probe-run bug: unknown warning ${JSON.stringify(never)}`);
    }
  }
}

/** A warning in the kernel's words (check_state's are dev_warn text), for device `node`. */
export function describeWarning(node: string, warning: Warning): string {
  switch (warning.kind) {
    case 'check-state': {
      const said = warning.answer === 'no-driver' ? 'ignoring dependency for device, assuming no driver' : 'deferred probe timeout, ignoring dependency';
      if (warning.dependency === 'pinctrl') return `${said} (pinctrl ${warning.provider}), no pin setup`;
      if (warning.dependency === 'power-domain') return `${said} (power domain ${warning.provider})`;
      return said;
    }
    case 'fwspec-kept':
      return `Failed to set up IOMMU for device ${node}; retaining platform DMA ops`;
    case 'unmanaged-user':
      return `still bound and using ${warning.supplier}, which is going away (no managed device link)`;
    default: {
      const never: never = warning;
      throw new Error(`probe-run bug: unknown warning ${JSON.stringify(never)}`);
    }
  }
}

/** The rule id that produces a cause. */
export function causeRule(cause: Cause): string {
  switch (cause.kind) {
    case 'supplier':
      return cause.link === 'device' ? 'K3.1' : 'K8.3';
    case 'supplier-unbound':
      return 'K10.3';
    case 'pinctrl':
      return 'K7.3';
    case 'iommu-absent':
      return 'K5.5';
    case 'xlate':
      return 'K5.4';
    case 'iommu-failed':
      return 'K5.6';
    case 'power-domain-absent':
      return 'K6.2';
    case 'power-on':
      return 'K6.1';
    case 'provider':
    case 'provider-disabled':
      return SUPPLIER_KINDS[cause.reference].rule;
    case 'waits-for':
    case 'injected':
      return 'K3.4';
    default: {
      const never: never = cause;
      throw new Error(`probe-run bug: unknown cause ${JSON.stringify(never)}`);
    }
  }
}

/** What a cause means, without the rule id: `supplier smmu not ready`. */
export function describeCause(cause: Cause): string {
  switch (cause.kind) {
    case 'supplier': {
      const pins = cause.pinConfig ? ' (pin configuration)' : '';
      return cause.link === 'device' ? `supplier ${cause.supplier}${pins} not ready` : `wait for supplier ${cause.supplier}${pins}`;
    }
    case 'supplier-unbound':
      return `unbound with supplier ${cause.supplier}, waits for it to bind again`;
    case 'pinctrl':
      return `pin controller ${cause.provider} not registered`;
    case 'iommu-absent':
      return `IOMMU ${cause.iommu} not registered`;
    case 'xlate':
      return `of_xlate by ${cause.iommu} returned ${errnoName(cause.error)}`;
    case 'iommu-failed':
      return `IOMMU ${cause.iommu} failed with ${errnoName(cause.error)} (policy fail)`;
    case 'power-domain-absent':
      return `power domain ${cause.domain} not registered`;
    case 'power-on':
      return `power domain ${cause.domain} failed to power on: ${errnoName(cause.error)}`;
    case 'provider':
      return `${SUPPLIER_KINDS[cause.reference].word} ${cause.provider} not registered`;
    case 'provider-disabled':
      return `${SUPPLIER_KINDS[cause.reference].word} ${cause.provider} disabled`;
    case 'waits-for':
      return `driver waits for ${cause.node}`;
    case 'injected':
      return `probe() returned ${errnoName(cause.error)} (injected)`;
    default: {
      const never: never = cause;
      throw new Error(`probe-run bug: unknown cause ${JSON.stringify(never)}`);
    }
  }
}

/** A cause with the rule behind it: `supplier smmu not ready [K3.1]`. */
export function describeCauseWithRule(cause: Cause): string {
  return `${describeCause(cause)} [${causeRule(cause)}]`;
}

/** The DMA decision in a few words with its rule: `direct: IOMMU smmu disabled [K5.2]`. */
export function describeDma(decision: DmaDecision): string {
  if (decision.mode === 'iommu') return `iommu(${decision.instances.join(',')}) [K5.3]`;
  const iommu = decision.iommu ?? '';
  const why: Record<typeof decision.why, string> = {
    'no-iommus': 'no iommus [K5.1]',
    'iommu-disabled': `IOMMU ${iommu} disabled, no IOMMU [K5.2]`,
    'xlate-failed': `of_xlate by ${iommu} failed, not behind an IOMMU [K5.4]`,
    'assuming-no-driver': `assuming no driver for IOMMU ${iommu} [K5.5]`,
    timeout: `timeout, ignoring IOMMU ${iommu} [K5.5]`,
    'not-declared': `no driver declared for IOMMU ${iommu} [K5.5]`,
    'system-running': `IOMMU ${iommu} not registered, system running [K5.5]`,
    'iommu-failed': `IOMMU ${iommu} failed (policy ignore) [K5.6]`,
    'not-registered': `IOMMU ${iommu} not registered [K5.7]`,
    'other-driver': `IOMMU ${iommu} has another driver than the first entry's: -EINVAL, not behind an IOMMU [K5.4]`,
    'later-not-registered': `later entry's IOMMU ${iommu} not registered: -EINVAL, not behind an IOMMU [K5.4]`,
    'fwspec-kept': `fwspec left by the deferred of_xlate (${iommu}): early exit, IOMMU probe of the device fails [K5.4]`,
  };
  const kept = decision.partialKept.length > 0 ? `; partial setup kept: ${decision.partialKept.join(',')} (IOMMU group without IOMMU DMA) [K5.4]` : '';
  return `direct: ${why[decision.why]}${kept}`;
}

export { causeTarget } from '../model/cause-target.js';
