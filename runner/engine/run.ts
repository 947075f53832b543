import { Redactor } from '../http/redact.js';
import type { Case } from '../suite/types.js';
import type { Stances } from '../suite/stances.js';
import type { RunEnv, RunPlan } from '../target/env.js';
import { unreachableCause } from '../target/reachability.js';
import { resultBase, runCase, type CaseResult } from './run-case.js';

/** What the console needs to know of a result beyond the result itself. */
export interface ResultInfo {
  /** The case is for a side that is not under test (it is `skipped`). */
  notApplicable: boolean;
}

export interface RunOptions {
  concurrency: number;
  /** Called as each case finishes (progress lines). */
  onResult?: (r: CaseResult, info: ResultInfo) => void;
  /**
   * Aborted when the run's deadline passes (--deadline): exchanges in flight end (the
   * plan's SendOptions carry the same signal), and every case not yet run is `error`.
   */
  deadline?: { signal: AbortSignal; seconds: number };
  /** The readings the run requires where readings differ (--stance NAME=VALUE); none: either passes. */
  stances?: Stances;
}

const notRun = (c: Case, reason: string): CaseResult => ({
  ...resultBase(c),
  status: 'error',
  reason,
  durationMs: 0,
  assertions: [],
  transcript: [],
});

/**
 * Runs cases against a plan, `concurrency` at a time; results come back in case order.
 * The run stops early, every case not yet started then `error` (and counted), when the
 * deadline passes or when the target is gone: after a case errors, the party under test
 * is asked once more (RunEnv.probeUrl), and if it no longer answers the run stops with
 * "target unreachable".
 */
export async function runCases(cases: Case[], plan: RunPlan, o: RunOptions): Promise<CaseResult[]> {
  const redactor = new Redactor();
  for (const s of plan.secrets) redactor.add(s);
  for (const [real, shown] of plan.shown ?? []) redactor.addShown(real, shown);
  const results = new Array<CaseResult>(cases.length);
  let stopped: string | undefined;
  const deadlineReason = () => `not run: the run's deadline (--deadline ${o.deadline?.seconds} s) passed`;
  const checkTarget = async (env: RunEnv) => {
    if (stopped || !env.probeUrl) return;
    const cause = await unreachableCause(env.probeUrl, env.send);
    if (cause && !stopped) stopped = `not run: target unreachable (${cause})`;
  };
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      const env = plan.envFor(c);
      if (o.deadline?.signal.aborted) stopped ??= deadlineReason();
      let r: CaseResult;
      if ('skip' in env)
        r = {
          ...resultBase(c),
          status: 'skipped' as const,
          reason: env.skip,
          durationMs: 0,
          assertions: [],
          transcript: [],
        };
      else if (stopped) r = notRun(c, stopped);
      else {
        r = await runCase(c, env, redactor, o.stances);
        if (r.status === 'error' && !o.deadline?.signal.aborted) await checkTarget(env);
      }
      results[i] = r;
      o.onResult?.(r, { notApplicable: 'skip' in env && !!env.notApplicable });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, cases.length)) }, worker));
  return results;
}
