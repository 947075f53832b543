import { ProofInvalid } from '../protocol/errors.js';
import type { ProofClaims } from '../protocol/proof-claims.js';
import type { ReplayCache } from './replay-cache.js';

/** Records a verified proof's jti, refusing one already seen within the window (RFC 9449 §11.1; DPoP-SK §5 step 6). */
export function refuseReplay(cache: ReplayCache, claims: ProofClaims, now: number): void {
  if (typeof claims.jti === 'string' && !cache.add(claims.jti, now)) throw new ProofInvalid('PROOF_REPLAYED');
}
