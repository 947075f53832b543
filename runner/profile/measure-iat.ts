import type { Prober } from './prober.js';
import { largestAccepted } from './search.js';
import type { SideProfile } from './types.js';

/** The longest iat offset probed, seconds (a day): beyond it the window is reported as "at least". */
export const IAT_PROBE_MAX = 86_400;
/** The iat window is bracketed to this many seconds. */
export const IAT_RESOLUTION = 2;

/**
 * The iat window (RFC 9449 §11.1 leaves it to the server): how far in the past and in the
 * future a proof's iat may lie, each by doubling then bisection (about 2·log2 of the
 * window over 2 s requests).
 */
export async function measureIatWindow(p: Prober): Promise<NonNullable<SideProfile['iatWindow']>> {
  const o = { first: 1, max: IAT_PROBE_MAX, resolution: IAT_RESOLUTION };
  const past = await largestAccepted(async (d) => (await p.send({ iatShift: -d })).accepted, o);
  const future = await largestAccepted(async (d) => (await p.send({ iatShift: d })).accepted, o);
  return { past, future };
}
