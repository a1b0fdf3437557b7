/**
 * probe-run as a library (`import … from 'probe-run'`): load a scenario from its text, replay the
 * driver core over it, format the trace, explain a device; the model's types and the tables that
 * define profiles, knobs, supplier kinds, rule ids and diagnostic codes. Everything here is pure: text
 * and data in, text and data out. What is not exported here is internal and may change.
 */

// Load: scenario text to a typed Scenario plus diagnostics (never throws).
export { loadScenario, type LoadedScenario } from './load/load-scenario.js';
export { formatDiagnostics } from './diagnostics/format-diagnostic.js';
export { scenarioSchema } from './parse/schema.js';

// Run: the driver core replayed over one scenario.
export { runEngine, DEFAULT_STEP_BOUND, type EngineOptions } from './engine/run-engine.js';

// Trace: the run as the golden files hold it.
export { formatTrace, TRACE_FORMAT_VERSION } from './trace/format-trace.js';

// Explain: why a device ended as it did, down to a root cause.
export { explainDevice, type Explanation, type ExplainOptions } from './explain/explain-device.js';
export { formatExplanation } from './explain/format-explanation.js';
export { formatExplanationJson, type ExplainedRun } from './explain/format-explanation-json.js';

// The model's types.
export type {
  BuildKind,
  DriverSpec,
  Expectation,
  FaultSpec,
  InitcallLevel,
  NodeSpec,
  Policy,
  PowerOnFault,
  Reference,
  Scenario,
  SourceRange,
  TimelineAction,
  TimelineEntry,
} from './model/scenario.js';
export type { DeviceOutcome, DeviceState, EventBody, ExpectFailure, RunResult, TraceEvent } from './model/events.js';
export type { Diagnostic, DiagnosticCode } from './model/diagnostic.js';

// The tables: one row per profile, knob, supplier kind, rule id and diagnostic code.
export { DEFAULT_PROFILE, KNOB_HELP, PROFILE_NAMES, PROFILES, resolveKnobs } from './model/knobs.js';
export type { FwDevlinkMode, KernelOverrides, Knobs, PresetKnobs, ProfileName } from './model/knobs.js';
export { PROVIDER_KINDS, REFERENCE_KINDS, SUPPLIER_KINDS } from './model/supplier-kinds.js';
export type { ProviderKind, ReferenceKind, SupplierBehaviour, SupplierCells, SupplierKindRow, SupplierLink } from './model/supplier-kinds.js';
export { RULE_IDS, type RuleId } from './model/rule-ids.js';
export { DIAGNOSTIC_CODES } from './model/diagnostic.js';
export { INITCALL_LEVELS } from './model/scenario.js';
