/**
 * The parts of the JSON Schema that the model's tables define: the kernel knobs and profiles
 * (src/model/knobs.ts) and the supplier kinds (src/model/supplier-kinds.ts). tools/write-schema.ts
 * writes them into schema/scenario.schema.json; a test checks the committed file is up to date,
 * so the schema never offers a knob, value or reference kind the loader does not read.
 */
import { ERRNO } from '../model/errno.js';
import type { DeviceState } from '../model/events.js';
import { BOOLEAN_KNOBS, KNOB_HELP, KNOB_VALUES, PROFILE_NAMES } from '../model/knobs.js';
import { PROVIDER_KINDS, REFERENCE_KINDS, SUPPLIER_KINDS, type ProviderKind } from '../model/supplier-kinds.js';

type SchemaObject = Record<string, unknown>;

/** The profile's own sentence in the schema. */
const PROFILE_HELP =
  "Kernel version preset (SPEC section 3): v3.19 (DMA at device add), v4.12 (IOMMU_OF_DECLARE), v6.1 and v6.12 (the oracle's stable kernels), v6.8 (mainline), v6.15 (default; IOMMU replay).";

/** Every final state `expect: state:` names, in SPEC section 4's order; the check below fails to compile when DeviceState gains one. */
const DEVICE_STATES = ['bound', 'pending', 'failed', 'rejected', 'no-driver', 'disabled', 'not-created', 'early', 'unbound'] as const satisfies readonly DeviceState[];
const allStates: Exclude<DeviceState, (typeof DEVICE_STATES)[number]> extends never ? true : never = true;
void allStates;

/** The `<provider>-cells` key of a provider kind, described from the reference kinds that point at it. */
function cellsProperty(provider: ProviderKind): [string, SchemaObject] {
  const kinds = REFERENCE_KINDS.filter((kind) => SUPPLIER_KINDS[kind].cells === 'declared' && SUPPLIER_KINDS[kind].provider === provider);
  const dt = SUPPLIER_KINDS[kinds[0]].dtCells ?? `#${provider}-cells`;
  const used = kinds.map((kind) => `${kind}: [${'<label>'} …]`).join(', ');
  return [
    `${provider}-cells`,
    {
      description: `Makes this node ${/^[aeiou]/.test(provider) ? 'an' : 'a'} ${provider} provider (${dt} in the device tree): how many argument cells a reference to it carries, as in ${used}.`,
      allOf: [{ $ref: '#/definitions/cells' }],
    },
  ];
}

/**
 * Editors (yaml-language-server, vscode-json-languageservice) show the description of the first
 * schema that matches a value, and a `$ref` inside `allOf` matches before the property itself: a
 * key would show the shared definition's words (every reference kind the same sentence). So each
 * described `allOf: [{$ref}]` gets its own description as a first, always-valid branch.
 */
function ownDescriptionFirst(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) ownDescriptionFirst(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as SchemaObject & { allOf?: SchemaObject[] };
  const [first] = schema.allOf ?? [];
  if (typeof schema.description === 'string' && first !== undefined && '$ref' in first) schema.allOf = [{ description: schema.description }, ...schema.allOf!];
  for (const value of Object.values(schema)) ownDescriptionFirst(value);
}

/**
 * Returns `schema` with its table-defined parts rewritten from the tables (a new object; `schema` is not changed). */
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
  // Each `<provider>-cells` key is a property of its own (a pattern would be valid but never offered
  // in an editor's completion); they come last, in table order.
  delete (node as { patternProperties?: unknown }).patternProperties;
  const cells = PROVIDER_KINDS.map(cellsProperty);
  const cellKeys = new Set(cells.map(([key]) => key));
  // Reference kinds sit where they sat (after status), in table order; other keys keep their order.
  const others = Object.entries(node.properties).filter(([key]) => !(key in SUPPLIER_KINDS) && !cellKeys.has(key));
  const at = others.findIndex(([key]) => key === 'status') + 1;
  const references = REFERENCE_KINDS.map((kind): [string, SchemaObject] => [kind, { description: SUPPLIER_KINDS[kind].description, allOf: [{ $ref: '#/definitions/referenceList' }] }]);
  node.properties = Object.fromEntries([...others.slice(0, at), ...references, ...others.slice(at), ...cells]);

  // Completion offers the names the loader reads (examples: annotations only, validation unchanged).
  const definitions = copy.definitions as unknown as Record<string, SchemaObject & { properties?: Record<string, SchemaObject & { items?: SchemaObject }> }>;
  const names = Object.keys(ERRNO);
  definitions.errno.examples = names;
  definitions.fault.properties!.probe.items!.examples = [...names, 0, 'ok'];
  // The schema accepts exactly the errors the loader reads (parseErrno): a known name or a negative number.
  const errnoForms = `${names.join('|')}|-[1-9][0-9]{0,5}`;
  definitions.errno.pattern = `^(${errnoForms})$`;
  definitions.fault.properties!.probe.items!.pattern = `^(ok|0|${errnoForms})$`;
  const powerOn = definitions.fault.properties!['power-on'] as { oneOf?: { items?: SchemaObject }[] };
  if (powerOn.oneOf?.[1]?.items !== undefined) powerOn.oneOf[1].items = definitions.fault.properties!.probe.items!;
  // A timeline entry is `at` and exactly one action: with additionalProperties false, two properties.
  definitions.timelineEntry.minProperties = 2;
  definitions.timelineEntry.maxProperties = 2;
  definitions.expectation.properties!.state.examples = [...DEVICE_STATES, 'failed -ENODEV'];
  ownDescriptionFirst(copy);
  return copy as unknown as SchemaObject;
}
