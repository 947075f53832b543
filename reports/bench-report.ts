/**
 * One proof kind under load, as report.json holds it (schema: definitions.bench): a row of
 * `dpop-conformance bench`, and of `npm run bench` (one row a round, then their medians).
 */
export interface BenchRow {
  /** a RFC 9449 ES256, b EdDSA, c DPoP-SK Model A, d Model B with a ticket, e no proof (baseline). */
  kind: 'a' | 'b' | 'c' | 'd' | 'e';
  label: string;
  /** Accepted (2xx) answers a second; for the baseline (e), every answer (it is refused, without crypto). */
  reqPerSec: number;
  /** Latency, ms. */
  p50: number;
  p99: number;
  /** Answers received, of them non-2xx; transport errors and timeouts. */
  requests: number;
  non2xx: number;
  errors: number;
  /** Proofs made before the timed part (one a request, so that replay checks pass). */
  proofs: number;
  /** How long the kind ran (shorter than asked when its proofs ran out). */
  seconds: number;
  /** The first answer that was not 2xx, in a few words (status, OAuth error and its description). */
  firstNon2xx?: string;
}

export type BenchRatioName = 'c/a' | 'd/a' | 'c/e';

/** `dpop-conformance bench --rs URL`: the RS under load. */
export interface BenchReport {
  resource: string;
  seconds: number;
  connections: number;
  /** Seconds of un-timed requests against each kind before its timed pass (absent: none). */
  warmUpSeconds?: number;
  kinds: BenchRow[];
  /** Kinds not run: the target neither declares nor shows the feature. */
  skipped: { kind: string; reason: string }[];
  /** DPoP-SK's speed-up, of the req/s measured in this run; only for kinds that ran with answers. */
  ratios: { name: BenchRatioName; value: number }[];
  /** Model B: the negotiation request against one steady request (ms), or why it failed. */
  negotiation?: { negotiateMs?: number; steadyMs?: number; extraMs?: number; failed?: string };
}

/** The ratios c/a, d/a and c/e of the rows' req/s, for those whose both kinds ran and the divisor is above 0. */
export function benchRatios(rows: readonly BenchRow[]): BenchReport['ratios'] {
  const rate = (k: string) => rows.find((r) => r.kind === k)?.reqPerSec;
  const out: BenchReport['ratios'] = [];
  for (const name of ['c/a', 'd/a', 'c/e'] as const) {
    const [top, bottom] = name.split('/').map(rate);
    if (top !== undefined && bottom !== undefined && bottom > 0)
      out.push({ name, value: Math.round((top / bottom) * 100) / 100 });
  }
  return out;
}

/** The share of answers that were not 2xx, 0 to 1 (0 when there were none). */
export const non2xxRatio = (r: BenchRow): number => (r.requests ? r.non2xx / r.requests : 0);

/**
 * The rows whose req/s is not a measurement: with answers that were not 2xx (but for the
 * baseline's refusals, when `baselineRefused`: the RS's own resource without credentials) or
 * with failed requests.
 */
export function unsoundRows(rows: readonly BenchRow[], o: { baselineRefused: boolean }): BenchRow[] {
  return rows.filter((r) => (r.non2xx > 0 && !(o.baselineRefused && r.kind === 'e')) || r.errors > 0);
}

/** A loud line for an unsound row: what went wrong, the first non-2xx answer, and that its figures mean nothing. */
export function unsoundLine(r: BenchRow): string {
  const first = r.non2xx > 0 && r.firstNon2xx ? ` (first: ${r.firstNon2xx})` : '';
  return (
    `WARNING: (${r.kind}) ${r.label}: ${r.non2xx} non-2xx answers${first} and ${r.errors} errors;` +
    ' its req/s and every ratio with it are not a measurement'
  );
}

/**
 * A line for a kind that stopped before its time because its pre-made proofs ran out (every
 * one was sent): how long it ran; its req/s is over that time. Undefined for a kind that ran its time.
 */
export function shortRunLine(r: BenchRow, seconds: number): string | undefined {
  if (r.proofs === 0 || r.requests + r.errors < r.proofs || r.seconds >= seconds) return undefined;
  return (
    `(${r.kind}) ${r.label} ran ${r.seconds} s of ${seconds}: its ${r.proofs.toLocaleString('en-US')} proofs ran out first` +
    ` (its req/s is over the ${r.seconds} s it ran)`
  );
}
