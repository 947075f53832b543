import { DEFAULT_CLIENT_KEY } from '../../base/fixed-inputs.js';
import { CHECKS } from '../checks/registry.js';
import type { CheckInput } from '../checks/types.js';
import { parseChallenge, parseChallenges } from '../../base/www-authenticate.js';
import { bodySchemaValidator } from '../suite/body-schema.js';
import type { Expectation } from '../suite/types.js';
import type { CaseContext } from './case-state.js';
import type { StepOutcome } from './steps/outcome.js';

/** One condition checked on a response (h2spec style: requirement, expected, actual). */
export interface Assertion {
  step: number;
  what: string;
  ok: boolean;
  expected: string;
  actual: string;
  requirement?: string;
  ref?: string;
}

const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
const oneOf = (xs: unknown[]) => (xs.length === 1 ? String(xs[0]) : `one of ${xs.join(', ')}`);

/** Checks a step's response against its expectation. */
export async function evaluate(ctx: CaseContext, outcome: StepOutcome, e: Expectation): Promise<Assertion[]> {
  const out: Assertion[] = [];
  const step = ctx.stepIndex + 1;
  const res = outcome.res;
  if (!res) return out;
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as Record<string, unknown>;
  const challenge = parseChallenge(res.headers['www-authenticate']);
  const add = (what: string, ok: boolean, expected: string, actual: string, extra: Partial<Assertion> = {}) =>
    out.push({ step, what, ok, expected, actual, ...extra });

  const statuses = list(e.status)?.map(Number);
  if (statuses)
    add(
      'status',
      statuses.includes(res.status),
      oneOf(statuses),
      `${res.status}${typeof body.error === 'string' ? ` (error ${body.error})` : ''}`,
    );
  const errors = list(e.error)?.map(String);
  if (errors) {
    const got = typeof body.error === 'string' ? body.error : challenge?.params.error;
    add(
      'error code',
      got !== undefined && errors.includes(got),
      oneOf(errors),
      got ?? 'no error code in the body or WWW-Authenticate',
    );
  }
  if (e.www_authenticate && !(e.www_authenticate.if_401 && res.status !== 401)) {
    const w = e.www_authenticate;
    const raw = res.headers['www-authenticate'];
    if (w.scheme)
      add(
        'WWW-Authenticate scheme',
        parseChallenges(raw).some((c) => c.scheme === w.scheme!.toLowerCase()),
        `a ${w.scheme} challenge`,
        raw ?? 'no WWW-Authenticate header',
      );
    if (w.challenge)
      add(
        'WWW-Authenticate challenge',
        parseChallenges(raw).length > 0,
        'at least one challenge',
        raw ?? 'no WWW-Authenticate header',
      );
    const werr = list(w.error)?.map(String);
    if (werr)
      add(
        'WWW-Authenticate error',
        challenge?.params.error !== undefined && werr.includes(challenge.params.error),
        oneOf(werr),
        raw ?? 'no WWW-Authenticate header',
      );
    if (w.no_error)
      add(
        'WWW-Authenticate without error',
        !!challenge && challenge.params.error === undefined,
        'a challenge with no error parameter',
        raw ?? 'no WWW-Authenticate header',
      );
    for (const p of w.has ?? [])
      add(
        `WWW-Authenticate ${p}=`,
        !!challenge?.params[p],
        `${/^[aeiou]/i.test(p) ? 'an' : 'a'} ${p} parameter`,
        raw ?? 'no WWW-Authenticate header',
      );
  }
  for (const [name, pattern] of Object.entries(e.headers ?? {})) {
    const v = res.headers[name.toLowerCase()];
    add(
      `header ${name}`,
      v !== undefined && new RegExp(pattern).test(v),
      pattern ? `present, matching /${pattern}/` : 'present',
      v ?? 'absent',
    );
  }
  for (const name of e.no_headers ?? [])
    add(
      `no header ${name}`,
      res.headers[name.toLowerCase()] === undefined,
      'absent',
      res.headers[name.toLowerCase()] ?? 'absent',
    );
  if (e.body_schema) {
    const v = bodySchemaValidator(e.body_schema);
    add(
      'body schema',
      v(res.json),
      'a body matching the case schema',
      v.errors ? v.errors.map((x) => `${x.instancePath || '/'} ${x.message}`).join('; ') : res.text.slice(0, 200),
    );
  }
  const checkInput: CheckInput = {
    response: { status: res.status, headers: res.headers },
    body,
    proofKey: outcome.key ?? DEFAULT_CLIENT_KEY,
    issuer: ctx.env.as.issuer,
    previousClaims: ctx.current.previous_claims,
  };
  for (const name of e.checks ?? []) {
    const check = CHECKS[name];
    const failure = await check.run(checkInput);
    add(`check ${name}`, failure === undefined, check.requirement, failure ?? 'holds', {
      requirement: check.requirement,
      ref: check.ref,
    });
  }
  return out;
}
