/** The committed schema carries exactly what the knob and supplier tables say. */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv } from 'ajv';
import { applySchemaTables } from './schema-tables.js';

const tables = suite('schema tables');
const text = readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8');

tables('schema/scenario.schema.json is up to date with the tables (else run node --import tsx tools/write-schema.ts)', () => {
  assert.is(`${JSON.stringify(applySchemaTables(JSON.parse(text)), null, 2)}\n`, text);
});

tables('a new supplier kind reaches the schema: a reference property and its cells key, each a property of its own (offered in completion)', () => {
  const schema = applySchemaTables(JSON.parse(text)) as { definitions: { node: { properties: Record<string, { description: string }>; patternProperties?: unknown } } };
  const properties = schema.definitions.node.properties;
  assert.ok('power-domains' in properties);
  // A kind without cells (extcon) is a reference property with no cells key.
  assert.ok('extcon' in properties);
  assert.not.ok('extcon-cells' in properties);
  const cells = Object.keys(properties).filter((key) => key.endsWith('-cells') && key !== 'nvmem-cells');
  assert.equal(cells, ['clock-cells', 'interconnect-cells', 'iommu-cells', 'mbox-cells', 'io-channel-cells', 'dma-cells', 'power-domain-cells', 'hwlock-cells', 'phy-cells', 'pinctrl-cells', 'pwm-cells', 'reset-cells', 'msi-cells', 'gpio-cells', 'interrupt-cells', 'regulator-cells']);
  assert.is(properties['iommu-cells'].description, 'Makes this node an iommu provider (#iommu-cells in the device tree): how many argument cells a reference to it carries, as in iommus: [<label> …].');
  assert.is(schema.definitions.node.patternProperties, undefined);
});

tables('completion offers the error names and final states the loader reads', () => {
  const schema = applySchemaTables(JSON.parse(text)) as { definitions: Record<string, { examples?: unknown[]; properties?: Record<string, { examples?: unknown[] }> }> };
  assert.ok(schema.definitions.errno.examples!.includes('-EPROBE_DEFER'));
  assert.equal(schema.definitions.expectation.properties!.state.examples!.slice(0, 3), ['bound', 'pending', 'failed']);
});

tables('the schema rejects what the loader rejects: a misspelt error name, a timeline entry with no action or with two', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(JSON.parse(text));
  const base = { description: 'x', nodes: { a: { compatible: ['x,a'] } } };
  assert.ok(check({ ...base, faults: { a: { probe: ['-EPROBE_DEFER', -22, 0, 'ok'], 'power-on': [-5, 'ok'] } }, timeline: [{ at: 1, bind: 'a' }] }), JSON.stringify(check.errors));
  assert.not.ok(check({ ...base, faults: { a: { probe: ['-EPROBE_DEFFER'] } } }));
  assert.not.ok(check({ ...base, faults: { a: { xlate: '-ENODEVICE' } } }));
  assert.not.ok(check({ ...base, faults: { a: { 'power-on': ['-ETIMEDOUTT'] } } }));
  assert.not.ok(check({ ...base, timeline: [{ at: 1 }] }));
  assert.not.ok(check({ ...base, timeline: [{ at: 1, bind: 'a', unbind: 'a' }] }));
});

tables.run();
