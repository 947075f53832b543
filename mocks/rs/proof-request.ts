import type { FastifyRequest } from 'fastify';
import type { JWK } from 'jose';
import type { ProofCheckContext, ProofClaims } from '../../protocol/proof-claims.js';
import { publicRequestUri } from '../http/forwarded-uri.js';
import { requestUri } from '../http/request-uri.js';
import type { RsState } from './state.js';

/** What every proof at the RS is checked against (RFC 9449 §4.3, §7.1): the request, its token, the nonces. */
export interface ProofRequest extends ProofCheckContext {
  accessToken: string;
}

/** A proof the RS accepted, and of which kind. */
export interface AcceptedProof {
  claims: ProofClaims;
  kind: 'asymmetric' | 'symmetric';
  /** The asymmetric proof's key (for Model B negotiation). */
  jwk?: JWK;
}

/** The URI htu is compared with: behind a proxy (--behind-proxy), the public one the proxy describes. */
function htuOf(req: FastifyRequest, s: RsState): string {
  const { behindProxy, publicUrl } = s.config;
  const own = requestUri(req);
  return behindProxy && !s.fault('rs-ignore-forwarded-headers') ? publicRequestUri(req, own, publicUrl) : own;
}

/** `accessTokenHash` is the token's ath value, computed once by the caller for its token cache and the ath check. */
export function proofRequest(
  req: FastifyRequest,
  s: RsState,
  token: { accessToken: string; accessTokenHash: string },
  now: number,
): ProofRequest {
  const { iatWindow, nonce } = s.config;
  const nonces = nonce ? s.nonces.accepted(now) : undefined;
  return { htm: req.method, htu: htuOf(req, s), now, iatWindow, ...token, nonces };
}
