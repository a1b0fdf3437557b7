import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assembleFdt } from '../../test/support/fdt-builder.js';
import { formatFdtDiagnostic } from './format-fdt-diagnostic.js';
import { parseFdt } from './parse-fdt.js';

const format = suite('formatFdtDiagnostic');

format('names the file, severity, code, offset in hex and decimal, node, what was found and what was expected', () => {
  const built = assembleFdt([{ kind: 'begin', name: '' }, { kind: 'begin', name: 'soc' }, { kind: 'word', value: 7 }, { kind: 'end-node' }, { kind: 'end-node' }, { kind: 'end' }]);
  const result = parseFdt(built.bytes);
  if (result.ok) return assert.unreachable();
  assert.equal(
    result.diagnostics.map((diagnostic) => formatFdtDiagnostic(diagnostic, 'board.dtb')),
    ['board.dtb: error bad-token at byte 0x48 (72), in /soc: token 0x00000007; expected FDT_BEGIN_NODE (1), FDT_END_NODE (2), FDT_PROP (3), FDT_NOP (4) or FDT_END (9)'],
  );
});

format('a diagnostic with no offset and no node says neither', () => {
  const line = formatFdtDiagnostic({ code: 'bad-symbol', severity: 'warning', offset: null, message: 'label x has a value that is not one string', expected: 'the full path of a node of this tree' }, 'live');
  assert.is(line, 'live: warning bad-symbol: label x has a value that is not one string; expected the full path of a node of this tree');
});

format.run();
