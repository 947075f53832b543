import { send } from '../../http/send.js';
import type { RawStep } from '../../suite/types.js';
import type { CaseContext } from '../case-state.js';
import { fill } from '../template.js';
import type { StepOutcome } from './outcome.js';

/** A request exactly as written (templates filled), for what the other steps cannot say. */
export async function rawStep(ctx: CaseContext, step: RawStep): Promise<StepOutcome> {
  const scope = ctx.scope();
  const req = {
    method: step.method, url: fill(step.url, scope),
    headers: Object.entries(step.headers ?? {}).map(([k, v]) => [k, fill(v, scope)] as [string, string]),
    body: step.body !== undefined ? fill(step.body, scope) : undefined,
  };
  try {
    const res = await send(req, ctx.env.send);
    ctx.record('raw', req, res);
    if (step.save_as) ctx.saved[step.save_as] = { ...ctx.current, response: res };
    return { res };
  } catch (e) {
    ctx.record('raw', req, undefined, (e as Error).message);
    throw e;
  }
}
