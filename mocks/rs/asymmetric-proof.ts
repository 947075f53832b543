import { verifyProof } from '../../protocol/proof-verify.js';
import type { AcceptedProof, ProofRequest } from './proof-request.js';
import type { RsState } from './state.js';

/** An RFC 9449 proof with a token (§7.1): every §4.3 check, the proof key being the token's cnf.jkt (imported once, cached). */
export async function verifyAsymmetricProof(
  proof: string,
  jkt: string | undefined,
  request: ProofRequest,
  s: RsState,
): Promise<AcceptedProof> {
  const ctx = {
    ...request,
    expectedJkt: jkt,
    algorithms: s.config.algs,
    importKey: s.caches.importKey,
    nodeKey: s.caches.nodeKey,
  };
  const { claims, jwk } = await verifyProof(proof, ctx, s.checks['asymmetric-proof']);
  return { claims, kind: 'asymmetric', jwk };
}
