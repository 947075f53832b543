import { randomBytes } from 'node:crypto';
import { base64url } from 'jose';
import { DEFAULT_CLIENT_KEY } from '../../../base/fixed-inputs.js';
import type { HttpRequest } from '../../http/send.js';
import { clientAuthentication } from './client-auth.js';
import type { ParStep } from '../../suite/types.js';
import type { CaseContext } from '../case-state.js';
import { CaseSetupError } from '../case-errors.js';
import { exchangeWithNonce } from '../exchange.js';
import { proofForStep } from '../proof-for-step.js';
import { authorizationParams } from './authorize.js';
import type { StepOutcome } from './outcome.js';
import { clientFor } from './token.js';
import { htuOf } from '../../../protocol/htu.js';

/** Longest request_uri the runner puts in an authorization request URL (the target is hostile). */
export const MAX_REQUEST_URI_LENGTH = 4096;

/**
 * A pushed authorization request (RFC 9126 §2.1): the code-flow parameters (PKCE S256, and
 * dpop_jkt when the step names a key) in a form body, the client authenticated as at the
 * token endpoint, and a DPoP proof for POST at the PAR endpoint when the step has one (RFC
 * 9449 §10.1). A 201 with a request_uri is kept for the token step that completes the flow
 * (pushed: true). The client secret goes only to the PAR endpoint the target names or its
 * metadata names on the issuer's origin (discover-as.ts).
 */
export async function parStep(ctx: CaseContext, step: ParStep): Promise<StepOutcome> {
  const as = ctx.env.as;
  const url = as.parEndpoint;
  if (!url) throw new CaseSetupError('the AS names no PAR endpoint (as.pushed_authorization_request_endpoint)');
  const kind = clientFor(ctx, { client: step.client, grant: 'authorization_code' });
  const client = kind === 'public' ? as.clients.public : as.clients[kind]!;
  const confidential = kind === 'public' ? undefined : as.clients[kind]!;
  const verifier = base64url.encode(randomBytes(32));
  const form = await authorizationParams(ctx, client.client_id, verifier, step.dpop_jkt);
  const headers: [string, string][] = [
    ['content-type', 'application/x-www-form-urlencoded'],
    ['accept', 'application/json'],
  ];
  let sensitive: HttpRequest['sensitive'] = {};
  if (confidential) {
    const authn = clientAuthentication(ctx, confidential.client_id, confidential.client_secret, confidential.auth);
    for (const [name, value] of Object.entries(authn.formFields)) form.set(name, value);
    headers.push(...authn.headers);
    sensitive = authn.sensitive;
  }
  const key = step.proof?.key ?? DEFAULT_CLIENT_KEY;
  const htu = htuOf(url);
  const { res, proof } = await exchangeWithNonce(
    ctx,
    'as',
    'par',
    async (nonce) => {
      const dpop = step.proof ? await proofForStep(ctx, step.proof, { htm: 'POST', htu, key }, nonce) : undefined;
      return {
        method: 'POST',
        url,
        headers: dpop ? [...headers, ['dpop', dpop] as [string, string]] : headers,
        body: form.toString(),
        sensitive,
        proof: dpop,
      };
    },
    { nonceSpec: step.proof?.nonce, retry: step.proof !== undefined },
  );
  const body = (res.json ?? {}) as Record<string, unknown>;
  const uri = body.request_uri;
  ctx.pushed =
    res.status === 201 && typeof uri === 'string' && uri !== '' && uri.length <= MAX_REQUEST_URI_LENGTH
      ? { requestUri: uri, verifier, client: kind }
      : undefined;
  return { res, proof, key, defaultExpect: { status: 201 } };
}
