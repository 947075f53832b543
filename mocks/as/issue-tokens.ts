import { randomBytes } from 'node:crypto';
import { base64url, type JWK } from 'jose';
import { deriveSk } from '../../protocol/derive-sk.js';
import { newJti } from '../../protocol/sign.js';
import type { SharedSecret } from '../../protocol/shared-secret.js';
import { wrapAlgFor, wrapSk } from '../../protocol/sk-wrap.js';
import { mintAccessToken, type AccessTokenClaims } from '../../protocol/token-mint.js';
import {
  deriveSkWithWrongInfo,
  wrapSkToOtherKey,
  wrapSkWithWrongAlg,
  wrapSkWithWrongKid,
} from '../faults/wrong-sk-delivery.js';
import { OAuthHttpError } from '../http/oauth-error.js';
import type { AsState } from './state.js';
import type { RefreshGrant } from './stores.js';

export interface IssueRequest {
  clientId: string;
  isPublic: boolean;
  /** The proof key (undefined only under as-accept-missing-proof). */
  jwk?: JWK;
  jkt?: string;
  scope?: string;
  wantSk: boolean;
  /** Issue a refresh token (bound to jkt for public clients). */
  withRefresh: boolean;
  previous?: RefreshGrant;
  refreshToken?: string;
}

/** The token response (RFC 9449 §5; DPoP-SK §3 for dpop_sk). */
export async function issueTokens(s: AsState, r: IssueRequest): Promise<Record<string, unknown>> {
  const now = s.config.clock.now();
  const exp = now + s.config.tokenTtl;
  const claims: AccessTokenClaims = {
    iss: s.issuer,
    aud: s.config.audience,
    sub: r.clientId,
    client_id: r.clientId,
    iat: now,
    exp,
    jti: newJti(),
    ...(r.scope ? { scope: r.scope } : {}),
  };
  if (r.jkt && !s.fault('as-omit-cnf-jkt')) claims.cnf = { jkt: r.jkt };
  const body: Record<string, unknown> = {
    token_type: (r.jkt || s.fault('as-accept-missing-proof')) && !s.fault('as-token-type-bearer') ? 'DPoP' : 'Bearer',
    expires_in: s.config.tokenTtl,
  };
  let lastR = r.previous?.lastR;
  if (r.wantSk && r.jwk) {
    const sk = await symmetricKey(s, r, now, exp);
    if (sk) {
      if (!s.fault('as-sk-omit-cnf-sk')) claims.cnf = { ...claims.cnf, sk: sk.cnf };
      body.dpop_sk = sk.jwe;
      body.dpop_sk_expires_in = sk.cnf.exp - now;
      lastR = sk.cnf.r;
    }
  }
  body.access_token = await mintAccessToken(s.config.asKey, claims);
  if (r.scope) body.scope = r.scope;
  if (r.withRefresh && r.jkt) {
    const rt = r.refreshToken ?? base64url.encode(randomBytes(32));
    s.refreshTokens.put(
      rt,
      { clientId: r.clientId, isPublic: r.isPublic, jkt: r.previous?.jkt ?? r.jkt, scope: r.scope, lastR },
      now + s.config.refreshTtl,
      now,
    );
    body.refresh_token = rt;
  }
  return body;
}

/** The S_V the AS issues with: the active one (the newest, after a rotation), or a wrong one under a fault. */
function issuingSecret(s: AsState): SharedSecret | undefined {
  const { secrets, startVersion } = s.config.rotation;
  if (s.fault('as-sk-ignore-rotation')) return secrets.find((x) => x.version === startVersion);
  return secrets.find((x) => x.status === (s.fault('as-sk-retired-version') ? 'retired' : 'active'));
}

/** DPoP-SK §3 steps 1-4; undefined when the key type gets no dpop_sk. */
async function symmetricKey(s: AsState, r: IssueRequest, now: number, exp: number) {
  const jwk = r.jwk!;
  const secret = issuingSecret(s);
  if (!wrapAlgFor(jwk) || !secret) {
    if (s.fault('as-sk-error-for-ed25519'))
      throw new OAuthHttpError(400, 'invalid_request', 'dpop_sk is not available for this key type');
    return undefined;
  }
  const rBytes =
    s.fault('as-sk-reuse-r') && r.previous?.lastR
      ? base64url.decode(r.previous.lastR)
      : new Uint8Array(randomBytes(32));
  const derive = s.fault('as-sk-wrong-info') ? deriveSkWithWrongInfo : deriveSk;
  const ikm = s.fault('as-rs-secret-mismatch') ? s.config.rotation.secrets.find((x) => x !== secret) : secret;
  const sk = derive(base64url.decode((ikm ?? secret).secret), rBytes);
  const skExp = s.fault('as-sk-exp-beyond-token') ? exp + 300 : Math.min(now + s.config.skTtl, exp);
  return { cnf: { v: secret.version, r: base64url.encode(rBytes), exp: skExp }, jwe: await wrap(s, sk, jwk) };
}

/** The dpop_sk JWE (DPoP-SK §3 step 4), or a wrong one under a wrapping fault. */
function wrap(s: AsState, sk: Uint8Array, jwk: JWK): Promise<string> {
  if (s.fault('as-sk-wrap-other-key')) return wrapSkToOtherKey(sk, jwk);
  if (s.fault('as-sk-wrong-kid')) return wrapSkWithWrongKid(sk, jwk);
  if (s.fault('as-sk-wrong-wrap-alg')) return wrapSkWithWrongAlg(sk, jwk);
  return wrapSk(sk, jwk);
}
