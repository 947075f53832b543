import { errors } from 'jose';
import { DpopError } from './errors.js';
import type { Reason } from './reasons.js';

/**
 * Turns an error thrown by jose while verifying into one of ours, keeping our own
 * errors as they are. `onBadSignature` names the reason for a signature/MAC failure.
 */
export function fromJoseError(
  e: unknown,
  make: (reason: Reason, detail?: string) => DpopError,
  onBadSignature: Reason,
  onMalformed: Reason,
): DpopError {
  if (e instanceof DpopError) return e;
  if (e instanceof errors.JWSSignatureVerificationFailed) return make(onBadSignature);
  if (e instanceof errors.JOSEError)
    return make(
      e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid ? onMalformed : onBadSignature,
      e.message,
    );
  return make(onMalformed, e instanceof Error ? e.message : String(e));
}
