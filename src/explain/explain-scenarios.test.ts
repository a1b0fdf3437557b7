/**
 * `probe-run explain` answers for every device of every bundled board scenario (issue 4's "done
 * when"), and of every rule scenario: each answer ends in root causes, never in an unexplained node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runEngine } from '../engine/run-engine.js';
import { stateText } from '../engine/outcome.js';
import { loadScenario } from '../load/load-scenario.js';
import { explainDevice, rootCausesOf, ROOT_CAUSE_KINDS, type Explanation } from './explain-device.js';
import { formatHeader } from '../trace/format-trace.js';
import { formatExplanation } from './format-explanation.js';

const root = fileURLToPath(new URL('../../scenarios/', import.meta.url));

function nodesOf(tree: Explanation): Explanation[] {
  return [tree, ...tree.children.flatMap(nodesOf)];
}

/** Registers one test per scenario of `group`, sorted by file name. */
function explainEvery(group: string): void {
  const test = suite(`explain every device of scenarios/${group}`);
  const files = readdirSync(join(root, group)).filter((name) => name.endsWith('.yaml')).sort();
  assert.ok(files.length > 0, `no scenarios in ${group}`);
  for (const file of files) {
    test(`${group}/${file}`, () => {
      const { scenario, diagnostics } = loadScenario(readFileSync(join(root, group, file), 'utf8'), `${group}/${file}`, `${group}/${file.slice(0, -5)}`);
      assert.ok(scenario !== null, diagnostics.map((d) => d.message).join('; '));
      const { result } = runEngine(scenario);
      const lastSeq = result.events.length;
      for (const device of result.devices) {
        const tree = explainDevice(scenario, result, device.name);
        const where = `${file} ${device.name}`;
        assert.is(tree.node, device.name, where);
        assert.is(tree.state, stateText(device), where);
        for (const leaf of rootCausesOf(tree)) {
          assert.ok((ROOT_CAUSE_KINDS as readonly string[]).includes(leaf.kind), `${where}: leaf ${leaf.node} is ${leaf.kind}, not a root cause`);
        }
        for (const node of nodesOf(tree)) {
          assert.ok(/^K\d+(\.\d+)?$/.test(node.rule), `${where}: ${node.node} has rule '${node.rule}'`);
          const row = result.devices.find((other) => other.name === node.node);
          assert.ok(row !== undefined, `${where}: ${node.node} is not a node`);
          if (row.state === 'bound') assert.is(node.seqs.bound, row.bound_seq, `${where}: ${node.node} bind seq`);
          const { first_attempt, last_attempt, reason } = node.seqs;
          const referenced = [first_attempt, last_attempt, ...reason, ...[node.text, ...node.details].flatMap((line) => [...line.matchAll(/#(\d+)/g)].map((m) => Number(m[1])))];
          for (const seq of referenced) if (seq !== null) assert.ok(seq >= 1 && seq <= lastSeq, `${where}: ${node.node} refers to #${seq} of ${lastSeq}`);
        }
        const text = formatExplanation(tree);
        assert.ok(text.startsWith(`${device.name}: `) && text.endsWith('\n'), where);
      }
    });
  }
  test.run();
}

explainEvery('boards');
explainEvery('rules');

const readme = suite('README explain example');

readme('the example in README.md is what explain prints for that board today', () => {
  const text = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const command = /npx probe-run explain scenarios\/(\S+)\.yaml (\S+)\n```\n\n```\n([^`]*)```/.exec(text);
  assert.ok(command !== null, 'README has an explain command followed by its output');
  const [, id, device, shown] = command;
  const { scenario } = loadScenario(readFileSync(join(root, `${id}.yaml`), 'utf8'), `${id}.yaml`, id);
  assert.ok(scenario !== null);
  const { knobs, result } = runEngine(scenario);
  // As the CLI does: #N is line N of the scenario's trace.
  assert.fixture(shown, formatExplanation(explainDevice(scenario, result, device, { firstEventLine: formatHeader(scenario, knobs, result.stepBound).length + 1 })));
});

readme.run();
