import { send, type HttpRequest, type HttpResponse } from '../../http/send.js';
import type { RotateStep } from '../../suite/types.js';
import type { RotationSupport } from '../../target/env.js';
import { CaseSetupError } from '../case-errors.js';
import type { CaseContext } from '../case-state.js';
import type { StepOutcome } from './outcome.js';
import { requestStep } from './request.js';

/** The longest grace period of the bundled mocks a rotate step waits out. */
const MAX_MOCK_GRACE_MS = 5_000;
/** Added to the mock's grace period, for its timer to have fired. */
const GRACE_MARGIN_MS = 50;

/** Waits ms milliseconds, or less if the run is stopped (--deadline). */
function pause(ms: number, stop?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      stop?.removeEventListener('abort', done);
      resolve();
    }
    stop?.addEventListener('abort', done, { once: true });
  });
}

/** The bundled mocks: POST /admin/rotate, then end the grace period it names (in-process) or wait it out (bounded). */
async function rotateMock(
  ctx: CaseContext,
  r: Extract<RotationSupport, { kind: 'mock' }>,
  step: RotateStep,
): Promise<StepOutcome> {
  const req: HttpRequest = {
    method: 'POST',
    url: `${r.adminOrigin}/admin/rotate`,
    headers: [['content-type', 'application/json']],
    body: JSON.stringify({ what: step.what }),
  };
  let res: HttpResponse;
  try {
    res = await send(req, ctx.env.send);
  } catch (e) {
    ctx.record('rotate', req, undefined, (e as Error).message);
    throw e;
  }
  ctx.record('rotate', req, res);
  const grace = (res.json as { grace_ms?: unknown } | undefined)?.grace_ms;
  if (res.status === 200 && typeof grace === 'number' && grace > 0) {
    if (r.endGrace) r.endGrace();
    else await pause(Math.min(grace, MAX_MOCK_GRACE_MS) + GRACE_MARGIN_MS, ctx.env.send.stop);
  }
  return { res, defaultExpect: { status: 200 } };
}

const accepted = (res: HttpResponse | undefined) => res !== undefined && res.status >= 200 && res.status < 300;

/**
 * A vendor's RS: repeats a valid request with the probe capture (a symmetric proof when it
 * holds an SK) until the RS refuses it, at most maxWait seconds. Only the first and the last
 * of the repeated exchanges stay in the transcript.
 */
async function awaitVendorRotation(
  ctx: CaseContext,
  r: Extract<RotationSupport, { kind: 'wait' }>,
  step: RotateStep,
): Promise<StepOutcome> {
  const saved = step.probe ? ctx.saved[step.probe] : ctx.current;
  if (!saved?.token)
    throw new CaseSetupError(`rotate: no token to probe with${step.probe ? ` ("${step.probe}")` : ''}`);
  const current = ctx.current;
  const deadline = Date.now() + 1000 * r.maxWait;
  const kept = ctx.transcript.length + 1;
  try {
    ctx.current = saved;
    for (;;) {
      if (ctx.transcript.length > kept) ctx.transcript.splice(kept, ctx.transcript.length - kept);
      const outcome = await requestStep(ctx, { proof: saved.sk ? { symmetric: true } : {} });
      if (!accepted(outcome.res)) return { res: outcome.res };
      const left = deadline - Date.now();
      if (left <= 0 || ctx.env.send.stop?.aborted)
        throw new CaseSetupError(
          `rotate ${step.what}: the RS still accepted the probe after ${r.maxWait} s (rs.rotation.max_wait): no rotation seen`,
        );
      await pause(Math.min(1000 * r.pollInterval, left), ctx.env.send.stop);
    }
  } finally {
    ctx.current = current;
  }
}

/** A key rotation at the RS of the run (DPoP-SK §5 step 4, §6 step 4): asked of the bundled mocks, awaited from a vendor. */
export async function rotateStep(ctx: CaseContext, step: RotateStep): Promise<StepOutcome> {
  const r = ctx.env.rotation;
  if (!r) throw new CaseSetupError('rotate: this target offers no key rotation');
  return r.kind === 'mock' ? rotateMock(ctx, r, step) : awaitVendorRotation(ctx, r, step);
}
