import type { FastifyRequest } from 'fastify';
import { DpopError, ProofInvalid } from '../../protocol/errors.js';
import { verifyProof, type VerifiedProof } from '../../protocol/proof-verify.js';
import { singleProof } from '../http/dpop-header.js';
import { OAuthHttpError } from '../http/oauth-error.js';
import { requestUri } from '../http/request-uri.js';
import { overStrictChecks } from '../over-strict.js';
import type { AsState } from './state.js';

/**
 * RFC 9449 §4.3 at the token endpoint, with nonces (§8) and a jti replay cache (§11.1).
 * Returns undefined only under the as-accept-missing-proof fault.
 */
export async function checkTokenRequestProof(req: FastifyRequest, s: AsState): Promise<VerifiedProof | undefined> {
  const now = s.config.clock.now();
  try {
    const proof = singleProof(req, s.fault('as-allow-duplicate-dpop'));
    if (proof === undefined) {
      if (s.fault('as-accept-missing-proof')) return undefined;
      throw new ProofInvalid('PROOF_MALFORMED', 'no DPoP header: this AS issues DPoP-bound tokens only');
    }
    const uri = requestUri(req);
    const verified = await verifyProof(proof, {
      htm: req.method, htu: uri, now, iatWindow: s.config.iatWindow, algorithms: s.fault('as-es256-only') ? ['ES256'] : s.config.algs,
      nonces: !s.config.nonce ? undefined : s.fault('as-nonce-presence-only') ? 'any' : s.nonces.accepted(now), lax: s.lax,
    });
    overStrictChecks((f) => s.fault(f), 'as', verified.claims, uri);
    if (!s.fault('as-skip-replay') && typeof verified.claims.jti === 'string' && !s.replay.add(verified.claims.jti, now)) throw new ProofInvalid('PROOF_REPLAYED');
    return verified;
  } catch (e) {
    if (!(e instanceof DpopError)) throw e;
    const headers: Record<string, string> = {};
    if (e.oauthError === 'use_dpop_nonce' && !s.fault('as-nonce-no-header')) headers['dpop-nonce'] = s.nonces.issue(now);
    throw new OAuthHttpError(400, e.oauthError, e.message, headers);
  }
}
