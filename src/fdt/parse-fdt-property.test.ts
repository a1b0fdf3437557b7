import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildFdt } from '../../test/support/fdt-builder.js';
import { checkParse, fdtFuzzCase, randomTree, seededRandom } from '../../test/support/fdt-fuzz-cases.js';
import type { DeviceTreeNode } from './device-tree.js';
import { DEFAULT_FDT_LIMITS } from './fdt-limits.js';
import { parseFdt } from './parse-fdt.js';

const property = suite('parseFdt: properties over generated blobs');

/** A tree as plain data for comparing: names, values, children; no offsets. */
function shape(node: { name: string; properties?: ReadonlyArray<{ name: string; value: Uint8Array }>; children?: readonly unknown[] }): unknown {
  return {
    name: node.name,
    properties: (node.properties ?? []).map((p) => [p.name, [...p.value]]),
    children: ((node.children ?? []) as DeviceTreeNode[]).map(shape),
  };
}

property('a valid blob of any generated tree reads back as that tree, with no warnings', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
      const tree = randomTree(seededRandom(seed));
      const result = parseFdt(buildFdt(tree).bytes);
      if (!result.ok) return false;
      assert.equal(result.warnings, []);
      assert.equal(shape(result.tree), shape(tree));
      return true;
    }),
    { numRuns: 100, seed: 13 },
  );
});

property('mutated blobs (truncated, overlapping, bad tokens, huge lengths, bad string offsets, deep) give a tree or diagnostics, never a throw', () => {
  const kinds = new Set<string>();
  let rejectedCount = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), (index) => {
      const fuzz = fdtFuzzCase(13, index);
      kinds.add(fuzz.kind.split('+')[0].replace(/^deep-\d+/, 'deep'));
      const checked = checkParse(fuzz.bytes, DEFAULT_FDT_LIMITS);
      if (!checked.ok) throw new Error(`${fuzz.kind}: ${checked.reason}`);
      if (!checked.result.ok) rejectedCount += 1;
      // The same bytes always give the same answer.
      assert.equal(parseFdt(fuzz.bytes), checked.result);
      return true;
    }),
    { numRuns: 200, seed: 13 },
  );
  // The run really exercised the mutations and most of them were refused.
  assert.ok(kinds.size >= 8, [...kinds].join(', '));
  assert.ok(rejectedCount > 100, `only ${rejectedCount} of 200 rejected`);
});

property('tight limits hold on the same inputs', () => {
  const limits = { ...DEFAULT_FDT_LIMITS, maxDepth: 3, maxNodes: 10, maxProperties: 20, maxNameLength: 8, maxDiagnostics: 3 };
  for (let index = 0; index < 200; index += 1) {
    const checked = checkParse(fdtFuzzCase(7, index).bytes, limits);
    if (!checked.ok) assert.unreachable(`case ${index}: ${checked.reason}`);
  }
});

property.run();
