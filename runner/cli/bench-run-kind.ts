import type { BenchRow } from '../../reports/bench-report.js';
import { prepareKind, type BenchKind, type BenchTarget, type Negotiated } from './bench-kinds.js';
import { loadOnce, type LoadResult } from './bench-load.js';

/** Proofs made for each second of run, and at most, for one kind's pass. */
export interface ProofBudget {
  perSecond: number;
  max: number;
}

/** How one kind runs: the shared load path of `dpop-conformance bench` and `npm run bench`. */
export interface KindRunOptions {
  seconds: number;
  connections: number;
  /** Signatures (a, b) cost more to make than MACs (c, d); a kind whose proofs run out stops early. */
  proofs: { signed: ProofBudget; maced: ProofBudget };
  /** Requests of the baseline (e), which needs no proofs. */
  baselineRequests: number;
  /**
   * The baseline (e): by default the RS's own resource without credentials (refused: every
   * answer counts, and its refusals are expected); given, a route of the RS that answers 2xx
   * without credentials, counted as the other kinds are.
   */
  baseline?: { url: string; label: string };
  /**
   * Seconds of un-timed requests against the kind before its timed pass (JIT warm-up of the
   * RS, connections set up), with proofs of their own; 0 or undefined: none.
   */
  warmUpSeconds?: number;
  /**
   * Wraps the timed pass (and only it: not the warm-up, not the proofs' making), e.g. to
   * read the RS process's CPU time around it (npm run bench).
   */
  aroundTimedPass?: (k: BenchKind, pass: () => Promise<LoadResult>) => Promise<LoadResult>;
}

/** A kind's timed pass, or why it did not run; Model B's negotiation of the timed pass. */
export type KindOutcome = ({ row: BenchRow } | { skipped: string }) & { negotiated?: Negotiated };

/** The number of requests a pass of `seconds` may make: proofs for signed or MACed kinds, or the baseline's. */
export function requestBudget(k: BenchKind, o: KindRunOptions, seconds: number): number {
  if (k.kind === 'e') return o.baselineRequests;
  const b = k.kind === 'a' || k.kind === 'b' ? o.proofs.signed : o.proofs.maced;
  return Math.max(o.connections, Math.min(Math.ceil(b.perSecond * seconds), b.max));
}

/**
 * One kind against the RS: the warm-up pass when asked (its own requests prepared, run and
 * dropped), then the timed pass with requests prepared just before it (prepareKind), driven
 * by autocannon (loadOnce). Model B without a ticket is skipped with the negotiation's failure.
 */
export async function runKind(
  k: BenchKind,
  target: BenchTarget,
  o: KindRunOptions,
  say: (line: string) => void = () => undefined,
): Promise<KindOutcome> {
  const url = k.kind === 'e' && o.baseline ? o.baseline.url : target.rs.resource;
  const load = (count: number, seconds: number, headers: (i: number) => Record<string, string>) =>
    loadOnce(url, headers, { seconds, connections: o.connections, count });
  if (o.warmUpSeconds) {
    const count = requestBudget(k, o, o.warmUpSeconds);
    say(`(${k.kind}) warm-up: ${o.warmUpSeconds} s un-timed${k.kind === 'e' ? '' : `, ${count} proofs of its own`}…`);
    const warm = await prepareKind(k, target, count);
    if (k.kind !== 'd' || warm.negotiated?.symmetric) await load(count, o.warmUpSeconds, warm.headers);
  }
  const count = requestBudget(k, o, o.seconds);
  say(`(${k.kind}) ${k.label}: making ${k.kind === 'e' ? 'no' : count} proofs…`);
  const prepared = await prepareKind(k, target, count);
  const negotiated = prepared.negotiated;
  if (k.kind === 'd' && !negotiated?.symmetric)
    return { skipped: `no ticket: ${negotiated?.failed ?? 'negotiation failed'}`, negotiated };
  const timedPass = () => load(count, o.seconds, prepared.headers);
  const r = await (o.aroundTimedPass ? o.aroundTimedPass(k, timedPass) : timedPass());
  const allAnswers = k.kind === 'e' && o.baseline === undefined;
  const row: BenchRow = {
    kind: k.kind,
    label: k.kind === 'e' && o.baseline ? o.baseline.label : k.label,
    reqPerSec: Math.round(allAnswers ? r.answersPerSec : r.okPerSec),
    p50: r.p50,
    p99: r.p99,
    requests: r.requests,
    non2xx: r.non2xx,
    errors: r.errors,
    proofs: prepared.proofs,
    seconds: r.seconds,
    ...(r.firstNon2xx === undefined ? {} : { firstNon2xx: r.firstNon2xx }),
  };
  return { row, ...(negotiated ? { negotiated } : {}) };
}
