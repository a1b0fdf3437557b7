/**
 * The parts of the JSON Schema that the model's tables define: the kernel knobs and profiles
 * (src/model/knobs.ts) and the supplier kinds (src/model/supplier-kinds.ts). tools/write-schema.ts
 * writes them into schema/scenario.schema.json; a test checks the committed file is up to date,
 * so the schema never offers a knob, value or reference kind the loader does not read.
 */
import { BOOLEAN_KNOBS, KNOB_HELP, KNOB_VALUES, PROFILE_NAMES } from '../model/knobs.js';
import { PROVIDER_KINDS, REFERENCE_KINDS, SUPPLIER_KINDS } from '../model/supplier-kinds.js';

type SchemaObject = Record<string, unknown>;

/** The profile's own sentence in the schema. */
const PROFILE_HELP =
  "Kernel version preset (SPEC section 3): v3.19 (DMA at device add), v4.12 (IOMMU_OF_DECLARE), v6.1 and v6.12 (the oracle's stable kernels), v6.8 (mainline), v6.15 (default; IOMMU replay).";

/** Returns `schema` with its table-defined parts rewritten from the tables (a new object; `schema` is not changed). */
export function applySchemaTables(schema: SchemaObject): SchemaObject {
  const copy = structuredClone(schema) as {
    properties: { kernel: { properties: Record<string, SchemaObject> } };
    definitions: { node: { patternProperties: Record<string, unknown>; properties: Record<string, SchemaObject> } };
  };
  const previous = copy.properties.kernel.properties;
  const kernel: Record<string, SchemaObject> = {
    profile: { description: PROFILE_HELP, enum: [...PROFILE_NAMES] },
    modules: { description: KNOB_HELP.modules, type: 'boolean' },
    deferred_probe_timeout: { ...previous.deferred_probe_timeout, description: KNOB_HELP.deferred_probe_timeout },
  };
  for (const [key, values] of Object.entries(KNOB_VALUES)) kernel[key] = { description: KNOB_HELP[key as keyof typeof KNOB_VALUES], enum: [...values] };
  for (const key of BOOLEAN_KNOBS) kernel[key] = { description: KNOB_HELP[key], type: 'boolean' };
  copy.properties.kernel.properties = kernel;

  const node = copy.definitions.node;
  node.patternProperties = { [`^(${PROVIDER_KINDS.join('|')})-cells$`]: { $ref: '#/definitions/cells' } };
  // Reference kinds sit where they sat (after status), in table order; other keys keep their order.
  const others = Object.entries(node.properties).filter(([key]) => !(key in SUPPLIER_KINDS));
  const at = others.findIndex(([key]) => key === 'status') + 1;
  const references = REFERENCE_KINDS.map((kind): [string, SchemaObject] => [kind, { description: SUPPLIER_KINDS[kind].description, allOf: [{ $ref: '#/definitions/referenceList' }] }]);
  node.properties = Object.fromEntries([...others.slice(0, at), ...references, ...others.slice(at)]);
  return copy as unknown as SchemaObject;
}
