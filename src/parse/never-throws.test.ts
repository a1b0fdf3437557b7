import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { formatDiagnostics } from '../diagnostics/format-diagnostic.js';
import { loadScenario } from '../load/load-scenario.js';
import { SPEC_EXAMPLE } from '../../test/fixtures/spec-example.js';

const Robust = suite('loadScenario never throws');

/** The loader's contract on any input: no exception, null scenario iff an error, sorted diagnostics. */
function checkContract(source: string): void {
  const { scenario, diagnostics } = loadScenario(source, 'f.yaml', 'f');
  const hasError = diagnostics.some((d) => d.severity === 'error');
  assert.is(scenario === null, hasError);
  for (let i = 1; i < diagnostics.length; i++) {
    assert.ok((diagnostics[i - 1].range?.start ?? -1) <= (diagnostics[i].range?.start ?? -1));
  }
  for (const d of diagnostics) {
    if (d.range) assert.ok(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= source.length, `range inside the text: ${JSON.stringify(d)}`);
  }
  const text = formatDiagnostics(diagnostics, source);
  assert.ok(text === '' || text.endsWith('\n'));
}

Robust('on arbitrary strings', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkContract), { seed: 4242, numRuns: 300 });
});

Robust('on YAML-ish strings', () => {
  const token = fc.constantFrom('a', ':', ' ', '\n', '  ', '-', '[', ']', '{', '}', ',', '"', "'", '&x', '*x', '!t', '#', '?', '|', '>', '\t', '---', 'nodes', 'clocks', '0x8');
  fc.assert(fc.property(fc.array(token, { maxLength: 80 }).map((t) => t.join('')), checkContract), { seed: 4243, numRuns: 300 });
});

Robust('on mutated valid scenarios', () => {
  const mutation = fc.record({
    at: fc.nat({ max: SPEC_EXAMPLE.length }),
    cut: fc.nat({ max: 20 }),
    insert: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(':', '\n', '- ', '[', '{', '  ', '\t', '"', 'x', '0', '-EIO', '*a', '&a ')),
  });
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
      let source = SPEC_EXAMPLE;
      for (const m of mutations) {
        const at = Math.min(m.at, source.length);
        source = source.slice(0, at) + m.insert + source.slice(at + m.cut);
      }
      checkContract(source);
    }),
    { seed: 4244, numRuns: 300 },
  );
});

Robust.run();
