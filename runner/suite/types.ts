/**
 * The case format as the engine sees it. Its shape comes from suites/case.schema.json through the
 * generated case-schema.generated.ts (`npm run types`); this module only names those types for the
 * engine and adds what loading makes of a case (defaults filled in, where it came from).
 */
import type * as Schema from './case-schema.generated.js';

export type {
  Feature,
  IntrospectStep,
  KeyName,
  MetadataStep,
  MintStep,
  ParStep,
  Mutation,
  Profile,
  RequestStep,
  RotateStep,
  TokenStep,
  WaitStep,
} from './case-schema.generated.js';

export type Level = Schema.Case['level'];
/** A party that can be under test on its own. */
export type Side = Exclude<Schema.Target, 'both'>;
/** What a case is for: one side, or both together (end-to-end). */
export type CaseTarget = Schema.Target;
export type ProofStepSpec = Schema.Proof;
export type Expectation = Schema.Expect;

/**
 * One of T's properties, present: the type of a schema object with `maxProperties: 1` whose
 * properties are alternatives (a step is `{ token: … }`, `{ mint_token: … }` or `{ request: … }`).
 */
type OneOf<T> = { [K in keyof T]-?: { [P in K]-?: NonNullable<T[P]> } }[keyof T];

export type Step = OneOf<Schema.Step>;

/** A case as loaded: the suite's target and profile filled in, `requires` defaulted, and where it came from. */
export interface Case extends Omit<Schema.Case, 'target' | 'profile' | 'requires' | 'steps'> {
  target: CaseTarget;
  profile: Schema.Profile;
  requires: Schema.Feature[];
  steps: Step[];
  /** The suite's name, its file and the case's line there. */
  suite: string;
  file: string;
  line: number;
}

/** A suite file as loaded. */
export interface Suite extends Omit<Schema.SuiteFile, 'cases'> {
  file: string;
  cases: Case[];
}
