import type { Prober } from './prober.js';
import { largestAccepted } from './search.js';
import type { SideProfile } from './types.js';

/** The longest iat offset probed, seconds (a day): beyond it the window is reported as "at least". */
export const IAT_PROBE_MAX = 86_400;
/** The iat window is bracketed to this many seconds: ±2 s around the bracket's middle. */
export const IAT_RESOLUTION = 4;

/**
 * The iat window (RFC 9449 §11.1 leaves it to the server): how far in the past and in the
 * future a proof's iat may lie, each by doubling from 16 s then bisection (about 2·log2 of the
 * window over 4 s requests), the two directions at once.
 */
export async function measureIatWindow(p: Prober): Promise<NonNullable<SideProfile['iatWindow']>> {
  const o = { first: 16, max: IAT_PROBE_MAX, resolution: IAT_RESOLUTION };
  const [past, future] = await Promise.all([
    largestAccepted(async (d) => (await p.send({ iatShift: -d })).accepted, o),
    largestAccepted(async (d) => (await p.send({ iatShift: d })).accepted, o),
  ]);
  return { past, future };
}
