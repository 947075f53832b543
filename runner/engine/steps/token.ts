import { base64url } from 'jose';
import { DEFAULT_CLIENT_KEY, loadInputs } from '../../../base/fixed-inputs.js';
import { unwrapSk } from '../../../protocol/sk-unwrap.js';
import type { TokenStep } from '../../suite/types.js';
import { decodeJws } from '../../../protocol/decode-jws.js';
import type { CaseContext } from '../case-state.js';
import { exchangeWithNonce } from '../exchange.js';
import { CaseSetupError } from '../case-errors.js';
import { proofForStep } from '../proof-for-step.js';
import { fill } from '../template.js';
import type { HttpRequest } from '../../http/send.js';
import { clientAuthentication } from './client-auth.js';
import { authorizationCode } from './authorize.js';
import type { StepOutcome } from './outcome.js';
import { htuOf } from '../../../protocol/htu.js';

export type ClientKind = 'confidential' | 'public' | 'bound';

/**
 * The client a token step uses: the one it names; for a refresh, the one that got the
 * refresh token; otherwise the first of the target's clients (confidential, bound, public)
 * registered for the step's grant (a target file's per-client `grants`); for a pushed code,
 * the client that pushed it. A step that
 * authenticates the client (auth, wrong_client_secret) keeps to the confidential clients.
 */
export function clientFor(
  ctx: CaseContext,
  step: Pick<TokenStep, 'client' | 'grant' | 'refresh_token' | 'auth' | 'wrong_client_secret' | 'pushed'>,
): ClientKind {
  const { clients } = ctx.env.as;
  if (step.client === 'bound' && !clients.bound)
    throw new CaseSetupError('the target names no client registered with dpop_bound_access_tokens (as.clients.bound)');
  // The code of a pushed request goes to the client that pushed it (RFC 9126 §2.2).
  if (step.pushed && ctx.pushed) return ctx.pushed.client;
  if (step.client) return step.client;
  const grant = step.grant ?? 'client_credentials';
  if (grant === 'refresh_token' && !step.refresh_token && ctx.current.client) return ctx.current.client;
  const authenticates = step.auth !== undefined || step.wrong_client_secret === true;
  const bound: ClientKind[] = ctx.env.features.has('bound-client') ? ['bound'] : [];
  const order: ClientKind[] = ['confidential', ...bound, ...(authenticates ? [] : (['public'] as const))];
  const does = (k: ClientKind) => {
    const c = clients[k];
    return c !== undefined && (c.grants === undefined || c.grants.includes(grant));
  };
  const found = order.find(does);
  if (!found)
    throw new CaseSetupError(
      `no client of the target is registered for the ${grant} grant (target file: as.clients.*.grants)`,
    );
  return found;
}

/** A token request to the AS of the run (RFC 9449 §5), capturing what it returns. */
export async function tokenStep(ctx: CaseContext, step: TokenStep): Promise<StepOutcome> {
  const as = ctx.env.as;
  const kind = clientFor(ctx, step);
  const isPublic = kind === 'public';
  const client = isPublic ? as.clients.public : as.clients[kind]!;
  const confidential = isPublic ? undefined : as.clients[kind]!;
  const auth = step.auth ?? confidential?.auth;
  const key = step.proof?.key ?? step.key ?? DEFAULT_CLIENT_KEY;
  const form: Record<string, string> = { grant_type: step.grant ?? 'client_credentials' };
  if (step.grant === 'refresh_token') {
    const rt = step.refresh_token ? fill(step.refresh_token, ctx.scope()) : ctx.current.refresh_token;
    if (!rt) throw new CaseSetupError('refresh_token grant without a refresh token from an earlier step');
    form.refresh_token = rt;
  }
  if (step.grant === 'authorization_code') {
    const { code, verifier } = await authorizationCode(ctx, step, client.client_id);
    Object.assign(form, {
      code,
      code_verifier: step.wrong_code_verifier ? `${verifier.slice(0, -4)}XXXX` : verifier,
      redirect_uri: as.redirectUri,
    });
  }
  if (step.dpop_sk !== undefined) form.dpop_sk = step.dpop_sk === true ? 'true' : String(step.dpop_sk);
  Object.assign(form, step.params ?? {});
  const headers: [string, string][] = [
    ['content-type', 'application/x-www-form-urlencoded'],
    ['accept', 'application/json'],
  ];
  const secret = step.wrong_client_secret ? 'not-the-client-secret' : (confidential?.client_secret ?? '');
  let sensitive: HttpRequest['sensitive'] = {};
  if (isPublic) form.client_id = client.client_id;
  else {
    const authn = clientAuthentication(ctx, client.client_id, secret, auth);
    Object.assign(form, authn.formFields);
    headers.push(...authn.headers);
    sensitive = authn.sensitive;
  }

  const replayed = step.replay ? ctx.saved[step.replay]?.proof : undefined;
  if (step.replay && !replayed) throw new CaseSetupError(`replay of "${step.replay}", which saved no proof`);
  const htu = htuOf(as.tokenEndpoint);
  const { res, proof } = await exchangeWithNonce(
    ctx,
    'as',
    'token',
    async (nonce) => {
      const proofs: string[] = [];
      if (!step.no_proof)
        proofs.push(replayed ?? (await proofForStep(ctx, step.proof, { htm: 'POST', htu, key }, nonce)));
      if (step.duplicate_proof) proofs.push(await proofForStep(ctx, step.proof, { htm: 'POST', htu, key }, nonce));
      return {
        method: 'POST',
        url: as.tokenEndpoint,
        headers: [...headers, ...proofs.map((p) => [step.dpop_field_name ?? 'dpop', p] as [string, string])],
        body: new URLSearchParams(form).toString(),
        sensitive,
        proof: proofs[0],
      };
    },
    { nonceSpec: step.proof?.nonce, retry: !replayed && step.nonce_retry !== false },
  );

  const body = (res.json ?? {}) as Record<string, unknown>;
  if (res.status === 200 && typeof body.access_token === 'string') {
    const previous = decodeJws(ctx.current.token)?.claims;
    ctx.current = {
      token: body.access_token,
      refresh_token: typeof body.refresh_token === 'string' ? body.refresh_token : ctx.current.refresh_token,
      key,
      proof,
      response: res,
      previous_claims: previous,
      client: kind,
    };
    if (typeof body.dpop_sk === 'string') {
      ctx.current.dpop_sk = body.dpop_sk;
      try {
        ctx.current.sk = (await unwrapSk(body.dpop_sk, loadInputs().client_keys[key])).sk;
        ctx.redactor.add(base64url.encode(ctx.current.sk));
      } catch (e) {
        ctx.current.skProblem = `the dpop_sk of step ${ctx.stepIndex + 1} does not open with the proof key: ${(e as Error).message}`;
      }
    } else if (step.dpop_sk !== undefined) {
      ctx.current.skProblem = `the token response of step ${ctx.stepIndex + 1} has no dpop_sk`;
    }
  }
  if (step.save_as) ctx.saved[step.save_as] = { ...ctx.current, proof, response: res };
  return { res, proof, key, defaultExpect: { status: 200 } };
}
