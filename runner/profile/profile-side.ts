import type { SendOptions } from '../http/send.js';
import { estimateSkew, probeServerDate } from '../target/clock-skew.js';
import type { RunEnv } from '../target/env.js';
import { measureAlgorithms } from './measure-algs.js';
import { measureIatWindow } from './measure-iat.js';
import { measureNonces } from './measure-nonce.js';
import { jtiMemory, measureReplayScope } from './measure-replay.js';
import { measureProofSize } from './measure-size.js';
import { measureSk } from './measure-sk.js';
import { ProfileStopped, Prober } from './prober.js';
import type { ProfileTime } from './profile-time.js';
import { isMeasured, notMeasured, type NotMeasured, type SideProfile } from './types.js';

/** Most requests one side's profile sends (about 120 against the mocks). */
export const MAX_SIDE_REQUESTS = 400;

/** An item's measure, or why it was not measured when the side's probing stopped (budget, a refusal it cannot work round). */
async function item<T>(measure: () => Promise<T>): Promise<T | NotMeasured> {
  try {
    return await measure();
  } catch (e) {
    if (e instanceof ProfileStopped) return notMeasured(e.message);
    throw e;
  }
}

/**
 * One side's profile: its clock skew (Date header), then — once a valid request is
 * accepted — algorithms, the iat window, the largest proof, the replay scope and DPoP-SK
 * where declared, all at once (each a chain of single requests); then, one at a time, the
 * probes that move `time`: nonces and the jti memory.
 */
export async function profileSide(
  side: 'as' | 'rs',
  env: RunEnv,
  time: ProfileTime,
  o: SendOptions,
): Promise<SideProfile> {
  const started = Date.now();
  const p = new Prober(side, env, time, o, MAX_SIDE_REQUESTS);
  const out: SideProfile = { side, label: env.label, url: p.url, requests: 0, ms: 0 };
  const date = await probeServerDate(side === 'as' ? env.as.issuer : env.rs.resource, o);
  p.requests++;
  const skew = date ? estimateSkew(date) : undefined;
  out.clockSkew = skew ?? notMeasured('no Date header that parses');
  const baseline = await p.send({});
  if (!baseline.accepted) {
    out.notMeasured = `a valid request was not accepted (${baseline.failed ?? `status ${baseline.res?.status}`})`;
  } else {
    // What moves no time, at once; then nonces (while the first is fresh) and the jti memory, which move it.
    [out.algorithms, out.iatWindow, out.proofSize, out.replay, out.dpopSk] = await Promise.all([
      item(() => measureAlgorithms(p)),
      item(() => measureIatWindow(p)),
      item(() => measureProofSize(p)),
      item(() => measureReplayScope(p)),
      env.features.has('dpop-sk') ? item(() => measureSk(p)) : undefined,
    ]);
    out.nonce = await item(() => measureNonces(p));
    if (isMeasured(out.replay))
      out.replay.memory =
        out.replay.exact === 'accepted' ? notMeasured('the exact replay was accepted') : await item(() => jtiMemory(p));
  }
  out.requests = p.requests;
  out.ms = Date.now() - started;
  return out;
}
