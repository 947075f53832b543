import type { FastifyRequest } from 'fastify';
import type { JWK } from 'jose';
import { openTicket } from '../../protocol/ticket.js';
import { resolveTokenSk } from '../../protocol/cnf-sk.js';
import { ProofInvalid, TokenInvalid } from '../../protocol/errors.js';
import type { ProofClaims } from '../../protocol/proof-claims.js';
import { verifyProof } from '../../protocol/proof-verify.js';
import { isSymmetricProof, verifySkProof } from '../../protocol/sk-proof-verify.js';
import type { AccessTokenClaims } from '../../protocol/token-mint.js';
import { verifyAccessToken } from '../../protocol/token-verify.js';
import { readProofHeader } from '../../protocol/proof-header.js';
import { singleProof } from '../http/dpop-header.js';
import { noncanonicalThumbprint, overStrictChecks } from '../over-strict.js';
import { requestUri } from '../http/request-uri.js';
import type { RsState } from './state.js';

/** No usable credentials at all: a challenge without error (RFC 6750 §3.1, DPoP-SK §9). */
export class NoCredentials extends Error {}

export interface Authenticated {
  claims: AccessTokenClaims;
  proof: 'asymmetric' | 'symmetric' | 'none';
  /** The asymmetric proof's key (for Model B negotiation). */
  jwk?: JWK;
}

/** RFC 9449 §7 resource access, and DPoP-SK §5 for symmetric proofs. Throws DpopError or NoCredentials. */
export async function authenticate(req: FastifyRequest, s: RsState): Promise<Authenticated> {
  const c = s.config;
  const now = c.clock.now();
  const m = /^(\S+)(?:\s+(.*))?$/s.exec((req.headers.authorization ?? '').trim());
  if (!m) throw new NoCredentials();
  const [, scheme, credentials = ''] = m;
  const token = credentials.trim();
  const isDpop = s.fault('rs-scheme-case-sensitive') ? scheme === 'DPoP' : scheme.toLowerCase() === 'dpop';
  const isBearer = scheme.toLowerCase() === 'bearer';
  if (!isDpop && !isBearer) {
    if (s.fault('rs-scheme-case-sensitive') && scheme.toLowerCase() === 'dpop') throw new TokenInvalid('TOKEN_MALFORMED', `scheme ${scheme} not recognised`);
    throw new NoCredentials();
  }
  // RFC 9449 §7.1: credentials = "DPoP" 1*SP token68
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) throw new TokenInvalid('TOKEN_MALFORMED', 'the credentials are not a single token68');
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
  if (!jkt && !s.fault('rs-accept-unbound-token')) throw new TokenInvalid('TOKEN_NOT_DPOP_BOUND');
  const proof = singleProof(req, s.fault('rs-allow-duplicate-dpop'));
  if (proof === undefined) {
    if (s.fault('rs-accept-missing-proof')) return { claims, proof: 'none' };
    throw new ProofInvalid('PROOF_MALFORMED', 'the DPoP scheme requires a DPoP header');
  }
  const uri = requestUri(req);
  const base = { htm: req.method, htu: uri, now, iatWindow: s.fault('rs-narrow-iat-window') ? 5 : c.iatWindow, accessToken: token, nonces: !c.nonce ? undefined : s.fault('rs-nonce-presence-only') ? ('any' as const) : s.nonces.accepted(now), lax: s.lax };
  let verified: ProofClaims;
  let kind: Authenticated['proof'];
  let jwk: JWK | undefined;
  const symmetric = isSymmetricProof(proof);
  const kid = symmetric ? readProofHeader(proof).kid : undefined;
  if (kid !== undefined) {
    // Model B (DPoP-SK §6 step 4): ticket, its expiry, its key binding, then the MAC and claims.
    const ticket = await openTicket(kid, s.ticketKey, now);
    if (ticket.jkt !== jkt && !s.fault('rs-b-skip-ticket-jkt')) throw new ProofInvalid('PROOF_TICKET_JKT_MISMATCH', `ticket jkt ${ticket.jkt}, token cnf.jkt ${jkt}`);
    verified = (await verifySkProof(proof, ticket.sk, { ...base, model: 'B' })).claims;
    kind = 'symmetric';
  } else if (symmetric) {
    const { sk } = resolveTokenSk(claims, c.secrets, now, {
      acceptUnknownVersion: s.fault('rs-sk-accept-unknown-version'), acceptRetired: s.fault('rs-sk-accept-retired'),
      ignoreExp: s.fault('rs-sk-ignore-exp'), info: s.fault('rs-sk-wrong-info') ? 'DPoP-SK-v0' : undefined,
    });
    verified = (await verifySkProof(proof, sk, { ...base, model: 'A' })).claims;
    kind = 'symmetric';
  } else {
    const v = await verifyProof(proof, { ...base, expectedJkt: jkt, algorithms: s.fault('rs-es256-only') ? ['ES256'] : c.algs });
    verified = v.claims;
    jwk = v.jwk;
    kind = 'asymmetric';
  }
  overStrictChecks((f) => s.fault(f), 'rs', verified, uri);
  if (jwk && s.fault('rs-noncanonical-thumbprint') && noncanonicalThumbprint(jwk) !== jkt) {
    throw new ProofInvalid('PROOF_JKT_MISMATCH', 'proof key thumbprint (computed over the jwk as sent) differs from cnf.jkt');
  }
  if (!s.fault('rs-skip-replay') && typeof verified.jti === 'string' && !s.replay.add(verified.jti, now)) throw new ProofInvalid('PROOF_REPLAYED');
  return { claims, proof: kind, jwk };
}
