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
import { authorizationCode } from './authorize.js';
import type { StepOutcome } from './outcome.js';

/** A token request to the AS of the run (RFC 9449 §5), capturing what it returns. */
export async function tokenStep(ctx: CaseContext, step: TokenStep): Promise<StepOutcome> {
  const as = ctx.env.as;
  const isPublic = step.client === 'public';
  const client = isPublic ? as.clients.public : as.clients.confidential;
  const auth = step.auth ?? (isPublic ? undefined : as.clients.confidential.auth);
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
  const secret = step.wrong_client_secret ? 'not-the-client-secret' : as.clients.confidential.client_secret;
  // The builder knows where the secret goes (RFC 6749 §2.3.1): it marks that place for the transcript.
  const sensitive: { headers?: string[]; formFields?: string[] } = {};
  if (isPublic) form.client_id = client.client_id;
  else if (auth === 'post') {
    Object.assign(form, { client_id: client.client_id, client_secret: secret });
    sensitive.formFields = ['client_secret'];
  } else {
    const credentials = Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(secret)}`).toString(
      'base64',
    );
    headers.push(['authorization', `Basic ${credentials}`]);
    sensitive.headers = ['authorization'];
    ctx.redactor.add(credentials);
  }

  const replayed = step.replay ? ctx.saved[step.replay]?.proof : undefined;
  if (step.replay && !replayed) throw new CaseSetupError(`replay of "${step.replay}", which saved no proof`);
  // RFC 9449 §4.2: htu is the target URI without query and fragment.
  const htu = as.tokenEndpoint.split('#')[0].split('?')[0];
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
        headers: [...headers, ...proofs.map((p) => ['dpop', p] as [string, string])],
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
