import { base64url } from 'jose';
import { resolveTokenSecret } from '../../protocol/cnf-sk.js';
import { deriveSk } from '../../protocol/derive-sk.js';
import { verifySkProof } from '../../protocol/sk-proof-verify.js';
import type { AccessTokenClaims } from '../../protocol/token-mint.js';
import { deriveSkWithWrongInfo } from '../faults/wrong-sk-delivery.js';
import type { AcceptedProof, ProofRequest } from './proof-request.js';
import type { RsState } from './state.js';

/** DPoP-SK Model A (§5 steps 2–6): SK re-derived from the token's cnf.sk, then the symmetric proof under it. */
export async function verifyModelAProof(
  proof: string,
  token: AccessTokenClaims,
  request: ProofRequest,
  s: RsState,
): Promise<AcceptedProof> {
  const { secret, r } = resolveTokenSecret(token, s.config.secrets, request.now, s.checks['cnf-sk']);
  const derive = s.fault('rs-sk-wrong-info') ? deriveSkWithWrongInfo : deriveSk;
  const sk = derive(base64url.decode(secret.secret), r);
  const { claims } = await verifySkProof(proof, sk, { ...request, model: 'A' }, s.checks['symmetric-proof']);
  return { claims, kind: 'symmetric' };
}
