import { setTimeout as sleep } from 'node:timers/promises';
import type { WaitStep } from '../../suite/types.js';
import { TransportError } from '../../http/send.js';
import type { CaseContext } from '../case-state.js';
import { CaseSetupError } from '../case-errors.js';
import type { StepOutcome } from './outcome.js';

/** Seconds a wait step adds to the declared lifetime (whole-second expiry on both clocks). */
export const WAIT_MARGIN_SECONDS = 2;
/** The longest a wait step waits, whatever the target declares. */
export const MAX_WAIT_SECONDS = 300;

/**
 * Waits out a lifetime the target declares (a Model B ticket's: rs.ticket_lifetime, DPoP-SK
 * §6 step 4), plus a margin, bounded by MAX_WAIT_SECONDS; the run's deadline (--deadline)
 * ends it early, as it ends an exchange. No HTTP. Against the bundled mocks it moves their
 * clock forward instead of sleeping.
 */
export async function waitStep(ctx: CaseContext, step: WaitStep): Promise<StepOutcome> {
  const lifetime = step.for === 'ticket_lifetime' ? ctx.env.ticketLifetime : undefined;
  if (lifetime === undefined) throw new CaseSetupError(`the target declares no ${step.for}`);
  const seconds = Math.min(lifetime + WAIT_MARGIN_SECONDS, MAX_WAIT_SECONDS);
  if (ctx.env.advanceClock) {
    ctx.env.advanceClock(seconds);
    return {};
  }
  const stop = ctx.env.send.stop;
  try {
    await sleep(seconds * 1000, undefined, stop ? { signal: stop } : {});
  } catch (e) {
    if (stop?.aborted)
      throw new TransportError('ERR_TARGET_TIMEOUT', `waiting ${seconds} s: stopped, the run's deadline passed`);
    throw e;
  }
  return {};
}
