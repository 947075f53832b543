import { startMocks } from '../../mocks/start.js';
import type { MockOptions } from '../../mocks/config.js';
import { Redactor } from '../http/redact.js';
import type { SendOptions } from '../http/send.js';
import type { RunEnv, RunPlan } from '../target/env.js';
import { MOCK_FEATURES, mockEnv } from '../target/plan-mocks.js';
import { profileSide } from './profile-side.js';
import { profileLines } from './profile-text.js';
import { MockTime, WallTime, type ProfileTime } from './profile-time.js';
import type { ServerProfile, SideProfile } from './types.js';

/** Default of --profile-wait: the most the time probes wait, in all, against a vendor's server. */
export const DEFAULT_PROFILE_WAIT = 10;

/** Sides one after the other (a vendor's: their time probes share one wait budget). */
async function profileSides(
  sides: { side: 'as' | 'rs'; env: RunEnv }[],
  time: ProfileTime,
  o: SendOptions,
): Promise<SideProfile[]> {
  const out: SideProfile[] = [];
  for (const { side, env } of sides) out.push(await profileSide(side, env, time, o));
  return out;
}

/**
 * The bundled mocks' profile: each side on a pair of its own (in nonce mode, so that
 * nonces are measured too; `options` as the mocks of the run, or others in tests), whose
 * clock its time probes move, so that neither the cases' mocks nor the other side is
 * touched and nothing waits. The two sides run at once.
 */
export async function profileBundledMocks(o: SendOptions, options: MockOptions = {}): Promise<ServerProfile> {
  const sides = await Promise.all(
    (['as', 'rs'] as const).map(async (side) => {
      const mocks = await startMocks({ nonce: true, ...options });
      try {
        const env = await mockEnv(mocks, 'bundled mocks (nonce mode)', [...MOCK_FEATURES, 'nonce'], o);
        return await profileSide(side, env, new MockTime(mocks.config.clock), o);
      } finally {
        await mocks.close();
      }
    }),
  );
  return { sides, time: 'mock-clock' };
}

/**
 * A vendor target's profile: each side under test (plan.envs), one after the other, the
 * time probes waiting for real at most `waitSeconds` in all. Strings are redacted with the
 * plan's secrets (URLs configured with one, say).
 */
export async function profilePlan(plan: RunPlan, o: SendOptions, waitSeconds: number): Promise<ServerProfile> {
  const sides = (['as', 'rs'] as const).flatMap((side) => {
    const env = plan.envs?.[side];
    return env ? [{ side, env }] : [];
  });
  const profile: ServerProfile = {
    sides: await profileSides(sides, new WallTime(waitSeconds, o.stop), o),
    time: 'wall-clock',
    waitBudget: waitSeconds,
  };
  const redactor = new Redactor();
  for (const s of plan.secrets) redactor.add(s);
  for (const [real, seen] of plan.shown ?? []) redactor.addShown(real, seen);
  return JSON.parse(JSON.stringify(profile), (_k, v: unknown) =>
    typeof v === 'string' ? redactor.text(v) : v,
  ) as ServerProfile;
}

/** A measured profile and its console lines, or a line saying why there is none. */
export interface Profiled {
  profile?: ServerProfile;
  lines: string[];
}

/** The profile and its lines; never throws: a profile that cannot be measured is a line, not a failed run. */
export async function measureProfile(measure: () => Promise<ServerProfile>): Promise<Profiled> {
  try {
    const profile = await measure();
    return { profile, lines: profileLines(profile) };
  } catch (e) {
    return { lines: [`server profile: not measured (${(e as Error).message})`] };
  }
}
