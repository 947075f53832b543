/** Wycheproof-shaped vector files: groups of tests, each with tcId, comment, flags and result. */
export interface VectorTest {
  tcId: number;
  comment: string;
  flags: string[];
  result: 'valid' | 'invalid';
  /** For invalid tests: the reason code (runner/protocol/reasons.ts) a verifier must reject it for. */
  reason?: string;
  [field: string]: unknown;
}

export interface VectorGroup {
  type: string;
  tests: VectorTest[];
  [field: string]: unknown;
}

export interface VectorFile {
  topic: string;
  description: string;
  specs: string[];
  schema: string;
  numberOfTests: number;
  notes: Record<string, string>;
  testGroups: VectorGroup[];
}

/** What our verification code concludes about one test. */
export type Verdict = { result: 'valid' } | { result: 'invalid'; reason: string; detail?: string };

export interface Topic {
  /** File name under vectors/, without .json. */
  name: string;
  generate(keep: import('./keeper.js').Keeper): Promise<Omit<VectorFile, 'numberOfTests' | 'schema' | 'topic'>>;
  evaluate(group: VectorGroup, test: VectorTest): Promise<Verdict>;
}
