import { base64url } from 'jose';
import { resolveTokenSecret } from '../../protocol/cnf-sk.js';
import { deriveSk, hkdfSk } from '../../protocol/derive-sk.js';
import type { SharedSecret } from '../../protocol/shared-secret.js';
import { verifySkProof } from '../../protocol/sk-proof-verify.js';
import { deriveSkWithWrongInfo } from '../faults/wrong-sk-delivery.js';
import type { ValidatedToken } from './caches.js';
import type { AcceptedProof, ProofRequest } from './proof-request.js';
import type { RsState } from './state.js';

/** The secrets the RS knows; under rs-sk-ignore-rotation a version a rotation retired is still active. */
function secretsOf(s: RsState): readonly SharedSecret[] {
  const { secrets, retiredByRotation } = s.config.rotation;
  if (!s.fault('rs-sk-ignore-rotation')) return secrets;
  return secrets.map((x) => (retiredByRotation.has(x.version) ? { ...x, status: 'active' as const } : x));
}

/**
 * DPoP-SK Model A (§5 steps 2–6): the cnf.sk checks (every request), SK re-derived from
 * the token's cnf.sk — once per token, kept with the cached token until cnf.sk.exp — then
 * the symmetric proof under it.
 */
export async function verifyModelAProof(
  proof: string,
  token: ValidatedToken,
  request: ProofRequest,
  s: RsState,
): Promise<AcceptedProof> {
  const { secret, r } = resolveTokenSecret(token.claims, secretsOf(s), request.now, s.checks['cnf-sk']);
  let sk = token.sk && token.sk.until > request.now ? token.sk.bytes : undefined;
  if (sk === undefined) {
    const derive = s.fault('rs-sk-wrong-info')
      ? deriveSkWithWrongInfo
      : s.fault('rs-sk-accept-any-r-length')
        ? hkdfSk
        : deriveSk;
    sk = derive(base64url.decode(secret.secret), r);
    const exp = token.claims.cnf?.sk?.exp;
    if (typeof exp === 'number') token.sk = { bytes: sk, until: exp };
  }
  const { claims } = await verifySkProof(proof, sk, { ...request, model: 'A' }, s.checks['symmetric-proof']);
  return { claims, kind: 'symmetric' };
}
