import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { DpopError, TokenInvalid } from '../../protocol/errors.js';
import { SERVER_OPTIONS } from '../http/server-options.js';
import type { MockConfig } from '../config.js';
import { installAdmin } from '../admin-endpoint.js';
import { installErrorHandling } from '../http/oauth-error.js';
import { ReplayCacheRefusal } from '../refuse-replay.js';
import { dpopChallenge } from '../http/www-authenticate.js';
import { authenticate } from './authenticate.js';
import { NoCredentials } from './credentials.js';
import { negotiateSk } from './negotiate-sk.js';
import { createRsState, type RsState } from './state.js';

/** The error code of a refusal; under rs-token-error-as-proof-error a token failure is called a proof failure. */
function tokenErrorAsProofError(e: DpopError, s: RsState): string {
  return e instanceof TokenInvalid && s.fault('rs-token-error-as-proof-error') ? 'invalid_dpop_proof' : e.oauthError;
}

/** The error code a refusal carries. */
function codeOf(failed: DpopError | ReplayCacheRefusal, s: RsState): string {
  return failed instanceof DpopError ? tokenErrorAsProofError(failed, s) : failed.oauthError;
}

/** 401 with WWW-Authenticate: DPoP (RFC 9449 §7.1), DPoP-Nonce for use_dpop_nonce (§9). */
function reject(reply: FastifyReply, s: RsState, e: DpopError | ReplayCacheRefusal | NoCredentials): FastifyReply {
  const now = s.config.clock.now();
  const failed = e instanceof NoCredentials ? undefined : e;
  const error =
    failed && !s.fault('rs-challenge-without-error')
      ? codeOf(failed, s)
      : s.fault('rs-error-without-credentials') && e instanceof NoCredentials
        ? 'invalid_token'
        : undefined;
  const algs = s.fault('rs-challenge-without-algs') ? undefined : s.config.algs;
  reply.code(401);
  const challenge = dpopChallenge({ error, description: failed?.message, algs });
  if (!(e instanceof NoCredentials && s.fault('rs-bare-401-without-credentials')))
    reply.header('www-authenticate', challenge);
  if (s.fault('rs-dpop-proxy-authenticate')) reply.header('proxy-authenticate', challenge);
  if (e instanceof ReplayCacheRefusal) reply.headers(e.headers);
  if (failed?.oauthError === 'use_dpop_nonce' && !s.fault('rs-nonce-no-header'))
    reply.header('dpop-nonce', s.nonces.issue(now));
  return reply.send(
    failed ? { error: error ?? codeOf(failed, s), error_description: failed.message } : { error: 'unauthorized' },
  );
}

function resource(s: RsState) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      const { claims, proof, jwk } = await authenticate(req, s);
      if (s.config.nonce) reply.header('dpop-nonce', s.nonces.issue(s.config.clock.now()));
      if (jwk) await negotiateSk(req, reply, s, jwk);
      return reply.send({
        resource: 'ok',
        method: req.method,
        path: req.url.split('?')[0],
        sub: claims.sub,
        client_id: claims.client_id,
        proof,
      });
    } catch (e) {
      if (e instanceof DpopError || e instanceof ReplayCacheRefusal || e instanceof NoCredentials)
        return reject(reply, s, e);
      throw e;
    }
  };
}

/** The reference resource server as a fastify instance (not yet listening). */
export async function buildRsServer(
  config: MockConfig,
  state: RsState = createRsState(config),
): Promise<{ app: FastifyInstance; state: RsState }> {
  const app = Fastify(SERVER_OPTIONS);
  installErrorHandling(app);
  if (config.admin) installAdmin(app, config.rotation);
  await app.register(formbody);
  const handler = resource(state);
  app.route({ method: ['GET', 'POST', 'PUT', 'DELETE'], url: '/resource', handler });
  app.route({ method: ['GET', 'POST', 'PUT', 'DELETE'], url: '/resource/*', handler });
  return { app, state };
}
