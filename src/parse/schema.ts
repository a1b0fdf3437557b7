/** The bundled JSON Schema of the scenario format (schema/scenario.schema.json). */
import schema from '../../schema/scenario.schema.json' with { type: 'json' };

/** The scenario JSON Schema (draft-07) as an object; the CLI prints it for `probe-run schema`. */
export function scenarioSchema(): object {
  return schema;
}
