import type { Prober } from './prober.js';
import { largestAccepted } from './search.js';
import type { Bound } from './types.js';

/** The most padding probed (characters in a claim); about 87,000 characters of proof. */
export const PAD_PROBE_MAX = 65_536;
/** Padding is bisected to this many characters (64 characters of proof). */
const PAD_RESOLUTION = 48;

/**
 * The largest proof accepted: a valid proof with a `pad` claim of n characters, n by
 * doubling from 4096 then bisection. Reported in characters of the DPoP header sent; a
 * refusal of any kind (an error, a 431, a closed connection) counts as refused.
 */
export async function measureProofSize(p: Prober): Promise<Bound> {
  const lengths = new Map<number, number>([[0, (await p.send({})).proofLength]]);
  const pad = await largestAccepted(
    async (n) => {
      const r = await p.send({ pad: n });
      lengths.set(n, r.proofLength);
      return r.accepted;
    },
    { first: 4096, max: PAD_PROBE_MAX, resolution: PAD_RESOLUTION },
  );
  return {
    min: lengths.get(pad.min)!,
    ...(pad.max !== undefined ? { max: lengths.get(pad.max)! } : {}),
    ...(pad.stoppedBy ? { stoppedBy: pad.stoppedBy } : {}),
  };
}
