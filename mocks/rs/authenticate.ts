import type { FastifyRequest } from 'fastify';
import { resolveTokenSk } from '../../runner/protocol/cnf-sk.js';
import { ProofInvalid, TokenInvalid } from '../../runner/protocol/errors.js';
import type { ProofClaims } from '../../runner/protocol/proof-claims.js';
import { verifyProof } from '../../runner/protocol/proof-verify.js';
import { isSymmetricProof, verifySkProof } from '../../runner/protocol/sk-proof-verify.js';
import type { AccessTokenClaims } from '../../runner/protocol/token-mint.js';
import { verifyAccessToken } from '../../runner/protocol/token-verify.js';
import { singleProof } from '../http/dpop-header.js';
import { requestUri } from '../http/request-uri.js';
import type { RsState } from './state.js';

/** No usable credentials at all: a challenge without error (RFC 6750 §3.1, DPoP-SK §9). */
export class NoCredentials extends Error {}

export interface Authenticated {
  claims: AccessTokenClaims;
  proof: 'asymmetric' | 'symmetric' | 'none';
}

const RFC9449_CLAIMS = new Set(['jti', 'htm', 'htu', 'iat', 'ath', 'nonce']);

/** RFC 9449 §7 resource access, and DPoP-SK §5 for symmetric proofs. Throws DpopError or NoCredentials. */
export async function authenticate(req: FastifyRequest, s: RsState): Promise<Authenticated> {
  const c = s.config;
  const now = c.clock.now();
  const m = /^(\S+)\s+(\S+)\s*$/.exec(req.headers.authorization ?? '');
  if (!m) throw new NoCredentials();
  const [, scheme, token] = m;
  const isDpop = s.fault('rs-scheme-case-sensitive') ? scheme === 'DPoP' : scheme.toLowerCase() === 'dpop';
  const isBearer = scheme.toLowerCase() === 'bearer';
  if (!isDpop && !isBearer) {
    if (s.fault('rs-scheme-case-sensitive') && scheme.toLowerCase() === 'dpop') throw new TokenInvalid('TOKEN_MALFORMED', `scheme ${scheme} not recognised`);
    throw new NoCredentials();
  }
  const claims = await verifyAccessToken(token, {
    trustedKeys: c.trustedKeys, issuer: c.trustedIssuer, audience: c.audience, now,
    skip: { signature: s.fault('rs-skip-token-signature'), exp: s.fault('rs-skip-token-exp'), aud: s.fault('rs-skip-token-aud') },
  });
  const jkt = claims.cnf?.jkt;
  if (isBearer) {
    // RFC 9449 §7.2: a DPoP-bound token must not be accepted as a bearer token.
    if (s.fault('rs-accept-bearer')) return { claims, proof: 'none' };
    throw new TokenInvalid('TOKEN_NOT_DPOP_BOUND', 'a DPoP-bound access token was presented with the Bearer scheme');
  }
  if (!jkt) throw new TokenInvalid('TOKEN_NOT_DPOP_BOUND');
  const proof = singleProof(req, s.fault('rs-allow-duplicate-dpop'));
  if (proof === undefined) {
    if (s.fault('rs-accept-missing-proof')) return { claims, proof: 'none' };
    throw new ProofInvalid('PROOF_MALFORMED', 'the DPoP scheme requires a DPoP header');
  }
  const uri = requestUri(req);
  const base = { htm: req.method, htu: uri, now, iatWindow: c.iatWindow, accessToken: token, nonces: c.nonce ? s.nonces.accepted(now) : undefined, lax: s.lax };
  let verified: ProofClaims;
  let kind: Authenticated['proof'];
  if (isSymmetricProof(proof)) {
    const { sk } = resolveTokenSk(claims, c.secrets, now, {
      acceptUnknownVersion: s.fault('rs-sk-accept-unknown-version'), acceptRetired: s.fault('rs-sk-accept-retired'),
      ignoreExp: s.fault('rs-sk-ignore-exp'), info: s.fault('rs-sk-wrong-info') ? 'DPoP-SK-v0' : undefined,
    });
    verified = (await verifySkProof(proof, sk, { ...base, model: 'A' })).claims;
    kind = 'symmetric';
  } else {
    verified = (await verifyProof(proof, { ...base, expectedJkt: jkt, algorithms: c.algs })).claims;
    kind = 'asymmetric';
  }
  overStrictFaults(s, verified, uri);
  if (!s.fault('rs-skip-replay') && !s.replay.add(String(verified.jti), now)) throw new ProofInvalid('PROOF_REPLAYED');
  return { claims, proof: kind };
}

/** The faults that make the RS stricter than RFC 9449 allows (caught by positive cases). */
function overStrictFaults(s: RsState, claims: ProofClaims, uri: string): void {
  // Compares with the query included, which RFC 9449 §4.3 check 9 and DPoP-SK §9 rule out.
  if (s.fault('rs-htu-with-query') && new URL(uri).search && claims.htu !== uri) throw new ProofInvalid('PROOF_HTU_MISMATCH', 'htu lacks the request query');
  if (s.fault('rs-htu-exact-string') && claims.htu !== uri.split('?')[0]) throw new ProofInvalid('PROOF_HTU_MISMATCH', 'htu is not the exact request URI string');
  if (s.fault('rs-reject-extra-claims')) {
    const extra = Object.keys(claims).filter((k) => !RFC9449_CLAIMS.has(k));
    if (extra.length) throw new ProofInvalid('PROOF_MALFORMED', `unexpected claims ${extra.join(', ')}`);
  }
}
