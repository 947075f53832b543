import { base64url } from 'jose';
import { DEFAULT_CLIENT_KEY, loadInputs, type ClientKeyName } from '../../../base/fixed-inputs.js';
import { unwrapSk } from '../../../protocol/sk-unwrap.js';
import type { RequestStep } from '../../suite/types.js';
import type { CaseContext } from '../case-state.js';
import { exchangeWithNonce } from '../exchange.js';
import { CaseSetupError } from '../case-errors.js';
import { proofForStep } from '../proof-for-step.js';
import { fill } from '../template.js';
import { forwardedRequest } from './forwarded-headers.js';
import type { StepOutcome } from './outcome.js';
import { htuOf } from '../../../protocol/htu.js';

/** Model B (DPoP-SK §6 step 3): the DPoP-SK header opened with the proof key gives SK and the ticket. */
async function captureNegotiatedSk(ctx: CaseContext, header: string | undefined, key: ClientKeyName): Promise<void> {
  const at = `the response of step ${ctx.stepIndex + 1}`;
  ctx.current = { ...ctx.current, sk: undefined, ticket: undefined, skProblem: undefined };
  if (!header) {
    ctx.current.skProblem = `${at} has no DPoP-SK header`;
    return;
  }
  try {
    const { sk, jwk } = await unwrapSk(header, loadInputs().client_keys[key]);
    ctx.redactor.add(base64url.encode(sk));
    if (typeof jwk.kid !== 'string') {
      ctx.current.skProblem = `the DPoP-SK key of ${at} has no kid (ticket)`;
      return;
    }
    Object.assign(ctx.current, { sk, ticket: jwk.kid });
  } catch (e) {
    ctx.current.skProblem = `the DPoP-SK header of ${at} does not open with the proof key: ${(e as Error).message}`;
  }
}

/**
 * Where a request for `url` goes: the URL itself, or (a step's `node`) that node of rs.nodes —
 * its address, with the URL's path, query and Host, as a load balancer delivers it.
 */
function addressed(ctx: CaseContext, url: string, node: number | undefined): { url: string; host?: string } {
  if (node === undefined) return { url };
  const at = ctx.env.rs.nodes?.[node - 1];
  if (!at) throw new CaseSetupError(`a request to node ${node}, and the target's rs.nodes has no such node`);
  const u = new URL(url);
  return { url: `${new URL(at).origin}${u.pathname}${u.search}`, host: u.host };
}

/** A protected resource request to the RS of the run (RFC 9449 §7; DPoP-SK §5 for symmetric proofs). */
export async function requestStep(ctx: CaseContext, step: RequestStep): Promise<StepOutcome> {
  const scope = ctx.scope();
  const base = fill(step.url ?? '{rs.resource}', scope);
  const url = base + (step.query ?? '');
  const to = addressed(ctx, url, step.node);
  const method = step.method ?? 'GET';
  const token = step.token ? fill(step.token, scope) : ctx.current.token;
  if (!token && !step.no_authorization)
    throw new CaseSetupError('a resource request without an access token from an earlier step');
  const key = step.proof?.key ?? ctx.current.key ?? DEFAULT_CLIENT_KEY;
  const replayed = step.replay ? ctx.saved[step.replay]?.proof : undefined;
  if (step.replay && !replayed) throw new CaseSetupError(`replay of "${step.replay}", which saved no proof`);
  const proxy = step.forwarded
    ? forwardedRequest(step.forwarded, url, ctx.env.rs.resource, ctx.env.rs.publicUrl)
    : undefined;
  const htu = proxy?.htu ?? htuOf(base);
  const { res, proof } = await exchangeWithNonce(
    ctx,
    'rs',
    'resource',
    async (nonce) => {
      const headers: [string, string][] = [
        ...(to.host ? ([['host', to.host]] as [string, string][]) : []),
        ...(proxy?.headers ?? []),
      ];
      const scheme = step.bearer_only ? 'Bearer' : (step.scheme ?? 'DPoP');
      if (!step.no_authorization) headers.push(['authorization', `${scheme} ${token}`]);
      if (step.sk_request) headers.push(['dpop-sk-request', 'HS256']);
      const proofs: string[] = [];
      if (!step.no_proof && !step.no_authorization && !step.bearer_only)
        proofs.push(
          replayed ?? (await proofForStep(ctx, step.proof, { htm: method, htu, key, accessToken: token }, nonce)),
        );
      if (step.duplicate_proof)
        proofs.push(await proofForStep(ctx, step.proof, { htm: method, htu, key, accessToken: token }, nonce));
      headers.push(...proofs.map((p) => [step.dpop_field_name ?? 'dpop', p] as [string, string]));
      const body = method === 'POST' || method === 'PUT' ? JSON.stringify({ conformance: true }) : undefined;
      if (body) headers.push(['content-type', 'application/json']);
      return { method, url: to.url, headers, body, proof: proofs[0] };
    },
    { nonceSpec: step.proof?.nonce, retry: !replayed && step.nonce_retry !== false },
  );
  if (step.sk_request) await captureNegotiatedSk(ctx, res.headers['dpop-sk'], key);
  if (step.save_as) ctx.saved[step.save_as] = { ...ctx.current, proof, response: res };
  return { res, proof, key, defaultExpect: { status: 200 } };
}
