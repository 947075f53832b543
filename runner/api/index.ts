/**
 * The programmatic API (`import … from 'dpop-conformance'`): the `run` command as a
 * function, the bundled mocks, the catalogue, and the types of what they return. The
 * results are report.json's own types; errors are base/errors.ts's ToolError subclasses,
 * each with a stable `code`. Peer of runner/cli on the top floor: neither imports the other.
 */
export {
  exitCodeOf,
  listCases,
  loadSuites,
  runConformance,
  type CaseSelection,
  type CatalogueOptions,
  type OneOrMore,
  type RunConformanceOptions,
} from './run-conformance.js';
export { startMocks, type StartedMocks, type StartMocksOptions } from './start-mocks.js';
export type { RunningMocks } from '../../mocks/start.js';
export type { MockConfig, MockOptions } from '../../mocks/config.js';
export { FAULT_INFO as MOCK_FAULTS, type FaultInfo, type FaultName } from '../../mocks/faults.js';
export type { JsonReport, Gating, RunSettings } from '../../reports/json-report.js';
export type { CaseResult, CaseStatus } from '../engine/run-case.js';
export type { Assertion } from '../engine/expect.js';
export type { Exchange } from '../engine/transcript.js';
export type { Case, Feature, Level, Side, Suite } from '../suite/types.js';
export type { TargetFile } from '../target/target-file.js';
export type { TargetSummary } from '../target/env.js';
export type { FailOn } from '../gating/gate.js';
export {
  ConfigError,
  EXIT,
  isToolError,
  PortInUse,
  SuiteError,
  TargetUnreachable,
  ToolError,
  UnknownFault,
  UsageError,
  type ExitCode,
} from '../../base/errors.js';
export { TOOL_VERSION as version } from '../../base/tool-version.js';
/** Where the installed package lies (its suites/, vectors/ and schemas are read from there). */
export { repoRoot as packageRoot } from '../../base/package-root.js';
