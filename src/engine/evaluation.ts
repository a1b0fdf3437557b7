/** What one really_probe() evaluation found, before the engine commits it (K3). */
import type { DmaDecision, EventBody, ProbeResult } from '../model/events.js';

/** The outcome of evaluating one attempt. */
export interface Evaluation {
  result: ProbeResult;
  /** The attempt ended in the core's own steps (K3.1, pinctrl, K3.2): no other driver is tried (K2.4). */
  core: boolean;
  /** Events printed before the result (warnings, DMA decision, power domain lines). */
  before: readonly EventBody[];
  /** Nodes whose state the attempt read, for memoisation. */
  deps: number[];
  /** The attempt took an injected probe() result, so replaying it would be wrong. */
  consumedFault: boolean;
  /** The power domain whose next injected power-on result the attempt took (K6.1), or -1. */
  consumedPowerOn: number;
  /** The attempt changes the device itself (v4.12 domain left attached, v6.1 fwspec kept): never replayed. */
  sticky: 'domain-attached' | 'fwspec-kept' | null;
  dma: DmaDecision | null;
}
