import { cutString, REPORT_BOUNDS } from '../http/bound-json.js';
import { Redactor } from '../http/redact.js';
import { TransportError } from '../http/send.js';
import type { Case, Expectation, Side } from '../suite/types.js';
import { rotates, type RunEnv } from '../target/env.js';
import { CaseContext } from './case-state.js';
import type { Exchange } from './transcript.js';
import { evaluate, type Assertion } from './expect.js';
import { CaseSetupError, TargetFailure } from './case-errors.js';
import { mintStep } from './steps/mint.js';
import type { StepOutcome } from './steps/outcome.js';
import { requestStep } from './steps/request.js';
import { rotateStep } from './steps/rotate.js';
import { tokenStep } from './steps/token.js';
import { metadataStep } from './steps/metadata.js';
import { waitStep } from './steps/wait.js';
import { introspectStep } from './steps/introspect.js';
import { parStep } from './steps/par.js';
import { TemplateError } from './template.js';
import { serverSaid } from './server-said.js';
import { advertisedAlgs } from './advertised-algs.js';
import type { Stances } from '../suite/stances.js';

/**
 * not-exhibited: the case tests behaviour the text makes optional (or needs a precondition),
 * and the server does not show it; never a failure, never gating.
 */
export type CaseStatus = 'pass' | 'fail' | 'error' | 'skipped' | 'expected-fail' | 'not-exhibited';

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
  if ('rotate' in step) return rotateStep(ctx, step.rotate);
  if ('metadata' in step) return metadataStep(ctx, step.metadata);
  if ('wait' in step) return waitStep(ctx, step.wait);
  if ('introspect' in step) return introspectStep(ctx, step.introspect);
  if ('par' in step) return parStep(ctx, step.par);
  return mintStep(ctx, step.mint_token);
}

/** The server a step talks to; undefined for a step that talks to none (mint_token, wait). */
function serverOf(step: Case['steps'][number]): 'as' | 'rs' | undefined {
  if ('token' in step || 'par' in step || 'metadata' in step || 'introspect' in step) return 'as';
  if ('request' in step || 'rotate' in step) return 'rs';
  return undefined;
}

