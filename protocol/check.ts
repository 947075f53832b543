/**
 * One verification step, in the manner of the OpenID conformance suite's "conditions":
 * a verification is an ordered list of small named checks, each enforcing one
 * requirement and throwing the DpopError that names it. `subject` is what the checks
 * of one list share: the artifact, what the verifier knows about the request, and
 * anything an earlier check resolved for the later ones (a decrypted body, a secret).
 */
export interface Check<S, R extends void | Promise<void> = void | Promise<void>> {
  /** kebab-case, unique within its list. */
  readonly name: string;
  /** The requirement the check enforces, e.g. "RFC 9449 §4.3 check 8". */
  readonly ref: string;
  readonly run: (subject: S) => R;
}

/** A check that finishes before returning (for the lists of synchronous entry points). */
export type SyncCheck<S> = Check<S, void>;

/** A check whose name is known to the type system, so a list's names are a string union. */
export type NamedCheck<N extends string, S, R extends void | Promise<void> = void | Promise<void>> = Check<S, R> & {
  readonly name: N;
};

/** Defines a check; the name stays a literal type. */
export function defineCheck<N extends string, S, R extends void | Promise<void>>(
  name: N,
  ref: string,
  run: (subject: S) => R,
): NamedCheck<N, S, R> {
  return { name, ref, run };
}

/** Runs the checks in order; the first that fails throws. Only an asynchronous check is awaited (no event-loop turn for the others). */
export async function runChecks<S>(checks: readonly Check<S>[], subject: S): Promise<void> {
  for (const check of checks) {
    const pending = check.run(subject);
    if (pending) await pending;
  }
}

/** Runs synchronous checks in order; the first that fails throws. */
export function runSyncChecks<S>(checks: readonly SyncCheck<S>[], subject: S): void {
  for (const check of checks) check.run(subject);
}
