import { ProofInvalid } from '../protocol/errors.js';
import type { ProofClaims } from '../protocol/proof-claims.js';
import { MAX_JTI_LENGTH, type ReplayCache } from './replay-cache.js';

/**
 * A proof refused because of the replay cache's own limits, not for failing a check:
 * a jti longer than MAX_JTI_LENGTH, or a cache with no room (docs/mocks.md, "The replay
 * cache"). On the wire: `invalid_dpop_proof` (RFC 9449 §5 at the AS, §7.1 at the RS)
 * with this description, and `Retry-After` when waiting helps.
 */
export class ReplayCacheRefusal extends Error {
  readonly oauthError = 'invalid_dpop_proof';

  constructor(
    description: string,
    /** Seconds until the cache has room again. */
    readonly retryAfter?: number,
  ) {
    super(description);
  }

  /** Extra response headers. */
  get headers(): Record<string, string> {
    return this.retryAfter === undefined ? {} : { 'retry-after': String(this.retryAfter) };
  }
}

/**
 * Records a verified proof's jti, refusing one already seen within the window (RFC 9449
 * §11.1; DPoP-SK §5 step 6). A replay is refused as a replay even when the cache is full;
 * a new jti that cannot be recorded is refused (ReplayCacheRefusal) rather than accepted
 * unrecorded or recorded by forgetting a live one. `keyed` gives the cache key of a jti
 * (mocks/replay-key.ts); the length bound applies to the jti itself.
 */
export function refuseReplay(
  cache: ReplayCache,
  claims: ProofClaims,
  now: number,
  keyed: (jti: string) => string = (jti) => jti,
): void {
  if (typeof claims.jti !== 'string') return;
  const verdict = claims.jti.length > MAX_JTI_LENGTH ? 'too-long' : cache.add(keyed(claims.jti), now, Infinity);
  switch (verdict) {
    case 'added':
      return;
    case 'replayed':
      throw new ProofInvalid('PROOF_REPLAYED');
    case 'too-long':
      throw new ReplayCacheRefusal(
        `jti of ${claims.jti.length} characters; this server stores at most ${MAX_JTI_LENGTH} (RFC 9449 §11.1)`,
      );
    case 'full':
      throw new ReplayCacheRefusal('replay cache full, retry later', cache.retryAfter(now));
  }
}
