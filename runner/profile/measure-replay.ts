import { newJti } from '../../protocol/sign.js';
import type { Probe, Prober } from './prober.js';
import { lifetime } from './search.js';
import { notMeasured, type Bound, type NotMeasured, type ReplayAcross, type ReplayProfile } from './types.js';

/** The longest jti memory probed, seconds (with the mocks' clock; a vendor's is bounded by --profile-wait). */
export const JTI_MEMORY_MAX = 3_600;
export const JTI_MEMORY_RESOLUTION = 2;

/** The request with the query, the method or the path changed (RS): each a variant of the resource request. */
function variants(p: Prober): Record<'otherQuery' | 'otherMethod' | 'otherPath', Probe | string> {
  if (p.side === 'as') {
    const why = 'not probed: an AS has one token endpoint, taking POST';
    return { otherQuery: why, otherMethod: why, otherPath: why };
  }
  const url = new URL(p.env.rs.resource);
  const query = new URL(url);
  query.searchParams.append('dpop-profile', '1');
  const path = new URL(url);
  path.pathname = `${url.pathname.replace(/\/$/, '')}/dpop-profile`;
  return {
    otherQuery: { url: query.href },
    otherMethod: { method: 'POST' },
    otherPath: { url: path.href },
  };
}

/** Whether a jti first used in the plain request is refused in the variant (after checking the variant is accepted at all). */
async function across(p: Prober, variant: Probe | string, notes: string[], name: string): Promise<ReplayAcross> {
  if (typeof variant === 'string') return 'not-probed';
  const control = await p.send(variant);
  if (!control.accepted) {
    notes.push(
      `${name}: not probed, the variant was not accepted with a fresh jti (status ${control.res?.status ?? 'none'})`,
    );
    return 'not-probed';
  }
  const jti = newJti();
  if (!(await p.send({ jti })).accepted) {
    notes.push(`${name}: not probed, the first use was not accepted`);
    return 'not-probed';
  }
  return (await p.send({ ...variant, jti })).accepted ? 'accepted' : 'refused';
}

/** The narrowest replay key the answers fit (ReplayProfile.scope). */
function scopeOf(r: Omit<ReplayProfile, 'scope'>): ReplayProfile['scope'] {
  if (r.exact === 'accepted') return 'none';
  const key = [r.otherPath, r.otherMethod, r.otherQuery].join(' ');
  const scopes: Record<string, ReplayProfile['scope']> = {
    'refused refused refused': 'server',
    'accepted refused refused': 'uri',
    'accepted accepted refused': 'uri-method',
    'accepted accepted accepted': 'request',
  };
  return scopes[key] ?? 'unclear';
}

/**
 * The jti replay scope (RFC 9449 §11.1): is a replayed jti refused on the same request, and
 * where the request differs in its query, method or path (RS; each variant first checked
 * with a fresh jti). About 12 requests; no time moves. The memory (jtiMemory) is added after.
 */
export async function measureReplayScope(p: Prober): Promise<ReplayProfile> {
  const notes: string[] = [];
  const jti = newJti();
  const first = await p.send({ jti });
  if (!first.accepted) return { ...fallback(), notes: ['the first use of a jti was not accepted'] };
  const exact = (await p.send({ jti })).accepted ? 'accepted' : 'refused';
  const v = variants(p);
  const partial = {
    exact,
    otherQuery: await across(p, v.otherQuery, notes, 'other query'),
    otherMethod: await across(p, v.otherMethod, notes, 'other method'),
    otherPath: await across(p, v.otherPath, notes, 'other path'),
  } as const;
  return { ...partial, scope: scopeOf(partial), ...(notes.length ? { notes } : {}) };
}

function fallback(): ReplayProfile {
  return {
    exact: 'accepted',
    otherQuery: 'not-probed',
    otherMethod: 'not-probed',
    otherPath: 'not-probed',
    scope: 'unclear',
  };
}

/**
 * Seconds a jti stays remembered: alive while a replay of it with a fresh iat is refused
 * (an accepted one is recorded anew), later and later (lifetime(): the mocks' clock moved,
 * or bounded waits); about 2·log2 of the memory requests.
 */
export async function jtiMemory(p: Prober): Promise<Bound | NotMeasured> {
  const jti = newJti();
  const base = p.time.now();
  if (!(await p.send({ jti })).accepted) return notMeasured('the first use of a jti was not accepted');
  return lifetime(
    p.time,
    base,
    async () => {
      const before = p.time.now();
      return (await p.send({ jti })).accepted ? before : true;
    },
    { first: 16, max: JTI_MEMORY_MAX, resolution: JTI_MEMORY_RESOLUTION },
  );
}
