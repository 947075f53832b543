import type { FastifyReply, FastifyRequest } from 'fastify';
import { importJWK, jwtVerify } from 'jose';
import { publicJwk } from '../../protocol/jwk.js';
import { OAuthHttpError } from '../http/oauth-error.js';
import { authenticateClient } from './client-auth.js';
import type { AsState } from './state.js';
import { formOf } from './token-endpoint.js';

/**
 * RFC 7662 token introspection for the confidential test clients: an access token this AS
 * issued and that is still valid is active, with token_type DPoP and cnf.jkt for a
 * DPoP-bound one (RFC 9449 §6.2); anything else is { active: false }.
 */
export function introspectionEndpoint(s: AsState) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const form = formOf(req, 'the introspection request');
    const client = authenticateClient(req, form, s.config.clientSecret, false);
    if (client.isPublic) throw new OAuthHttpError(401, 'invalid_client', 'introspection needs client authentication');
    if (!form.token) throw new OAuthHttpError(400, 'invalid_request', 'token is required');
    reply.header('cache-control', 'no-store');
    try {
      const key = await importJWK(publicJwk(s.config.asKey), s.config.asKey.alg ?? 'ES256');
      const { payload } = await jwtVerify(form.token, key, {
        issuer: s.issuer,
        currentDate: new Date(s.config.clock.now() * 1000),
      });
      const jkt = (payload.cnf as { jkt?: unknown } | undefined)?.jkt;
      const bound = typeof jkt === 'string';
      return {
        active: true,
        token_type: bound && !s.fault('as-introspect-token-type-bearer') ? 'DPoP' : 'Bearer',
        ...(bound ? { cnf: { jkt } } : {}),
        client_id: payload.client_id,
        scope: payload.scope,
        sub: payload.sub,
        aud: payload.aud,
        iss: payload.iss,
        exp: payload.exp,
        iat: payload.iat,
      };
    } catch {
      return { active: false };
    }
  };
}
