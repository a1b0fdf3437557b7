/** The real pipeline stages, loaded only by commands that run scenarios (so --version stays fast). */
import { formatDiagnostics } from '../src/diagnostics/format-diagnostic.js';
import { runEngine } from '../src/engine/run-engine.js';
import { loadScenario } from '../src/load/load-scenario.js';
import type { Stages } from '../src/run/stages.js';
import { formatTrace } from '../src/trace/format-trace.js';

/** The loader, diagnostics formatter, engine and trace formatter of this build. */
export const realStages: Stages = { loadScenario, formatDiagnostics, runEngine, formatTrace };
