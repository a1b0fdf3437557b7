/** The engine's initial state for one scenario: nodes resolved to indices, matches, links. */
import type { Knobs } from '../model/knobs.js';
import type { Scenario } from '../model/scenario.js';
import { supplierKind } from '../model/supplier-kinds.js';
import { createList } from './deferred-lists.js';
import { buildLinks, staticComponents } from './links.js';
import { DEFAULT_STEP_BOUND, type EngineOptions } from './engine-options.js';
import { visitOrder, type Shuffle } from './shuffle.js';
import { ListId, type Dev, type EngineState, type Link } from './state.js';

/** Shared empty lists: most nodes have no links or masters, and 100,000 empty arrays cost GC time. */
const NO_LINKS: Link[] = [];
const NO_MASTERS: number[] = [];
const NO_INDICES: number[] = [];

export function createState(scenario: Scenario, knobs: Knobs, options: EngineOptions, shuffle: Shuffle | null): EngineState {
  const byLabel = new Map(scenario.nodes.map((node, i) => [node.label, i]));
  const driverByName = new Map(scenario.drivers.map((driver, i) => [driver.name, i]));
  const driversByCompatible = new Map<string, number[]>();
  // Indexed in any order: deviceAttach sorts candidates by registration (K2.1, K2.4).
  for (const d of visitOrder(scenario.drivers.length, shuffle)) {
    const driver = scenario.drivers[d];
    if (driver.build === 'absent') continue;
    for (const compatible of new Set(driver.compatible)) {
      const list = driversByCompatible.get(compatible);
      if (list === undefined) driversByCompatible.set(compatible, [d]);
      else list.push(d);
    }
  }
  const driverDevices: number[][] = scenario.drivers.map(() => []);
  const driverSeenBy = new Int32Array(scenario.drivers.length).fill(-1);
  const matchesOf: number[][] = [];
  const earlyMatchOf = new Int32Array(scenario.nodes.length).fill(-1);
  // Nodes in any order: driverRegister sorts driverDevices by bus position.
  for (const index of visitOrder(scenario.nodes.length, shuffle)) {
    // K2.1: matching is yes or no; deviceAttach orders the candidates by registration.
    const matches: number[] = [];
    let earlyMatch = -1;
    for (const compatible of scenario.nodes[index].compatible) {
      for (const d of driversByCompatible.get(compatible) ?? []) {
        if (driverSeenBy[d] === index) continue;
        driverSeenBy[d] = index;
        const driver = scenario.drivers[d];
        if (!driver.early) {
          matches.push(d);
          driverDevices[d].push(index);
        } else if (driver.build === 'builtin' && (earlyMatch < 0 || d < earlyMatch)) {
          earlyMatch = d;
        }
      }
    }
    matchesOf[index] = matches.length > 1 ? matches.sort((a, b) => a - b) : matches;
    earlyMatchOf[index] = earlyMatch;
  }
  const devs: Dev[] = scenario.nodes.map((spec, index) => {
    const matches = matchesOf[index];
    const earlyMatch = earlyMatchOf[index];
    // K1.3: OF_DECLARE registers clock and power-domain providers at time 0; IOMMU_OF_DECLARE did
    // so only in v3.19 (later it just declares the compatible for K5.5, and the node is probed as usual).
    const registersEarly = earlyMatch >= 0 && spec.status === 'okay' && (knobs.early_iommu || spec.cells.iommu === undefined);
    const refTargets = spec.references.map((ref) => byLabel.get(ref.label) as number);
    let pinctrl = NO_INDICES;
    let iommus = NO_INDICES;
    let domains = NO_INDICES;
    let plain = NO_INDICES;
    spec.references.forEach((ref, i) => {
      const target = refTargets[i];
      // Each probe step reads the references of its behaviour class (the supplier table).
      const behaviour = supplierKind(ref.kind).behaviour;
      switch (behaviour) {
        case 'pinctrl':
          pinctrl = [...pinctrl, target];
          break;
        case 'iommu':
          iommus = [...iommus, target];
          break;
        case 'power-domain':
          domains = [...domains, target];
          break;
        case 'probe':
          plain = [...plain, i];
          break;
        case 'link-only':
          break;
        default: {
          const never: never = behaviour;
          throw new Error(`probe-run bug: unknown supplier behaviour ${String(never)}`);
        }
      }
    });
    return {
      index,
      spec,
      refTargets,
      pinctrl,
      iommus,
      domains,
      plain,
      fault: Object.hasOwn(scenario.faults, spec.label) ? scenario.faults[spec.label] : null,
      waitsFor: spec.probeWaitsFor.map((label) => byLabel.get(label) as number),
      parent: spec.parent === null ? -1 : (byLabel.get(spec.parent) as number),
      children: spec.children.map((label) => byLabel.get(label) as number),
      matches,
      earlyDriver: registersEarly ? earlyMatch : -1,
      earlyMatch,
      supplierLinks: NO_LINKS,
      consumerLinks: NO_LINKS,
      masters: NO_MASTERS,
      created: false,
      busPosition: -1,
      driver: -1,
      providers: false,
      providerDriver: registersEarly ? earlyMatch : -1,
      attempts: 0,
      boundSeq: null,
      boundTime: null,
      last: 'none',
      lastError: 0,
      lastCause: null,
      dma: null,
      canMatch: false,
      faultCursor: 0,
      powerOnCursor: 0,
      domainAttached: false,
      fwspecKept: false,
      unboundBy: -1,
      version: 0,
      list: ListId.None,
      prev: -1,
      next: -1,
      memo: null,
    };
  });
  for (const dev of devs) {
    for (const target of dev.iommus) {
      const iommu = devs[target];
      if (iommu.masters === NO_MASTERS) iommu.masters = [];
      if (iommu.masters[iommu.masters.length - 1] !== dev.index) iommu.masters.push(dev.index);
    }
  }
  const state: EngineState = {
    scenario,
    knobs,
    policy: scenario.policy,
    devs,
    byLabel,
    drivers: scenario.drivers,
    driverByName,
    registeredAt: scenario.drivers.map(() => -1),
    registrations: 0,
    driverDevices,
    cycleComponents: new Int32Array(0),
    busAdds: 0,
    pending: createList(ListId.Pending),
    active: createList(ListId.Active),
    now: 0,
    events: [],
    attempts: 0,
    stepBound: options.stepBound ?? scenario.stepBound ?? DEFAULT_STEP_BOUND,
    memoise: options.memoise ?? true,
    usersOf: null,
    shuffle,
    deferredEnabled: false,
    initcallsDone: false,
    systemRunning: false,
    timeoutExpired: false,
    timeoutAt: -1,
    timeoutPushedByTimeline: false,
    driversDone: false,
    workQueued: false,
    phase: 0,
  };
  buildLinks(state);
  state.cycleComponents = staticComponents(state);
  return state;
}
