/**
 * Round trip (issue 13): every bundled board scenario → export-dts → `dtc -@` → import gives back
 * the same nodes (labels from __symbols__), parents, statuses, compatibles and references; with the
 * original's drivers, faults, timeline, kernel knobs and vendor waits put back (the export keeps them
 * as probe-run,* properties, which import does not read), the run ends in the same final states.
 * Skipped when dtc is not on PATH.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runEngine } from '../src/engine/run-engine.js';
import { exportDts } from '../src/export/export-dts.js';
import { parseFdt } from '../src/fdt/parse-fdt.js';
import { importDeviceTree } from '../src/import/import-device-tree.js';
import { loadScenario } from '../src/load/load-scenario.js';
import type { NodeSpec, Scenario } from '../src/model/scenario.js';

const boards = new URL('../scenarios/boards/', import.meta.url).pathname;
const RoundTrip = suite('import: export-dts → dtc → import round trip');
const dtcVersion = spawnSync('dtc', ['--version'], { encoding: 'utf8' });

// Import writes each distinct entry once (`<&nco 4>, <&nco 4>` is one reference): compare distinct entries.
const refText = (node: NodeSpec, keep: Set<string>) => [
  ...new Set(
    node.references
      .filter((r) => keep.has(r.label))
      // Named arguments (CLK_DE) become numbers in the export: the label and the count must survive.
      .map((r) => `${r.kind}:${r.label}/${r.args.length}`),
  ),
].sort();

if (dtcVersion.error !== undefined || dtcVersion.status !== 0) {
  RoundTrip('skipped: dtc is not on PATH (apt-get install device-tree-compiler)', () => undefined);
} else {
  for (const name of readdirSync(boards).filter((f) => f.endsWith('.yaml')).sort()) {
    const id = `boards/${name.replace(/\.yaml$/, '')}`;
    RoundTrip(`${id}: same nodes and references, and the same final states with its drivers`, () => {
      const original = loadScenario(readFileSync(join(boards, name), 'utf8'), name, id).scenario;
      if (original === null) throw new Error(`${id} does not load`);
      const compiled = spawnSync('dtc', ['-@', '-q', '-I', 'dts', '-O', 'dtb', '-o', '-', '-'], { input: exportDts(original), maxBuffer: 1 << 24 });
      assert.is(compiled.status, 0, String(compiled.stderr));
      const parsed = parseFdt(new Uint8Array(compiled.stdout));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
      const imported = loadScenario(importDeviceTree(parsed.tree, { source: `${name}.dtb`, kernel: null }).yaml, 'imported.yaml', id).scenario;
      if (imported === null) throw new Error('the import does not load');

      const labels = new Set(original.nodes.map((n) => n.label));
      const byLabel = new Map(imported.nodes.map((n) => [n.label, n]));
      for (const node of original.nodes) {
        const back = byLabel.get(node.label);
        assert.ok(back !== undefined, `${node.label} is missing after the round trip`);
        if (back === undefined) continue;
        // The export adds the oracle's own probe-run,* compatibles (its fake drivers match them).
        const compatible = back.compatible.filter((c) => !c.startsWith('probe-run,'));
        assert.equal([back.parent, back.status, compatible], [node.parent, node.status, node.compatible], node.label);
        // The export's base board adds an interrupt parent; only references among the original nodes count.
        assert.equal(refText(back, labels), refText(node, labels), `${node.label} references`);
      }

      // The original's drivers and everything import cannot see, on the imported nodes (extras dropped).
      const nodes = imported.nodes
        .filter((n) => labels.has(n.label))
        .map((n) => {
          const from = original.nodes.find((o) => o.label === n.label) as NodeSpec;
          return { ...n, compatible: n.compatible.filter((c) => !c.startsWith('probe-run,')), references: n.references.filter((r) => labels.has(r.label)), probeWaitsFor: from.probeWaitsFor, hotplug: from.hotplug, dmaCoherent: from.dmaCoherent, cells: from.cells };
        });
      const replay: Scenario = { ...original, nodes };
      const states = (s: Scenario) => runEngine(s).result.devices.map((d) => `${d.name} ${d.state} ${d.driver ?? '-'} ${d.dma ?? '-'}`);
      assert.equal(states(replay), states(original));
    });
  }
}

RoundTrip.run();
