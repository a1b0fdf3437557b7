/** Rewrites the table-defined parts of schema/scenario.schema.json (run: node --import tsx tools/write-schema.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { applySchemaTables } from '../src/validate/schema-tables.js';

const path = new URL('../schema/scenario.schema.json', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = `${JSON.stringify(applySchemaTables(JSON.parse(before)), null, 2)}\n`;
if (after === before) {
  console.log('schema/scenario.schema.json is up to date');
} else {
  writeFileSync(path, after);
  console.log('schema/scenario.schema.json rewritten from the knob and supplier tables');
}
