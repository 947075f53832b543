import { createHash, randomBytes } from 'node:crypto';
import { base64url } from 'jose';
import { send } from '../../http/send.js';
import { publicJwk } from '../../../protocol/jwk.js';
import { loadInputs } from '../../../base/fixed-inputs.js';
import { jwkThumbprint } from '../../../protocol/thumbprint.js';
import type { KeyName, TokenStep } from '../../suite/types.js';
import type { CaseContext } from '../case-state.js';
import { CaseSetupError } from '../case-errors.js';
import { serverSaid } from '../server-said.js';

const MAX_HOPS = 10;

/** Cookies set along a redirect chain, sent back to the same origin (enough for an auto-approving test AS). */
class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();
  take(origin: string, setCookie: string | undefined): void {
    if (!setCookie) return;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    // Header values were joined with ", "; split before each "name=" that follows a comma.
    for (const c of setCookie.split(/,\s*(?=[^;=\s]+=)/)) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    this.byOrigin.set(origin, jar);
  }
  header(origin: string): [string, string][] {
    const jar = this.byOrigin.get(origin);
    return jar?.size ? [['cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; ')]] : [];
  }
}

/**
 * The parameters of an authorization request (RFC 6749 §4.1.1) with PKCE S256 (RFC 7636)
 * for `verifier`, and dpop_jkt (RFC 9449 §10), the thumbprint of the key `dpopJkt` names;
 * sent to the authorization endpoint, or pushed to the PAR endpoint (RFC 9126 §2.1).
 */
export async function authorizationParams(
  ctx: CaseContext,
  clientId: string,
  verifier: string,
  dpopJkt: KeyName | undefined,
): Promise<URLSearchParams> {
  const as = ctx.env.as;
  return new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: as.redirectUri,
    state: base64url.encode(randomBytes(12)),
    code_challenge_method: 'S256',
    code_challenge: base64url.encode(createHash('sha256').update(verifier).digest()),
    ...(as.scope ? { scope: as.scope } : {}),
    ...(dpopJkt ? { dpop_jkt: await jwkThumbprint(publicJwk(loadInputs().client_keys[dpopJkt])) } : {}),
  });
}

/**
 * The authorization request (RFC 6749 §4.1, PKCE S256, RFC 9449 §10 dpop_jkt, or the
 * request_uri of a pushed request, RFC 9126 §4) against a
 * test AS that approves without a user: follows its redirects (keeping its cookies) until
 * one reaches the redirect URI, and returns the code.
 */
export async function authorizationCode(
  ctx: CaseContext,
  step: TokenStep,
  clientId: string,
): Promise<{ code: string; verifier: string }> {
  const as = ctx.env.as;
  if (!as.authorizationEndpoint) throw new CaseSetupError('the target declares no authorization endpoint');
  const url = new URL(as.authorizationEndpoint);
  let verifier: string;
  if (step.pushed) {
    // RFC 9126 §4: the authorization request is the client_id and the request_uri the PAR endpoint gave.
    const pushed = ctx.pushed;
    if (!pushed)
      throw new CaseSetupError(
        'pushed: true, and the par step before it got no usable request_uri (a 201 with a request_uri of at most 4096 characters)',
      );
    ctx.pushed = undefined;
    verifier = pushed.verifier;
    url.search = new URLSearchParams({ client_id: clientId, request_uri: pushed.requestUri }).toString();
  } else {
    verifier = base64url.encode(randomBytes(32));
    url.search = (await authorizationParams(ctx, clientId, verifier, step.dpop_jkt)).toString();
  }
  const jar = new CookieJar();
  const redirect = new URL(as.redirectUri);
  let next = url;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const req = { method: 'GET', url: next.href, headers: jar.header(next.origin) };
    const res = await send(req, ctx.env.send);
    ctx.record('authorize', req, res);
    jar.take(next.origin, res.headers['set-cookie']);
    const location = res.headers.location;
    if (!location || res.status < 300 || res.status > 399) {
      const said = serverSaid(res);
      throw new CaseSetupError(
        said
          ? `the authorization endpoint answered ${res.status} without redirecting: ${said} (client ${clientId}, redirect_uri ${as.redirectUri})`
          : `the authorization endpoint answered ${res.status} without redirecting (does it approve test clients without a user?)`,
      );
    }
    next = new URL(location, next);
    if (next.origin === redirect.origin && next.pathname === redirect.pathname) {
      const code = next.searchParams.get('code');
      if (!code)
        throw new CaseSetupError(
          `the authorization response carries no code: ${serverSaid({ status: 302, headers: { location: next.href }, text: '' }) || 'no error either'} (client ${clientId})`,
        );
      return { code, verifier };
    }
  }
  throw new CaseSetupError(`the authorization endpoint did not reach the redirect URI within ${MAX_HOPS} redirects`);
}
