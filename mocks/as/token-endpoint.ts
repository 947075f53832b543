import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { base64url } from 'jose';
import type { VerifiedProof } from '../../protocol/proof-verify.js';
import { OAuthHttpError } from '../http/oauth-error.js';
import { minimalCoordinatesThumbprint, noncanonicalThumbprint } from '../faults/noncanonical-thumbprint.js';
import { authenticateClient, type AuthenticatedClient } from './client-auth.js';
import { issueTokens, type IssueRequest } from './issue-tokens.js';
import { checkTokenRequestProof } from './proof-check.js';
import type { AsState } from './state.js';
import { scopeProblem } from './stores.js';

const invalidRequest = (d: string) => new OAuthHttpError(400, 'invalid_request', d);
const invalidGrant = (d: string) => new OAuthHttpError(400, 'invalid_grant', d);

/** The form body as strings; anything but application/x-www-form-urlencoded is invalid_request. */
export function formOf(req: FastifyRequest, what = 'the token request'): Record<string, string> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' || typeof req.body !== 'object' || req.body === null) {
    throw invalidRequest(`${what} must be application/x-www-form-urlencoded`);
  }
  const form: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) {
    if (typeof v !== 'string') throw invalidRequest(`parameter ${k} repeated`);
    form[k] = v;
  }
  return form;
}

/** dpop_sk: absent, or exactly "true" (DPoP-SK §3). */
function wantsSk(form: Record<string, string>, s: AsState): boolean {
  if (form.dpop_sk === undefined) return false;
  if (form.dpop_sk === 'true' || s.fault('as-sk-accept-bad-param')) return true;
  throw invalidRequest('dpop_sk must be "true"');
}

type Grant = (
  s: AsState,
  form: Record<string, string>,
  client: AuthenticatedClient,
  proof: VerifiedProof | undefined,
) => Omit<IssueRequest, 'wantSk' | 'jwk' | 'jkt'>;

const clientCredentials: Grant = (_s, form, client) => {
  const badScope = scopeProblem(form.scope);
  if (badScope) throw new OAuthHttpError(400, 'invalid_scope', badScope);
  return { clientId: client.clientId, isPublic: client.isPublic, scope: form.scope, withRefresh: true };
};

const refreshToken: Grant = (s, form, client, proof) => {
  const now = s.config.clock.now();
  const grant = form.refresh_token ? s.refreshTokens.get(form.refresh_token, now) : undefined;
  if (!grant || grant.clientId !== client.clientId) throw invalidGrant('unknown or expired refresh token');
  // RFC 9449 §5: a public client's refresh token is bound to its DPoP key.
  if (grant.isPublic && proof && grant.jkt !== proof.jkt && !s.fault('as-refresh-unbound'))
    throw invalidGrant('refresh token is bound to another DPoP key');
  return {
    clientId: client.clientId,
    isPublic: client.isPublic,
    scope: grant.scope,
    withRefresh: true,
    previous: grant,
    refreshToken: form.refresh_token,
  };
};

const authorizationCode: Grant = (s, form, client, proof) => {
  const now = s.config.clock.now();
  const grant = form.code ? s.codes.take(form.code, now) : undefined;
  if (!grant || grant.clientId !== client.clientId) throw invalidGrant('unknown, used or expired code');
  if (grant.redirectUri !== form.redirect_uri)
    throw invalidGrant('redirect_uri differs from the authorization request');
  const challenge = base64url.encode(
    createHash('sha256')
      .update(form.code_verifier ?? '', 'ascii')
      .digest(),
  );
  if (!s.fault('as-skip-pkce') && (!form.code_verifier || challenge !== grant.codeChallenge))
    throw invalidGrant('PKCE verification failed');
  // RFC 9449 §10: the proof key must be the one named by dpop_jkt.
  if (grant.dpopJkt && proof && grant.dpopJkt !== proof.jkt && !s.fault('as-ignore-dpop-jkt'))
    throw invalidGrant('DPoP key differs from dpop_jkt');
  return { clientId: client.clientId, isPublic: client.isPublic, scope: grant.scope, withRefresh: true };
};

const GRANTS: Record<string, Grant> = {
  client_credentials: clientCredentials,
  refresh_token: refreshToken,
  authorization_code: authorizationCode,
};

export function tokenEndpoint(s: AsState) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const form = formOf(req);
    const client = authenticateClient(req, form, s.config.clientSecret, s.fault('as-skip-client-auth'));
    // own keys only: a grant_type such as __proto__ or constructor names no grant
    const grant = form.grant_type && Object.hasOwn(GRANTS, form.grant_type) ? GRANTS[form.grant_type] : undefined;
    if (!form.grant_type) throw invalidRequest('grant_type is required');
    if (!grant)
      throw new OAuthHttpError(400, 'unsupported_grant_type', `grant_type ${form.grant_type} is not supported`);
    const wantSk = wantsSk(form, s);
    const proof = await checkTokenRequestProof(req, s);
    const jkt =
      proof && s.fault('as-noncanonical-thumbprint')
        ? noncanonicalThumbprint(proof.header.jwk as object)
        : proof && s.fault('as-thumbprint-minimal-coordinates')
          ? minimalCoordinatesThumbprint(proof.jwk)
          : proof?.jkt;
    const body = await issueTokens(s, { ...grant(s, form, client, proof), wantSk, jwk: proof?.jwk, jkt });
    const headers: Record<string, string> = s.fault('as-token-cacheable') ? {} : { 'cache-control': 'no-store' };
    if (s.config.nonce) headers['dpop-nonce'] = s.nonces.issue(s.config.clock.now());
    return reply.headers(headers).send(body);
  };
}
