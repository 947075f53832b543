import type { FastifyRequest } from 'fastify';
import type { JWK, ProtectedHeaderParameters } from 'jose';
import { ProofInvalid, TokenInvalid } from '../../protocol/errors.js';
import { readProofHeader } from '../../protocol/proof-header.js';
import { SK_PROOF_TYP, SYMMETRIC_ALG } from '../../protocol/algorithms.js';
import type { AccessTokenClaims } from '../../protocol/token-mint.js';
import type { ProofClaims } from '../../protocol/proof-claims.js';
import { crashOnUndecodable } from '../faults/crash-on-malformed.js';
import { dpopHeaders, singleProof } from '../http/dpop-header.js';
import { refuseReplay } from '../refuse-replay.js';
import { replayKey } from '../replay-key.js';
import { requestUri } from '../http/request-uri.js';
import { accessTokenHash } from '../../protocol/ath.js';
import { boundJkt, validateAccessToken } from './access-token.js';
import type { ValidatedToken } from './caches.js';
import { verifyAsymmetricProof } from './asymmetric-proof.js';
import { readCredentials } from './credentials.js';
import { verifyModelAProof } from './model-a.js';
import { verifyModelBProof } from './model-b.js';
import { proofRequest, type AcceptedProof, type ProofRequest } from './proof-request.js';
import type { RsState } from './state.js';

export interface Authenticated {
  claims: AccessTokenClaims;
  proof: 'asymmetric' | 'symmetric' | 'none';
  /** The asymmetric proof's key (for Model B negotiation). */
  jwk?: JWK;
}

/**
 * RFC 9449 §7 resource access, and DPoP-SK §5–6 for symmetric proofs: credentials, token,
 * binding, the one proof, replay. Throws DpopError or NoCredentials.
 */
export async function authenticate(req: FastifyRequest, s: RsState): Promise<Authenticated> {
  const now = s.config.clock.now();
  const { scheme, token } = readCredentials(req, s);
  const tokenHash = accessTokenHash(token);
  const validated = await validateAccessToken(token, tokenHash, s, now);
  const claims = validated.claims;
  if (scheme === 'bearer') {
    // RFC 9449 §7.2: a DPoP-bound token must not be accepted as a bearer token.
    if (s.fault('rs-accept-bearer')) return { claims, proof: 'none' };
    if (s.fault('rs-accept-bearer-without-proof') && dpopHeaders(req).length === 0) return { claims, proof: 'none' };
    throw new TokenInvalid('TOKEN_NOT_DPOP_BOUND', 'a DPoP-bound access token was presented with the Bearer scheme');
  }
  const jkt = boundJkt(claims, s);
  const proof = singleProof(
    req,
    s.fault('rs-allow-duplicate-dpop'),
    s.fault('rs-dpop-field-name-case-sensitive'),
    s.config.maxProofLength,
  );
  if (proof === undefined) {
    if (s.fault('rs-accept-missing-proof')) return { claims, proof: 'none' };
    throw new ProofInvalid('PROOF_MALFORMED', 'the DPoP scheme requires a DPoP header');
  }
  if (s.fault('rs-malformed-proof-500')) crashOnUndecodable(proof);
  const accepted = await verifyPresentedProof(
    proof,
    validated,
    jkt,
    proofRequest(req, s, { accessToken: token, accessTokenHash: tokenHash }, now),
    s,
  );
  if (!s.fault('rs-skip-replay')) refuseReplay(s.replay, replayKeyed(accepted.claims, req, s), now, keyedFor(req, s));
  return { claims, proof: accepted.kind, jwk: accepted.jwk };
}

/** The claims the replay cache records; under rs-replay-key-with-query its key takes in the request URI, query and all. */
function replayKeyed(claims: ProofClaims, req: FastifyRequest, s: RsState): ProofClaims {
  return s.fault('rs-replay-key-with-query') ? { ...claims, jti: `${claims.jti} ${req.url}` } : claims;
}

/** The cache key of a jti under the RS's replayScope (mocks/replay-key.ts). */
function keyedFor(req: FastifyRequest, s: RsState): (jti: string) => string {
  const scope = s.config.replayScope;
  if (scope === 'server') return (jti) => jti;
  const htu = requestUri(req).split('?')[0];
  return (jti) => replayKey(jti, scope, { htm: req.method, htu, target: req.url });
}

/** The proof's header, decoded once to choose the verification; undefined when it does not decode (the asymmetric path refuses it). */
function headerOf(proof: string): ProtectedHeaderParameters | undefined {
  try {
    return readProofHeader(proof);
  } catch {
    return undefined;
  }
}

/**
 * A DPoP-SK symmetric proof: typ dpop-sk+jwt. Under rs-sk-dispatch-by-alg an HS256 proof is
 * taken for one whatever its typ.
 */
function isSymmetric(header: ProtectedHeaderParameters | undefined, s: RsState): boolean {
  return header?.typ === SK_PROOF_TYP || (s.fault('rs-sk-dispatch-by-alg') && header?.alg === SYMMETRIC_ALG);
}

/** Asymmetric (RFC 9449 §7.1), Model B with the ticket as kid (DPoP-SK §6), or Model A (DPoP-SK §5). */
function verifyPresentedProof(
  proof: string,
  token: ValidatedToken,
  jkt: string | undefined,
  request: ProofRequest,
  s: RsState,
): Promise<AcceptedProof> {
  const header = headerOf(proof);
  if (!isSymmetric(header, s)) return verifyAsymmetricProof(proof, jkt, request, s);
  if (header?.kid !== undefined) return verifyModelBProof(proof, header.kid, token.claims, request, s);
  return verifyModelAProof(proof, token, request, s);
}