function expectationOf(step: Case['steps'][number]): Expectation | undefined {
  if ('token' in step) return step.token.expect;
  if ('request' in step) return step.request.expect;
  if ('metadata' in step) return step.metadata.expect;
  if ('introspect' in step) return step.introspect.expect;
  if ('par' in step) return step.par.expect;
  return undefined;
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

/** What a refusal of the party under test looks like where no code is named. */
function refusal(side: Side): Expectation {
  return side === 'as' ? { status: [400, 401], checks: ['token-error-response'] } : { status: [400, 401] };
}

const isRefusal = (side: Side, status: number) => status === 400 || status === 401 || (side === 'as' && status === 403);

/**
 * The expectation of a case that depends on an optional algorithm, chosen from what the
 * server advertises: advertised → the case's own; not advertised → a refusal; no list →
 * the case's own, a refusal ending it not-exhibited.
 */
async function algChoice(
  ctx: CaseContext,
  alg: string,
): Promise<{ mode: 'expect' | 'refuse' | 'either'; assertion: Assertion }> {
  const adv = await advertisedAlgs(ctx);
  const mode = !adv.algs ? 'either' : adv.algs.includes(alg) ? 'expect' : 'refuse';
  const expected = {
    expect: `${alg} works (advertised)`,
    refuse: `${alg} refused (not advertised)`,
    either: `${alg} works, or is refused (nothing advertised: not-exhibited)`,
  }[mode];
  return {
    mode,
    assertion: {
      step: 0,
      what: 'advertised algorithms',
      ok: true,
      expected,
      actual: adv.algs ? `${adv.source}: ${adv.algs.join(' ')}` : `${adv.source}: none advertised`,
      ref: 'RFC 9449 §4.3 check 5, §5.1, §7.1',
    },
  };
}

/**
 * The last step of a case with a stance (readings of the text that differ): each reading
 * judged; the first that holds is the one the server takes. Without a required stance
 * either reading passes; with one (--stance NAME=VALUE) only that one does.
 */
async function judgeStance(
  ctx: CaseContext,
  outcome: StepOutcome,
  base: Expectation,
  stance: NonNullable<Case['stance']>,
  required: string | undefined,
): Promise<{ ok: boolean; reason: string; assertions: Assertion[] }> {
  const readings = Object.entries<Expectation>(stance.readings);
  let taken: { name: string; results: Assertion[] } | undefined;
  const tried: string[] = [];
  for (const [name, reading] of readings) {
    const results = await evaluate(ctx, outcome, { ...base, ...reading });
    const missing = results.find((a) => !a.ok);
    if (!missing && results.length) {
      taken = { name, results };
      break;
    }
    tried.push(
      missing
        ? `${name}: ${missing.what}: expected ${missing.expected}, got ${missing.actual}`
        : `${name}: no response`,
    );
  }
  const all = readings.map(([n]) => n).join(' or ');
  const flag = required ? ` (--stance ${stance.name}=${required})` : '';
  const record: Assertion = {
    step: ctx.stepIndex + 1,
    what: `stance ${stance.name}`,
    ok: taken !== undefined && (!required || taken.name === required),
    expected: required ? `the ${required} reading${flag}` : `the ${all} reading`,
    actual: taken ? `the ${taken.name} reading` : 'neither reading',
    ref: 'docs/targets.md, --stance',
  };
  const assertions = [...(taken?.results ?? []), record];
  if (!taken)
    return {
      ok: false,
      reason: `the response fits neither reading of ${stance.name}: ${tried.join('; ')}`,
      assertions,
    };
  if (required && taken.name !== required)
    return {
      ok: false,
      reason: `stance ${stance.name}: the server takes the ${taken.name} reading; the run requires ${required}${flag}`,
      assertions,
    };
  return {
    ok: true,
    reason: `stance ${stance.name}: the server takes the ${taken.name} reading${required ? `, as the run requires${flag}` : ' (either conforms; --stance requires one)'}`,
    assertions,
  };
}

/**
 * Runs one case: its steps in order, each response judged as it arrives; stops at the first
 * failing step. What the case learns (SKs, issued tokens) goes to a redactor of its own.
 * `stances`: the readings the run requires (--stance), for cases with a stance.
 */
export async function runCase(
  c: Case,
  env: RunEnv,
  runRedactor = new Redactor(),
  stances: Stances = {},
): Promise<CaseResult> {
  // A rotation at the bundled mocks changes what every case there sees: those cases run one at a time.
  const r = env.rotation;
  if (r?.kind === 'mock' && rotates(c)) return r.serial(() => runOneCase(c, env, runRedactor, stances));
  return runOneCase(c, env, runRedactor, stances);
}

async function runOneCase(c: Case, env: RunEnv, runRedactor: Redactor, stances: Stances): Promise<CaseResult> {
  const started = performance.now();
  const redactor = runRedactor.child({ hideIssuedTokens: env.hideIssuedTokens });
  const ctx = new CaseContext(c, env, redactor);
  const assertions: Assertion[] = [];
  const finish = (status: CaseStatus, reason?: string): CaseResult => ({
    ...resultBase(c),
    status,
    ...(reason ? { reason: cutString(redactor.text(reason), REPORT_BOUNDS.maxString) } : {}),
    durationMs: Math.round(performance.now() - started),
    assertions: redactor.value(assertions),
    transcript: ctx.transcript,
    environment: redactor.text(env.label),
  });
  try {
    const alg = c.optional_alg ? await algChoice(ctx, c.optional_alg) : undefined;
    if (alg) assertions.push(alg.assertion);
    for (const [i, step] of c.steps.entries()) {
      ctx.stepIndex = i;
      const outcome = await runStep(ctx, step);
      const last = i === c.steps.length - 1;
      let expectation: Expectation = {
        ...(outcome.defaultExpect ?? {}),
        ...(expectationOf(step) ?? {}),
        ...(last ? (c.expect ?? {}) : {}),
      };
      const side = c.target !== 'both' ? c.target : (serverOf(step) ?? 'rs');
      if (last && alg?.mode === 'refuse') expectation = refusal(side);
      if (last && alg?.mode === 'either' && outcome.res && isRefusal(side, outcome.res.status))
        return finish(
          'not-exhibited',
          `the server refused ${c.optional_alg} (status ${outcome.res.status}) and advertises no list of algorithms: it does not support this optional algorithm`,
        );
      if (last && c.exhibited) {
        const shown = await evaluate(ctx, outcome, c.exhibited);
        const missing = shown.find((a) => !a.ok);
        if (missing) {
          assertions.push(...shown.map((a) => ({ ...a, what: `exhibited: ${a.what}` })));
          return finish(
            'not-exhibited',
            `the server does not exhibit this optional behaviour: ${missing.what}: expected ${missing.expected}, got ${missing.actual}`,
          );
        }
      }
      if (last && c.stance) {
        const judged = await judgeStance(ctx, outcome, expectation, c.stance, stances[c.stance.name]);
        assertions.push(...judged.assertions);
        return finish(judged.ok ? 'pass' : 'fail', judged.reason);
      }
      const results = await evaluate(ctx, outcome, expectation);
      assertions.push(...results);
      const failed = results.find((a) => !a.ok);
      if (failed) {
        const kind = Object.keys(step)[0];
        const where = last ? '' : ` (step ${i + 1}, ${kind}, before the step under test)`;
        const said = serverSaid(outcome.res);
        const own = !last && said ? `; ${said}` : '';
        const reason = `${failed.what}: expected ${failed.expected}, got ${failed.actual}${where}${own}`;
        // A step before the one under test, at the server that is not under test (the bundled
        // other party, or a declared one): the case could not be set up; it says nothing of the
        // server under test.
        const server = serverOf(step);
        if (!last && server && c.target !== 'both' && server !== c.target)
          return finish('error', `the ${server.toUpperCase()}, not under test here, did not do its part: ${reason}`);
        return finish('fail', reason);
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
