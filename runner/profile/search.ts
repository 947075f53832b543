import type { Bound } from './types.js';
import type { ProfileTime } from './profile-time.js';

/**
 * The largest value at which `accepts` holds, for a monotone `accepts` (true up to some
 * value, false above): doubling from `first` up to `max`, then bisection until the bracket
 * is at most `resolution` wide. `accepts(0)` is taken as true. At most about
 * 2·log2(max/resolution) calls.
 */
export async function largestAccepted(
  accepts: (v: number) => Promise<boolean>,
  o: { first: number; max: number; resolution: number },
): Promise<Bound> {
  let lo = 0;
  let hi: number | undefined;
  for (let v = o.first; ; v = Math.min(2 * v, o.max)) {
    if (await accepts(v)) lo = v;
    else {
      hi = v;
      break;
    }
    if (v >= o.max) return { min: lo, stoppedBy: `accepted at the probe's limit (${o.max})` };
  }
  while (hi - lo > o.resolution) {
    const mid = Math.floor((lo + hi) / 2);
    if (await accepts(mid)) lo = mid;
    else hi = mid;
  }
  return { min: lo, max: hi };
}

/** Most tests one lifetime() makes after its doubling (a bound when the answers are not monotone). */
const MAX_BISECTIONS = 40;

/**
 * How long something lives (a remembered jti, a nonce) after `base`, moving only forwards
 * in time: `alive()` tests it now; when it finds it dead it returns when the thing the next
 * test uses was made (a replay that was accepted is recorded anew, now; a refused nonce
 * comes with a newer one, first seen then), and the next test counts from there. Each test
 * counts the age it actually ran at. Doubling from `first` seconds (1 when waiting for real) up to `max`, then bisection to
 * `resolution`. Stops with a lower bound when the time budget ends.
 */
export async function lifetime(
  time: ProfileTime,
  base: number,
  alive: () => Promise<true | number>,
  o: { first: number; max: number; resolution: number },
): Promise<Bound> {
  let lo = 0;
  let hi = Infinity;
  const at = async (t: number): Promise<boolean | undefined> => {
    if (!(await time.advanceTo(base + t))) return undefined;
    const age = time.now() - base;
    const r = await alive();
    // Ages to a tenth of a second, rounded outwards (a real clock's are fractional).
    if (r === true) lo = Math.max(lo, Math.floor(age * 10) / 10);
    else {
      hi = Math.min(hi, Math.ceil(age * 10) / 10);
      base = r;
    }
    return r === true;
  };
  const budget = 'the time budget (--profile-wait) ran out';
  if (time.kind === 'wall-clock' && time.budgetSeconds === 0)
    return { min: lo, stoppedBy: 'not measured: --profile-wait 0 allows no time probe' };
  // Against a real clock every second is waited for: start small.
  for (let t = time.kind === 'mock-clock' ? o.first : 1; hi === Infinity; t = Math.min(2 * t, o.max)) {
    const yes = await at(t);
    if (yes === undefined) return { min: lo, stoppedBy: budget };
    if (yes && t >= o.max) return { min: lo, stoppedBy: `still alive at the probe's limit (${o.max} s)` };
  }
  for (let i = 0; hi - lo > o.resolution && i < MAX_BISECTIONS; i++) {
    if ((await at(Math.floor((lo + hi) / 2))) === undefined) return { min: lo, max: hi, stoppedBy: budget };
  }
  return { min: lo, max: hi };
}
