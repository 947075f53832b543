import { ProfileStopped, type Prober } from './prober.js';
import { lifetime } from './search.js';
import { notMeasured, type NonceProfile } from './types.js';

export const NONCE_LIFETIME_MAX = 3_600;
export const NONCE_RESOLUTION = 2;

/** Whether a nonce reappears after a different one was handed out (A, B, A). */
const repeats = (order: string[]) => order.some((n, i) => order.indexOf(n) < i);

/**
 * Nonces (RFC 9449 §8, §9), where the side hands them out: whether each answer brings a
 * new one, how long one is accepted after it was first seen, whether it is still accepted
 * once a newer one was handed out, and whether nonces repeat. The lifetime moves forwards
 * only: a refused nonce's challenge brings the fresh one the next test counts from.
 */
export async function measureNonces(p: Prober): Promise<NonceProfile> {
  if (!p.latestNonce) return { issued: false };
  const before = p.latestNonce;
  await p.send({});
  const next = p.latestNonce;
  const newPerAnswer = next !== before;
  let nonce: string = p.latestNonce ?? before;
  let previousAccepted: boolean | undefined;
  /** Moves on to the latest nonce: the next test counts from when it was first seen. */
  const newer = (status: number | undefined): number => {
    if (!p.latestNonce || p.latestNonce === nonce)
      throw new ProfileStopped(`a nonce was refused without a new one (status ${status ?? 'none'})`);
    nonce = p.latestNonce;
    return p.firstSeen(nonce);
  };
  const alive = async (): Promise<true | number> => {
    const r = await p.send({ nonce });
    if (!r.accepted) return newer(r.res?.status);
    if (previousAccepted === undefined && p.latestNonce !== nonce) {
      // A newer nonce was just handed out: is this one still accepted?
      const again = await p.send({ nonce });
      previousAccepted = again.accepted;
      if (!again.accepted) return newer(again.res?.status);
    }
    return true;
  };
  let measured: NonceProfile['lifetime'];
  try {
    measured = await lifetime(p.time, p.firstSeen(nonce), alive, {
      first: 16,
      max: NONCE_LIFETIME_MAX,
      resolution: NONCE_RESOLUTION,
    });
  } catch (e) {
    if (!(e instanceof ProfileStopped)) throw e;
    measured = notMeasured(e.message);
  }
  return {
    issued: true,
    newPerAnswer,
    lifetime: measured,
    ...(previousAccepted !== undefined ? { previousAccepted } : {}),
    repeated: repeats(p.nonceOrder),
    distinct: new Set(p.nonceOrder).size,
  };
}
