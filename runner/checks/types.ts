import type { CaseContext } from '../engine/context.js';
import type { StepOutcome } from '../engine/steps/outcome.js';

export interface CheckInput {
  ctx: CaseContext;
  outcome: StepOutcome;
  /** The response body as JSON (empty object when it is not JSON). */
  body: Record<string, unknown>;
}

/** A condition YAML cannot state, in TypeScript, with the section it enforces. */
export interface NamedCheck {
  name: string;
  ref: string;
  requirement: string;
  /** undefined when it holds; otherwise what was found instead. */
  run(input: CheckInput): Promise<string | undefined>;
}
