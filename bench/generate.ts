/** Deterministic scenario generators for the benchmarks (issue 3): a SoC-like graph and a reverse-order chain. */
import { stringify } from 'yaml';
import { mulberry32 } from '../src/engine/shuffle.js';

type Doc = Record<string, unknown>;

const CONSUMER_CLASSES = 48;
const LEVELS = ['subsys', 'fs', 'device'] as const;

/**
 * A SoC-like graph of `n` devices: about one provider in forty (clock controllers, power domains,
 * IOMMUs), consumers with 2–6 suppliers each, and consumer drivers spread over initcall levels so
 * that roughly a third of the devices defer at least once.
 */
export function generateSoc(n: number, seed = 1): string {
  const next = mulberry32(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const providers = Math.max(6, Math.round(n / 40));
  const nodes: Doc = { osc: { compatible: 'soc,osc', 'clock-cells': 0 } };
  const clocks: string[] = [];
  const domains: string[] = [];
  const iommus: string[] = [];
  for (let i = 0; i < providers; i++) {
    const kind = i % 10 < 5 ? 'clk' : i % 10 < 8 ? 'pd' : 'iommu';
    if (kind === 'clk') {
      const label = `clk${i}`;
      nodes[label] = { compatible: 'soc,cmu', 'clock-cells': 1, clocks: ['osc'] };
      clocks.push(label);
    } else if (kind === 'pd') {
      const label = `pd${i}`;
      nodes[label] = { compatible: 'soc,pd', 'power-domain-cells': 0, clocks: [`${pick(clocks)} ${i}`] };
      domains.push(label);
    } else {
      const label = `smmu${i}`;
      nodes[label] = { compatible: 'soc,smmu', 'iommu-cells': 1, clocks: [`${pick(clocks)} ${i}`], 'power-domains': [pick(domains)] };
      iommus.push(label);
    }
  }
  for (let i = Object.keys(nodes).length; i < n; i++) {
    const node: Doc = { compatible: `soc,ip${i % CONSUMER_CLASSES}` };
    const suppliers = 2 + Math.floor(next() * 5);
    const clockRefs = new Set<string>();
    for (let s = 0; s < suppliers; s++) {
      const roll = next();
      if (roll < 0.6 || s === 0) clockRefs.add(`${pick(clocks)} ${s}`);
      else if (roll < 0.85) node['power-domains'] = [pick(domains)];
      else node.iommus = [`${pick(iommus)} ${i}`];
    }
    node.clocks = [...clockRefs];
    nodes[`ip${i}`] = node;
  }
  const drivers: Doc = {
    'soc-osc': { compatible: 'soc,osc', initcall: 'core', early: true },
    'soc-cmu': { compatible: 'soc,cmu', initcall: 'postcore' },
    'soc-pd': { compatible: 'soc,pd', initcall: 'subsys' },
  };
  for (let c = 0; c < CONSUMER_CLASSES; c++) drivers[`soc-ip${c}`] = { compatible: `soc,ip${c}`, initcall: LEVELS[c % LEVELS.length] };
  // The IOMMU driver registers last: every master behind an IOMMU defers once (about a third).
  drivers['soc-smmu'] = { compatible: 'soc,smmu', initcall: 'device' };
  return stringify({ description: `Generated SoC-like graph of ${n} devices (bench/generate.ts, seed ${seed}).`, nodes, drivers }, { lineWidth: 0 });
}

/**
 * A chain of `n` devices, each a clock consumer of the one before, whose drivers register in reverse
 * dependency order: the kernel then retries every pending device after every bind, O(n²) attempts.
 */
export function generateChain(n: number): string {
  const nodes: Doc = {};
  const drivers: Doc = {};
  for (let i = 0; i < n; i++) {
    nodes[`d${i}`] = i === 0 ? { compatible: 'chain,d0', 'clock-cells': 0 } : { compatible: `chain,d${i}`, 'clock-cells': 0, clocks: [`d${i - 1}`] };
  }
  for (let i = n - 1; i >= 0; i--) drivers[`chain-d${i}`] = { compatible: `chain,d${i}` };
  return stringify({ description: `Generated chain of ${n} devices, drivers in reverse order (bench/generate.ts).`, nodes, drivers }, { lineWidth: 0 });
}
