import type { FastifyRequest } from 'fastify';
import { DpopError, ProofInvalid } from '../../protocol/errors.js';
import { verifyProof, type VerifiedProof } from '../../protocol/proof-verify.js';
import { singleProof } from '../http/dpop-header.js';
import { OAuthHttpError } from '../http/oauth-error.js';
import { requestUri } from '../http/request-uri.js';
import { refuseReplay, ReplayCacheRefusal } from '../refuse-replay.js';
import { replayKey } from '../replay-key.js';
import { crashOnUndecodable } from '../faults/crash-on-malformed.js';
import type { AsState } from './state.js';

/** The grant_type of a token request, as the form parser read it. */
function grantTypeOf(req: FastifyRequest): unknown {
  return typeof req.body === 'object' && req.body !== null
    ? (req.body as Record<string, unknown>).grant_type
    : undefined;
}

/**
 * RFC 9449 §4.3 at the token endpoint, with nonces (§8) and a jti replay cache (§11.1).
 * Returns undefined only under the as-accept-missing-proof and as-refresh-bearer-without-proof faults.
 */
export async function checkTokenRequestProof(req: FastifyRequest, s: AsState): Promise<VerifiedProof | undefined> {
  const now = s.config.clock.now();
  try {
    const proof = singleProof(
      req,
      s.fault('as-allow-duplicate-dpop'),
      s.fault('as-dpop-field-name-case-sensitive'),
      s.config.maxProofLength,
    );
    if (proof === undefined) {
      if (s.fault('as-accept-missing-proof')) return undefined;
      if (s.fault('as-refresh-bearer-without-proof') && grantTypeOf(req) === 'refresh_token') return undefined;
      if (s.fault('as-missing-proof-bare-400')) throw new OAuthHttpError(400, '', 'no DPoP header');
      throw new ProofInvalid('PROOF_MALFORMED', 'no DPoP header: this AS issues DPoP-bound tokens only');
    }
    if (s.fault('as-malformed-proof-500')) crashOnUndecodable(proof);
    const request = {
      htm: req.method,
      htu: requestUri(req),
      now,
      iatWindow: s.config.iatWindow,
      algorithms: s.config.algs,
      nonces: s.config.nonce ? s.nonces.accepted(now) : undefined,
      importKey: s.importKey,
    };
    const verified = await verifyProof(proof, request, s.checks['asymmetric-proof']);
    if (!s.fault('as-skip-replay'))
      refuseReplay(s.replay, verified.claims, now, (jti) =>
        replayKey(jti, s.config.replayScope, { htm: req.method, htu: request.htu.split('?')[0], target: req.url }),
      );
    return verified;
  } catch (e) {
    if (e instanceof ReplayCacheRefusal) throw new OAuthHttpError(400, e.oauthError, e.message, e.headers);
    if (!(e instanceof DpopError)) throw e;
    const headers: Record<string, string> = {};
    if (e.oauthError === 'use_dpop_nonce' && !s.fault('as-nonce-no-header'))
      headers['dpop-nonce'] = s.nonces.issue(now);
    throw new OAuthHttpError(400, e.oauthError, e.message, headers);
  }
}
