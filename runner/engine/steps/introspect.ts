import type { IntrospectStep } from '../../suite/types.js';
import { basicCredentials } from '../../http/basic-auth.js';
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
  const sensitive: { headers?: string[]; formFields?: string[] } = {};
  if (client.auth === 'post') {
    Object.assign(form, { client_id: client.client_id, client_secret: client.client_secret });
    sensitive.formFields = ['client_secret'];
  } else {
    const credentials = basicCredentials(client.client_id, client.client_secret);
    headers.push(['authorization', `Basic ${credentials}`]);
    sensitive.headers = ['authorization'];
    ctx.redactor.add(credentials);
  }
  const req = { method: 'POST', url, headers, body: new URLSearchParams(form).toString(), sensitive };
  const res = await send(req, ctx.env.send);
  ctx.record('introspection', req, res);
  // The key the token is bound to: what introspection-cnf-jkt compares cnf.jkt with.
  return { res, key: ctx.current.key, defaultExpect: { status: 200 } };
}
