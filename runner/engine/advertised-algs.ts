import { parseChallenges } from '../../base/www-authenticate.js';
import { send } from '../http/send.js';
import type { CaseContext } from './case-state.js';

/** What a server advertises of the proof algorithms it accepts, and where that was read. */
export interface Advertisement {
  algs?: string[];
  source: string;
}

/**
 * The DPoP proof algorithms the party under test advertises: an AS in its metadata
 * (RFC 9449 §5.1 dpop_signing_alg_values_supported, read at discovery); an RS in the algs
 * parameter of its DPoP challenge (RFC 9449 §7.1), asked for with one request that carries
 * no credentials (recorded in the transcript).
 */
export async function advertisedAlgs(ctx: CaseContext): Promise<Advertisement> {
  if (ctx.c.target === 'as') {
    const algs = ctx.env.as.dpopAlgs;
    return { algs, source: 'the AS metadata dpop_signing_alg_values_supported' };
  }
  const req = { method: 'GET', url: ctx.env.rs.resource, headers: [] as [string, string][] };
  try {
    const res = await send(req, ctx.env.send);
    ctx.record('advertisement', req, res, 'a request without credentials, for the algs of the DPoP challenge');
    const dpop = parseChallenges(res.headers['www-authenticate']).find((c) => c.scheme === 'dpop');
    const algs = dpop?.params.algs?.split(/\s+/).filter(Boolean);
    return { algs: algs?.length ? algs : undefined, source: 'the algs parameter of the RS DPoP challenge' };
  } catch (e) {
    return { source: `the RS DPoP challenge (not read: ${(e as Error).message})` };
  }
}
