import type { ClientKeyName } from '../../base/fixed-inputs.js';

/**
 * What a named check reads of one step. The engine fills it in (runner/engine/expect.ts);
 * the checks import nothing of the engine.
 */
export interface CheckInput {
  /** The response's status and header fields (lower-case names). */
  response: { status: number; headers: Readonly<Record<string, string>> };
  /** The response body as JSON (empty object when it is not JSON). */
  body: Record<string, unknown>;
  /** The client key the step's proof was made with (or the case's key, for a step without a proof). */
  proofKey: ClientKeyName;
  /** The issuer of the run's AS: the target's `as.issuer` (the one its metadata URL is built from). */
  issuer: string;
  /** Claims of the access token the last token step replaced (the token before a refresh). */
  previousClaims?: Record<string, unknown>;
}

/** A condition YAML cannot state, in TypeScript, with the section it enforces. */
export interface NamedCheck {
  name: string;
  ref: string;
  requirement: string;
  /** undefined when it holds; otherwise what was found instead. */
  run(input: CheckInput): Promise<string | undefined>;
}
