/** The committed schema carries exactly what the knob and supplier tables say. */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applySchemaTables } from './schema-tables.js';

const tables = suite('schema tables');
const text = readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8');

tables('schema/scenario.schema.json is up to date with the tables (else run node --import tsx tools/write-schema.ts)', () => {
  assert.is(`${JSON.stringify(applySchemaTables(JSON.parse(text)), null, 2)}\n`, text);
});

tables('a new supplier kind reaches the schema: a reference property and its cells key', () => {
  const schema = applySchemaTables(JSON.parse(text)) as { definitions: { node: { properties: Record<string, unknown>; patternProperties: Record<string, unknown> } } };
  assert.ok('power-domains' in schema.definitions.node.properties);
  // A kind without cells (extcon) is a reference property with no cells key.
  assert.ok('extcon' in schema.definitions.node.properties);
  assert.equal(Object.keys(schema.definitions.node.patternProperties), ['^(clock|interconnect|iommu|mbox|io-channel|dma|power-domain|hwlock|phy|pinctrl|pwm|reset|msi|gpio|interrupt|regulator)-cells$']);
});

tables.run();
