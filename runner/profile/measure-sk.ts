import { loadInputs } from '../../base/fixed-inputs.js';
import type { Prober } from './prober.js';
import { largestAccepted } from './search.js';
import type { SkProfile } from './types.js';

/** The oldest token (seconds since its iat) probed under a retired secret version. */
export const RETIRED_PROBE_MAX = 86_400;

const seconds = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined);

/** AS: one token request with dpop_sk=true; the token's and the key's lifetimes from expires_in and dpop_sk_expires_in (DPoP-SK §3). */
async function asKeyLifetimes(p: Prober): Promise<SkProfile> {
  const r = await p.send({ dpopSk: true });
  const body = r.res?.json as { expires_in?: unknown; dpop_sk_expires_in?: unknown; dpop_sk?: unknown } | undefined;
  if (!r.accepted || typeof body?.dpop_sk !== 'string')
    return { notes: [`no key issued for dpop_sk=true (status ${r.res?.status ?? 'none'})`] };
  const tokenLifetime = seconds(body.expires_in);
  const keyLifetime = seconds(body.dpop_sk_expires_in);
  return {
    ...(tokenLifetime !== undefined ? { tokenLifetime } : {}),
    ...(keyLifetime !== undefined ? { keyLifetime } : {}),
    ...(tokenLifetime !== undefined && keyLifetime !== undefined
      ? { keyOutlivesToken: keyLifetime - tokenLifetime }
      : { notes: ['expires_in or dpop_sk_expires_in missing from the token response'] }),
  };
}

/**
 * RS: a Model A proof under a token naming the retired secret version of the fixed inputs
 * (vectors/inputs.json), after a control under the active one; when the retired version is
 * accepted, for how long after its token's iat (tokens minted older and older, no waiting).
 */
async function rsRetiredVersion(p: Prober): Promise<SkProfile> {
  const secrets = loadInputs().shared_secrets;
  const retired = secrets.find((s) => s.status === 'retired')?.version;
  if (!retired) return { notes: ['the fixed inputs have no retired secret version'] };
  const control = await p.send({ mint: { sk: {} } });
  if (!control.accepted)
    return {
      notes: [
        `a Model A proof under the active secret version was not accepted (status ${control.res?.status ?? 'none'})`,
      ],
    };
  // A token issued `age` seconds ago (iat moved back), still within its exp, naming the retired version.
  const underRetired = async (age: number) =>
    (
      await p.send({
        mint: {
          expires_in: age + 300,
          claims: { iat: p.serverNow() - age },
          sk: { version: retired, expires_in: age + 300 },
        },
      })
    ).accepted;
  const retiredAccepted = await underRetired(0);
  if (!retiredAccepted) return { retiredAccepted };
  const retiredFor = await largestAccepted(underRetired, { first: 60, max: RETIRED_PROBE_MAX, resolution: 60 });
  return { retiredAccepted, retiredFor };
}

/** DPoP-SK (where the side declares dpop-sk): the AS's key lifetime against its token's; the RS's handling of a retired secret version. */
export async function measureSk(p: Prober): Promise<SkProfile> {
  if (!p.env.features.has('dpop-sk')) return { notes: ['dpop-sk not declared'] };
  return p.side === 'as' ? asKeyLifetimes(p) : rsRetiredVersion(p);
}
