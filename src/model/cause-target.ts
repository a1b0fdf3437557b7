/** The node a cause names: data about a cause, shared by the engine's final table, explain and the TUI. */
import type { Cause } from './events.js';

/** The node a cause points at, whose own state explains it further; null for an injected result. */
export function causeTarget(cause: Cause): string | null {
  switch (cause.kind) {
    case 'supplier':
    case 'supplier-unbound':
      return cause.supplier;
    case 'pinctrl':
    case 'provider':
    case 'provider-disabled':
      return cause.provider;
    case 'iommu-absent':
    case 'xlate':
    case 'iommu-failed':
      return cause.iommu;
    case 'power-domain-absent':
    case 'power-on':
      return cause.domain;
    case 'waits-for':
      return cause.node;
    case 'injected':
      return null;
    default: {
      const never: never = cause;
      throw new Error(`probe-run bug: unknown cause ${JSON.stringify(never)}`);
    }
  }
}
