/** The final-state table (SPEC section 4) and the `expect:` checks. */
import { ERRNO, errnoName } from '../model/errno.js';
import type { DeviceOutcome, DeviceState, ExpectFailure } from '../model/events.js';
import { causeTarget } from '../model/cause-target.js';
import type { Scenario } from '../model/scenario.js';
import { ListId, type Dev, type EngineState } from './state.js';

function stateOf(dev: Dev): DeviceState {
  if (dev.spec.status !== 'okay') return 'disabled';
  // v3.19: an early node's device may also bind a platform driver (K1.3).
  if (dev.driver >= 0) return 'bound';
  if (dev.earlyDriver >= 0) return 'early';
  if (!dev.created) return 'not-created';
  if (dev.list !== ListId.None) return 'pending';
  // K10.2: a timeline bind that deferred is not queued: the device is left unbound.
  if (dev.last === 'defer') return 'unbound';
  if (dev.last === 'failed' || dev.last === 'rejected' || dev.last === 'unbound') return dev.last;
  return 'no-driver';
}

/** One row per node, in source order. */
export function buildOutcome(state: EngineState): DeviceOutcome[] {
  return state.devs.map((dev) => {
    const deviceState = stateOf(dev);
    const driverIndex = dev.driver >= 0 ? dev.driver : dev.earlyDriver;
    const failed = deviceState === 'failed' || deviceState === 'rejected';
    const decision = dev.dma;
    return {
      name: dev.spec.label,
      state: deviceState,
      driver: driverIndex >= 0 ? state.drivers[driverIndex].name : null,
      dma: decision === null ? null : decision.mode,
      iommus: decision === null ? [] : decision.mode === 'iommu' ? decision.instances : decision.partialKept,
      dma_coherent: dev.spec.dmaCoherent,
      attempts: dev.attempts,
      bound_seq: deviceState === 'bound' ? dev.boundSeq : null,
      bound_time: deviceState === 'bound' && dev.boundTime !== null ? dev.boundTime / 1_000_000 : null,
      error: failed ? errnoName(dev.lastError) : null,
      waiting_for: deviceState === 'pending' && dev.lastCause !== null ? causeTarget(dev.lastCause) : null,
      cause: deviceState === 'pending' || deviceState === 'unbound' || failed ? dev.lastCause : null,
    };
  });
}

/** The DMA column: `iommu(a,b)`, `direct` or `-`. */
export function dmaText(device: DeviceOutcome): string {
  if (device.dma === null) return '-';
  const coherent = device.dma_coherent ? ' coherent' : '';
  return device.dma === 'iommu' ? `iommu(${device.iommus.join(',')})${coherent}` : `direct${coherent}`;
}

/** The state column: `failed -110` for failures, the state name otherwise. */
export function stateText(device: DeviceOutcome): string {
  return device.state === 'failed' && device.error !== null ? `failed ${errnoNumber(device.error)}` : device.state;
}

function matchesState(expected: string, device: DeviceOutcome): boolean {
  if (expected === device.state) return true;
  if (device.state !== 'failed' || device.error === null) return false;
  return expected === `failed ${device.error}` || expected === `failed ${errnoNumber(device.error)}`;
}

/** `-110` for `-ETIMEDOUT`; numbers without a name are already numeric. */
function errnoNumber(name: string): string {
  return name in ERRNO ? String(ERRNO[name]) : name;
}

function matchesDma(expected: string, device: DeviceOutcome): boolean {
  const actual = dmaText(device);
  if (expected === actual) return true;
  if (expected === 'none') return actual === '-';
  return expected === device.dma || (device.dma === 'iommu' && expected === `iommu(${device.iommus.join(',')})`);
}

/** Checks every `expect:` entry against the final state; one failure per field that differs. */
export function checkExpectations(scenario: Scenario, devices: DeviceOutcome[]): ExpectFailure[] {
  if (Object.keys(scenario.expect).length === 0) return [];
  const failures: ExpectFailure[] = [];
  // In final-table order, not expect: key order, so the report cannot depend on how a record was built (K11.1).
  for (const device of devices) {
    const node = device.name;
    if (!Object.hasOwn(scenario.expect, node)) continue;
    const expectation = scenario.expect[node];
    if (expectation.state !== undefined && !matchesState(expectation.state, device)) {
      failures.push({ node, field: 'state', expected: expectation.state, actual: stateText(device) });
    }
    if (expectation.driver !== undefined && expectation.driver !== (device.driver ?? '-')) {
      failures.push({ node, field: 'driver', expected: expectation.driver, actual: device.driver ?? '-' });
    }
    if (expectation.dma !== undefined && !matchesDma(expectation.dma, device)) {
      failures.push({ node, field: 'dma', expected: expectation.dma, actual: dmaText(device) });
    }
    if (expectation.attempts !== undefined && expectation.attempts !== device.attempts) {
      failures.push({ node, field: 'attempts', expected: String(expectation.attempts), actual: String(device.attempts) });
    }
  }
  return failures;
}
