import { Redactor } from '../http/redact.js';
import type { Case } from '../suite/types.js';
import type { RunPlan } from '../target/env.js';
import { resultBase, runCase, type CaseResult } from './run-case.js';

export interface RunOptions {
  concurrency: number;
  /** Called as each case finishes (progress lines). */
  onResult?: (r: CaseResult) => void;
}

/** Runs cases against a plan, `concurrency` at a time; results come back in case order. */
export async function runCases(cases: Case[], plan: RunPlan, o: RunOptions): Promise<CaseResult[]> {
  const redactor = new Redactor();
  for (const s of plan.secrets) redactor.add(s);
  for (const [real, shown] of plan.shown ?? []) redactor.addShown(real, shown);
  const results: CaseResult[] = new Array<CaseResult>(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      const env = plan.envFor(c);
      const r =
        'skip' in env
          ? {
              ...resultBase(c),
              status: 'skipped' as const,
              reason: env.skip,
              durationMs: 0,
              assertions: [],
              transcript: [],
            }
          : await runCase(c, env, redactor);
      results[i] = r;
      o.onResult?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, cases.length)) }, worker));
  return results;
}
