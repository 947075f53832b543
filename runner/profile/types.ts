/**
 * The server profile (docs/server-profile.md): what a server accepts, measured with a
 * bounded number of requests. Measured, not graded: nothing here changes a verdict or
 * the exit code. Its JSON form is report.json's `profile` (reports/schema/report.schema.json).
 */

/**
 * A measured quantity between the largest value seen accepted (`min`) and the smallest
 * seen refused (`max`). No `max`: the probe stopped first (`stoppedBy` says why), so the
 * quantity is at least `min`.
 */
export interface Bound {
  min: number;
  max?: number;
  stoppedBy?: string;
}

/** Why an item was not measured, in a few words. */
export interface NotMeasured {
  notMeasured: string;
}

/** Whether a replayed jti was refused where the request differs in one part from its first use. */
export type ReplayAcross = 'refused' | 'accepted' | 'not-probed';

export interface ReplayProfile {
  /** The same request with the same jti again. */
  exact: 'refused' | 'accepted';
  otherQuery: ReplayAcross;
  otherMethod: ReplayAcross;
  otherPath: ReplayAcross;
  /**
   * The narrowest key that explains the answers: the jti across the server, per URI (htu),
   * per URI and method, per request (query included); `none`: the exact replay was accepted;
   * `unclear`: a part was not probed or the answers fit no such key.
   */
  scope: 'server' | 'uri' | 'uri-method' | 'request' | 'none' | 'unclear';
  /** Seconds a jti is remembered after its first use (a replay with a fresh iat refused). */
  memory?: Bound | NotMeasured;
  notes?: string[];
}

export interface NonceProfile {
  /** Whether any answer carried a DPoP-Nonce header. */
  issued: boolean;
  /** Whether back-to-back answers carried different nonces (a nonce per answer rather than per period). */
  newPerAnswer?: boolean;
  /** Seconds a nonce is accepted after it was first seen. */
  lifetime?: Bound | NotMeasured;
  /** Whether a nonce was still accepted once a newer one had been handed out; absent: not seen. */
  previousAccepted?: boolean;
  /** Whether a nonce was handed out again after a different one (A, B, A). */
  repeated?: boolean;
  /** Distinct nonces seen. */
  distinct?: number;
}

export interface AlgorithmProfile {
  /** What the server advertises: AS metadata dpop_signing_alg_values_supported, the RS's WWW-Authenticate algs. Absent: nothing advertised. */
  advertised?: string[];
  /** The algorithms the suite has keys for, each tried with one valid request. */
  accepted: string[];
  refused: string[];
}

export interface SkProfile {
  /** cnf.sk.exp minus the token's exp (seconds): above 0 the key outlives its token (AS). */
  keyOutlivesToken?: number;
  /** Lifetimes of the issued token and its key, seconds from iat (AS). */
  tokenLifetime?: number;
  keyLifetime?: number;
  /** Whether a token naming a retired secret version was accepted (RS, minted with the fixed inputs). */
  retiredAccepted?: boolean;
  /** How long after its token was issued a retired version was still accepted (RS). */
  retiredFor?: Bound | NotMeasured;
  notes?: string[];
}

/** One side's profile. */
export interface SideProfile {
  side: 'as' | 'rs';
  label: string;
  /** The URL probed: the token endpoint or the resource. */
  url: string;
  /** Requests sent for this side, and the time it took. */
  requests: number;
  ms: number;
  /** Seconds the server's clock is ahead of this machine's, from its Date header (runner/target/clock-skew.ts). */
  clockSkew?: number | NotMeasured;
  /** Seconds a proof's iat may lie before (`past`) and after (`future`) the server's now. */
  iatWindow?: { past: Bound | NotMeasured; future: Bound | NotMeasured } | NotMeasured;
  replay?: ReplayProfile | NotMeasured;
  nonce?: NonceProfile | NotMeasured;
  algorithms?: AlgorithmProfile | NotMeasured;
  /** Characters of the largest DPoP header accepted. */
  proofSize?: Bound | NotMeasured;
  dpopSk?: SkProfile | NotMeasured;
  /** Why the side was not profiled at all (a valid request was not accepted). */
  notMeasured?: string;
}

/** report.json `profile`. */
export interface ServerProfile {
  sides: SideProfile[];
  /** How time probes waited: by moving the bundled mocks' clock, or by waiting (bounded by --profile-wait). */
  time: 'mock-clock' | 'wall-clock';
  /** Seconds the time probes could wait in all (wall-clock). */
  waitBudget?: number;
}

export const notMeasured = (why: string): NotMeasured => ({ notMeasured: why });
export const isMeasured = <T extends object>(v: T | NotMeasured | undefined): v is T =>
  v !== undefined && !('notMeasured' in v);
