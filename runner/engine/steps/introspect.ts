import type { IntrospectStep } from '../../suite/types.js';
import { clientAuthentication } from './client-auth.js';
import { send } from '../../http/send.js';
import type { CaseContext } from '../case-state.js';
import { CaseSetupError } from '../case-errors.js';
import { fill } from '../template.js';
import type { StepOutcome } from './outcome.js';

/**
 * An RFC 7662 introspection request for a token (default the last one captured),
 * authenticated as the target's confidential client the way it authenticates at the token
 * endpoint (RFC 6749 §2.3.1), for cases that judge what the AS says of a DPoP-bound token
 * (RFC 9449 §6.2). The client secret goes only to the introspection endpoint the target
 * names or its metadata names on the issuer's origin (discover-as.ts).
 */
export async function introspectStep(ctx: CaseContext, step: IntrospectStep): Promise<StepOutcome> {
  const as = ctx.env.as;
  const url = as.introspectionEndpoint;
  if (!url) throw new CaseSetupError('the AS names no introspection endpoint (as.introspection_endpoint)');
  const token = step.token ? fill(step.token, ctx.scope()) : ctx.current.token;
  if (!token) throw new CaseSetupError('an introspection request without a token from an earlier step');
  const client = as.clients.confidential;
  const form: Record<string, string> = { token, token_type_hint: 'access_token' };
  const headers: [string, string][] = [
    ['content-type', 'application/x-www-form-urlencoded'],
    ['accept', 'application/json'],
  ];
  const authn = clientAuthentication(ctx, client.client_id, client.client_secret, client.auth);
  const req = {
    method: 'POST',
    url,
    headers: [...headers, ...authn.headers],
    body: new URLSearchParams({ ...form, ...authn.formFields }).toString(),
    sensitive: authn.sensitive,
  };
  const res = await send(req, ctx.env.send);
  ctx.record('introspection', req, res);
  // The key the token is bound to: what introspection-cnf-jkt compares cnf.jkt with.
  return { res, key: ctx.current.key, defaultExpect: { status: 200 } };
}
