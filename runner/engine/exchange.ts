import { send, type HttpRequest, type HttpResponse } from '../http/send.js';
import { parseChallenge } from '../../base/www-authenticate.js';
import type { CaseContext } from './case-state.js';
import { fill } from './template.js';

/** The server asked for a (new) nonce: RFC 9449 §8 (AS, JSON error) or §9 (RS, challenge). */
export function isNonceChallenge(res: HttpResponse): boolean {
  if (!res.headers['dpop-nonce']) return false;
  const body = res.json as { error?: unknown } | undefined;
  return (
    body?.error === 'use_dpop_nonce' ||
    parseChallenge(res.headers['www-authenticate'])?.params.error === 'use_dpop_nonce'
  );
}

export interface Built extends HttpRequest {
  proof?: string;
}

/**
 * Sends a request whose proof depends on the nonce, remembers the server's
 * DPoP-Nonce, and answers one nonce challenge by rebuilding the same request
 * (same mutation) with the new nonce, unless the case handles nonces itself.
 */
export async function exchangeWithNonce(
  ctx: CaseContext,
  side: 'as' | 'rs',
  kind: string,
  build: (nonce: string | undefined) => Promise<Built>,
  o: { nonceSpec?: string; retry: boolean },
): Promise<{ res: HttpResponse; proof?: string }> {
  const nonceFor = () =>
    o.nonceSpec === 'none' ? undefined : o.nonceSpec !== undefined ? fill(o.nonceSpec, ctx.scope()) : ctx.nonces[side];
  const once = async (nonce: string | undefined) => {
    const req = await build(nonce);
    let res: HttpResponse;
    try {
      res = await send(req, ctx.env.send);
    } catch (e) {
      ctx.record(kind, req, undefined, (e as Error).message);
      throw e;
    }
    ctx.record(kind, req, res);
    if (res.headers['dpop-nonce']) ctx.nonces[side] = res.headers['dpop-nonce'];
    return { res, proof: req.proof, nonce };
  };
  const first = await once(nonceFor());
  if (!o.retry || o.nonceSpec !== undefined || !isNonceChallenge(first.res) || first.nonce === ctx.nonces[side])
    return first;
  return once(ctx.nonces[side]);
}
