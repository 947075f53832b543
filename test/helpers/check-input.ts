import { DEFAULT_CLIENT_KEY, type ClientKeyName } from '../../base/fixed-inputs.js';
import type { CheckInput } from '../../runner/checks/types.js';

/** What a named check looks at: one response to a step, and what came before it. */
export interface CheckScenario {
  status?: number;
  /** Response header fields, lower-case names. */
  headers?: Record<string, string>;
  /** The response body as JSON. */
  body?: Record<string, unknown>;
  /** The key the step's proof was made with; default client-p256. */
  key?: ClientKeyName;
  /** The run's AS issuer; default https://as.example. */
  issuer?: string;
  /** Claims of the access token a refresh replaced. */
  previousClaims?: Record<string, unknown>;
}

/**
 * The input a named check (runner/checks/) runs on, for a scenario. The one place
 * the check tests know the input's shape: if CheckInput changes, only this changes.
 */
export function checkInput(s: CheckScenario): CheckInput {
  const body = s.body ?? {};
  return {
    response: { status: s.status ?? 200, headers: s.headers ?? {} },
    body,
    proofKey: s.key ?? DEFAULT_CLIENT_KEY,
    issuer: s.issuer ?? 'https://as.example',
    ...(s.previousClaims ? { previousClaims: s.previousClaims } : {}),
  };
}
