import { Redactor } from '../http/redact.js';
import { TransportError } from '../http/send.js';
import type { Case, Expectation } from '../suite/types.js';
import type { RunEnv } from '../target/env.js';
import { CaseContext } from './case-state.js';
import type { Exchange } from './transcript.js';
import { evaluate, type Assertion } from './expect.js';
import { CaseSetupError, TargetFailure } from './case-errors.js';
import { mintStep } from './steps/mint.js';
import type { StepOutcome } from './steps/outcome.js';
import { requestStep } from './steps/request.js';
import { tokenStep } from './steps/token.js';
import { TemplateError } from './template.js';
import { serverSaid } from './server-said.js';

export type CaseStatus = 'pass' | 'fail' | 'error' | 'skipped' | 'expected-fail';

export interface CaseResult {
  id: string;
  title: string;
  suite: string;
  file: string;
  line: number;
  target: string;
  profile: string;
  level: string;
  ref: string;
  quote?: string;
  tags: string[];
  mutation?: string;
  status: CaseStatus;
  /** One sentence: why it did not pass (or what was skipped). */
  reason?: string;
  durationMs: number;
  assertions: Assertion[];
  transcript: Exchange[];
  environment?: string;
}

function runStep(ctx: CaseContext, step: Case['steps'][number]): Promise<StepOutcome> {
  if ('token' in step) return tokenStep(ctx, step.token);
  if ('request' in step) return requestStep(ctx, step.request);
  return mintStep(ctx, step.mint_token);
}

function expectationOf(step: Case['steps'][number]): Expectation | undefined {
  return 'mint_token' in step ? undefined : Object.values(step)[0].expect;
}

export function resultBase(c: Case): Omit<CaseResult, 'status' | 'durationMs' | 'assertions' | 'transcript'> {
  return {
    id: c.id,
    title: c.title,
    suite: c.suite,
    file: c.file,
    line: c.line,
    target: c.target,
    profile: c.profile,
    level: c.level,
    ref: c.ref,
    quote: c.quote,
    tags: c.tags,
    mutation: c.mutation,
  };
}

/** Runs one case: its steps in order, each response judged as it arrives; stops at the first failing step. */
export async function runCase(c: Case, env: RunEnv, redactor = new Redactor()): Promise<CaseResult> {
  const started = performance.now();
  const ctx = new CaseContext(c, env, redactor);
  const assertions: Assertion[] = [];
  const finish = (status: CaseStatus, reason?: string): CaseResult => ({
    ...resultBase(c),
    status,
    ...(reason ? { reason: redactor.text(reason) } : {}),
    durationMs: Math.round(performance.now() - started),
    assertions: redactor.value(assertions),
    transcript: ctx.transcript,
    environment: env.label,
  });
  try {
    for (const [i, step] of c.steps.entries()) {
      ctx.stepIndex = i;
      const outcome = await runStep(ctx, step);
      const last = i === c.steps.length - 1;
      const expectation = {
        ...(outcome.defaultExpect ?? {}),
        ...(expectationOf(step) ?? {}),
        ...(last ? (c.expect ?? {}) : {}),
      };
      const results = await evaluate(ctx, outcome, expectation);
      assertions.push(...results);
      const failed = results.find((a) => !a.ok);
      if (failed) {
        const kind = Object.keys(step)[0];
        const where = last ? '' : ` (step ${i + 1}, ${kind}, before the step under test)`;
        const said = serverSaid(outcome.res);
        const own = !last && said ? `; ${said}` : '';
        return finish('fail', `${failed.what}: expected ${failed.expected}, got ${failed.actual}${where}${own}`);
      }
    }
    return finish('pass');
  } catch (e) {
    if (e instanceof TargetFailure) return finish('fail', `step ${ctx.stepIndex + 1}: ${e.message}`);
    if (e instanceof TransportError || e instanceof CaseSetupError || e instanceof TemplateError)
      return finish('error', `step ${ctx.stepIndex + 1}: ${e.message}`);
    return finish('error', `step ${ctx.stepIndex + 1}: unexpected ${(e as Error).name}: ${(e as Error).message}`);
  }
}
