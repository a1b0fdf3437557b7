import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv } from 'ajv';
import { scenarioSchema } from './schema.js';

const Schema = suite('scenarioSchema');

type Json = { [key: string]: unknown };

Schema('is draft-07 and compiles with ajv in strict mode', () => {
  const schema = scenarioSchema() as Json;
  assert.is(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictNumbers: true });
  assert.type(ajv.compile(schema), 'function');
});

Schema('every property and definition has a description, and objects forbid unknown keys', () => {
  const missing: string[] = [];
  const open: string[] = [];
  const visit = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const schema = node as Json;
    if (schema.type === 'object' && schema.additionalProperties === undefined) open.push(path);
    for (const group of ['properties', 'definitions', 'patternProperties']) {
      for (const [name, child] of Object.entries((schema[group] as Json | undefined) ?? {})) {
        const c = child as Json;
        if (typeof c.description !== 'string' && !(group === 'patternProperties' && c.$ref)) missing.push(`${path}/${group}/${name}`);
        visit(child, `${path}/${group}/${name}`);
      }
    }
    for (const key of ['items', 'additionalProperties']) visit(schema[key], `${path}/${key}`);
  };
  visit(scenarioSchema(), '#');
  assert.equal(missing, []);
  assert.equal(open, []);
});

Schema.run();
