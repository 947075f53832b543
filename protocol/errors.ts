import { REASONS, type Reason, type OAuthErrorCode } from './reasons.js';

/**
 * Base class of every failed DPoP / DPoP-SK check. Like jose's JOSEError, each
 * subclass has a stable `code`; `reason` says which check failed (see reasons.ts)
 * and `oauthError` is the error code a server puts on the wire for it.
 */
export class DpopError extends Error {
  static code = 'ERR_DPOP';
  code = 'ERR_DPOP';
  readonly reason: Reason;
  readonly oauthError: OAuthErrorCode;

  constructor(reason: Reason, detail?: string) {
    super(detail ? `${REASONS[reason].text}: ${detail}` : REASONS[reason].text);
    this.name = this.constructor.name;
    this.reason = reason;
    this.oauthError = REASONS[reason].error;
  }
}

/** A DPoP proof (asymmetric or symmetric) failed a check. */
export class ProofInvalid extends DpopError {
  static override code = 'ERR_DPOP_PROOF_INVALID';
  override code = 'ERR_DPOP_PROOF_INVALID';
}

/** An access token failed a check at the resource server. */
export class TokenInvalid extends DpopError {
  static override code = 'ERR_DPOP_TOKEN_INVALID';
  override code = 'ERR_DPOP_TOKEN_INVALID';
}

/** A wrapped `dpop_sk` could not be opened as the profile requires. */
export class KeyUnwrapFailed extends DpopError {
  static override code = 'ERR_DPOP_SK_UNWRAP_FAILED';
  override code = 'ERR_DPOP_SK_UNWRAP_FAILED';
}

/** A stated derived value (SK, thumbprint, ath) does not match its recomputation. */
export class ValueMismatch extends DpopError {
  static override code = 'ERR_DPOP_VALUE_MISMATCH';
  override code = 'ERR_DPOP_VALUE_MISMATCH';
}

export function isDpopError(e: unknown): e is DpopError {
  return e instanceof DpopError;
}
