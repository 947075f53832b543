import type { Case, Feature } from './types.js';

/** A feature a case's steps need, and where and why. */
export interface Need {
  feature: Feature;
  /** Index of the step that needs it; undefined when the case as a whole does (its tags). */
  step?: number;
  why: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a case's steps need the target to support, read off the steps: the loader refuses a
 * case whose `requires` leaves one out, so that a target lacking the feature sees the case
 * `skipped`, never `error`.
 */
export function neededFeatures(c: Pick<Case, 'steps' | 'tags' | 'expect' | 'profile'>): Need[] {
  const needs: Need[] = [];
  const need = (feature: Feature, step: number | undefined, why: string) => needs.push({ feature, step, why });
  if (c.tags.includes('nonce')) need('nonce', undefined, 'it is tagged nonce');
  if (c.expect?.checks?.includes('dpop-nonce-header')) need('nonce', undefined, 'it checks DPoP-Nonce');
  // The grant that issued the refresh token a refresh_token step sends by default (the last one captured).
  let issuedBy: string | undefined;
  for (const [i, s] of c.steps.entries()) {
    if ('token' in s) {
      const t = s.token;
      if (t.grant === 'authorization_code') need('authorization-code', i, 'an authorization_code grant');
      if (t.grant === 'refresh_token') need('refresh', i, 'a refresh_token grant');
      if (t.grant === 'refresh_token' && !t.refresh_token && issuedBy === 'client_credentials')
        need('client-credentials-refresh', i, 'a refresh token from a client_credentials grant');
      if (t.grant !== 'refresh_token') issuedBy = t.grant ?? 'client_credentials';
      if (t.client === 'public') need('public-client', i, 'the public client');
      if (t.client === 'bound') need('bound-client', i, 'the client registered with dpop_bound_access_tokens');
      if (t.auth === 'post') need('client-secret-post', i, 'client_secret_post');
      if (t.dpop_sk !== undefined) need('dpop-sk', i, 'the dpop_sk parameter');
      if (t.dpop_jkt !== undefined) need('authorization-code', i, 'dpop_jkt in an authorization request');
      if (t.pushed) need('par', i, 'the request_uri of a pushed authorization request');
      if (t.proof?.nonce !== undefined) need('nonce', i, 'its proof sets the nonce');
      if (t.expect?.checks?.includes('dpop-nonce-header')) need('nonce', i, 'it checks DPoP-Nonce');
    } else if ('request' in s) {
      const r = s.request;
      if (r.method && !SAFE_METHODS.has(r.method.toUpperCase())) need('post', i, `a ${r.method} request`);
      if (r.forwarded !== undefined) need('behind-proxy', i, 'a request through a reverse proxy');
      if (r.forwarded === 'x-forwarded') need('proxy-x-forwarded', i, 'X-Forwarded-* headers only');
      if (r.forwarded === 'forwarded') need('proxy-forwarded', i, 'an RFC 7239 Forwarded header');
      if (r.sk_request !== undefined) need('dpop-sk-b', i, 'a Model B key request (sk_request)');
      if (r.node !== undefined) need('rs-fleet', i, `a request to node ${r.node} of rs.nodes`);
      if (r.proof?.symmetric)
        need(c.profile === 'dpop-sk-b' ? 'dpop-sk-b' : 'dpop-sk', i, `a symmetric proof (${c.profile})`);
      if (r.proof?.nonce !== undefined) need('nonce', i, 'its proof sets the nonce');
      if (r.expect?.checks?.includes('dpop-nonce-header')) need('nonce', i, 'it checks DPoP-Nonce');
    } else if ('rotate' in s) {
      need('key-rotation', i, `a rotation of the ${s.rotate.what}`);
    } else if ('introspect' in s) {
      need('introspection', i, 'an introspection request');
    } else if ('par' in s) {
      const p = s.par;
      need('par', i, 'a pushed authorization request');
      need('authorization-code', i, 'the code flow of a pushed authorization request');
      if (p.client === 'public') need('public-client', i, 'the public client');
      if (p.client === 'bound') need('bound-client', i, 'the client registered with dpop_bound_access_tokens');
      if (p.proof?.nonce !== undefined) need('nonce', i, 'its proof sets the nonce');
      if (p.expect?.checks?.includes('dpop-nonce-header')) need('nonce', i, 'it checks DPoP-Nonce');
    } else if ('mint_token' in s) {
      const m = s.mint_token;
      if (m.sk) need('dpop-sk', i, 'a token with cnf.sk');
      if (m.typ !== undefined || m.omit_typ)
        need('jwt-access-token', i, 'a token whose typ the RS must judge (RFC 9068 §4)');
      if (m.issuer !== undefined) need('jwt-access-token', i, 'a token whose iss the RS must judge (RFC 9068 §4)');
    }
  }
  return needs;
}
