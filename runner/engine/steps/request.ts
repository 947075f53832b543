import type { RequestStep } from '../../suite/types.js';
import type { CaseContext } from '../context.js';
import { exchangeWithNonce } from '../exchange.js';
import { CaseSetupError, proofForStep } from '../proof-for-step.js';
import { fill } from '../template.js';
import type { StepOutcome } from './outcome.js';

/** A protected resource request to the RS of the run (RFC 9449 §7; DPoP-SK §5 for symmetric proofs). */
export async function requestStep(ctx: CaseContext, step: RequestStep): Promise<StepOutcome> {
  const scope = ctx.scope();
  const base = fill(step.url ?? '{rs.resource}', scope);
  const url = base + (step.query ?? '');
  const method = step.method ?? 'GET';
  const token = step.token ? fill(step.token, scope) : ctx.current.token;
  if (!token && !step.no_authorization) throw new CaseSetupError('a resource request without an access token from an earlier step');
  const key = step.proof?.key ?? ctx.current.key ?? 'client-p256';
  const replayed = step.replay ? ctx.saved[step.replay]?.proof : undefined;
  if (step.replay && !replayed) throw new CaseSetupError(`replay of "${step.replay}", which saved no proof`);
  const htu = base.split('#')[0].split('?')[0];
  const { res, proof } = await exchangeWithNonce(ctx, 'rs', 'resource', async (nonce) => {
    const headers: [string, string][] = [];
    if (!step.no_authorization) headers.push(['authorization', `${step.scheme ?? 'DPoP'} ${token}`]);
    const proofs: string[] = [];
    if (!step.no_proof && !step.no_authorization) proofs.push(replayed ?? (await proofForStep(ctx, step.proof, { htm: method, htu, key, accessToken: token }, nonce)));
    if (step.duplicate_proof) proofs.push(await proofForStep(ctx, step.proof, { htm: method, htu, key, accessToken: token }, nonce));
    headers.push(...proofs.map((p) => ['dpop', p] as [string, string]));
    const body = method === 'POST' || method === 'PUT' ? JSON.stringify({ conformance: true }) : undefined;
    if (body) headers.push(['content-type', 'application/json']);
    return { method, url, headers, body, proof: proofs[0] };
  }, { nonceSpec: step.proof?.nonce, retry: !replayed && step.nonce_retry !== false });
  if (step.save_as) ctx.saved[step.save_as] = { ...ctx.current, proof, response: res };
  return { res, proof, key, defaultExpect: { status: 200 } };
}
