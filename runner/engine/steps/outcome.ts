import type { HttpResponse } from '../../http/send.js';
import type { ClientKeyName } from '../../../base/fixed-inputs.js';
import type { Expectation } from '../../suite/types.js';

/** What a step produced, for its expectations and checks. */
export interface StepOutcome {
  res?: HttpResponse;
  proof?: string;
  key?: ClientKeyName;
  /** What a step expects when the case says nothing (a setup step must succeed). */
  defaultExpect?: Expectation;
}
