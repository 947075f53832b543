import type { Mutation } from '../proof/build.js';
import type { ClientKeyName } from '../../base/fixed-inputs.js';
import type { MintSpec } from '../tokens/mint-test-token.js';

/** The shapes suites/case.schema.json describes. */
export type Level = 'MUST' | 'SHOULD' | 'MAY';
export type Side = 'as' | 'rs';
export type Profile = 'rfc9449' | 'dpop-sk-a' | 'dpop-sk-b';
export type Feature = 'nonce' | 'refresh' | 'public-client' | 'authorization-code' | 'dpop-sk' | 'dpop-sk-b' | 'client-secret-post' | 'jti-tracking' | 'post';

export interface ProofStepSpec {
  key?: ClientKeyName;
  alg?: string;
  htm?: string;
  htu?: string;
  symmetric?: true;
  sk_from?: string;
  nonce?: string;
  mutation?: Mutation & { der_signature?: true };
}

interface Common {
  save_as?: string;
  expect?: Expectation;
  no_proof?: true;
  duplicate_proof?: true;
  replay?: string;
  nonce_retry?: boolean;
}

export interface TokenStep extends Common {
  grant?: 'client_credentials' | 'refresh_token' | 'authorization_code';
  client?: 'confidential' | 'public';
  auth?: 'basic' | 'post';
  key?: ClientKeyName;
  dpop_sk?: boolean | string;
  params?: Record<string, string>;
  refresh_token?: string;
  dpop_jkt?: ClientKeyName;
  wrong_client_secret?: true;
  wrong_code_verifier?: true;
  proof?: ProofStepSpec;
}

export interface RequestStep extends Common {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url?: string;
  query?: string;
  token?: string;
  scheme?: string;
  no_authorization?: true;
  sk_request?: true;
  proof?: ProofStepSpec;
}

export type MintStep = MintSpec & { save_as?: string };

export type Step = { token: TokenStep } | { mint_token: MintStep } | { request: RequestStep };

export interface Expectation {
  status?: number | number[];
  error?: string | string[];
  www_authenticate?: { scheme?: string; error?: string | string[]; no_error?: true; has?: string[]; if_401?: true };
  headers?: Record<string, string>;
  no_headers?: string[];
  body_schema?: object;
  checks?: string[];
}

export interface Case {
  id: string;
  title: string;
  target: Side;
  profile: Profile;
  level: Level;
  ref: string;
  quote: string;
  tags: string[];
  requires: Feature[];
  mutation?: string;
  steps: Step[];
  expect?: Expectation;
  /** Where it came from. */
  suite: string;
  file: string;
  line: number;
}

export interface Suite {
  suite: string;
  title: string;
  description?: string;
  target: Side;
  profile: Profile;
  file: string;
  cases: Case[];
}
