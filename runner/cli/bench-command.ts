import { resolve } from 'node:path';
import { parseFlags } from './parse-flags.js';
import {
  benchRatios,
  non2xxRatio,
  shortRunLine,
  unsoundLine,
  unsoundRows,
  type BenchReport,
  type BenchRow,
} from '../../reports/bench-report.js';
import { buildJsonReport } from '../../reports/json-report.js';
import { defaultPaths, writeReports } from '../../reports/write-reports.js';
import { EXIT, UsageError } from '../../base/errors.js';
import { detectFeatures } from '../detect/detect.js';
import { DEFAULT_SEND } from '../http/send.js';
import { parseFeatureList } from '../suite/features.js';
import type { Case } from '../suite/types.js';
import type { RunEnv } from '../target/env.js';
import { planRun } from '../target/plan-run.js';
import { BENCH_KINDS, type Negotiated } from './bench-kinds.js';
import { runKind, type KindRunOptions } from './bench-run-kind.js';
import { prepareOutputFolder } from './check-outputs.js';
import { wholeNumber } from './numbers.js';
import { printable } from './terminal-text.js';
import { httpUrlOf } from './url-option.js';

/** Small defaults and hard maximums: a bench is a look at a vendor's RS, not a load test of it. */
export const BENCH_LIMITS = {
  seconds: { default: 2, max: 30 },
  connections: { default: 2, max: 16 },
  /** Un-timed seconds against each kind first (none by default: the first of a kind's seconds then include the RS's warm-up). */
  warmUp: { default: 0, max: 10 },
  /**
   * Proofs made a second of run, and at most in all, per kind (the kind stops early when they
   * run out): signatures (a, b) cost more to make than MACs (c, d). The baseline (e) needs none.
   */
  proofs: { signed: { perSecond: 5000, max: 50_000 }, maced: { perSecond: 10_000, max: 100_000 } },
  baselineRequests: 1_000_000,
} as const;

const BENCH_OPTIONS = {
  rs: { type: 'string' },
  target: { type: 'string' },
  features: { type: 'string', multiple: true },
  detect: { type: 'boolean' },
  duration: { type: 'string' },
  connections: { type: 'string' },
  'warm-up': { type: 'string' },
  kinds: { type: 'string' },
  out: { type: 'string' },
  ca: { type: 'string', multiple: true },
  insecure: { type: 'boolean' },
} as const;

/** What the plan's RS side is: a case stands for "an RS case needing nothing" (planVendor's envFor). */
const RS_PROBE_CASE = { id: 'bench', target: 'rs', requires: [], steps: [] } as unknown as Case;

const fixed = (v: number, digits = 0) => v.toFixed(digits);

function table(rows: BenchRow[]): string[] {
  const head = ['kind', 'req/s', 'p50 ms', 'p99 ms', 'answers', 'non-2xx', 'errors'];
  const body = rows.map((r) => [
    `(${r.kind}) ${r.label}`,
    fixed(r.reqPerSec),
    fixed(r.p50),
    fixed(r.p99),
    String(r.requests),
    `${fixed(non2xxRatio(r) * 100, 1)}%`,
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...body.map(line)];
}

/**
 * `dpop-conformance bench --rs URL | --target FILE`: the vendor's RS under a short, bounded
 * load, per proof kind it declares or shows (RFC 9449 ES256 and EdDSA, DPoP-SK Model A and
 * B, and a request with no proof), with DPoP-SK's speed-up ratios. Only the RS's origin gets
 * the load; every proof is made before the timed part.
 */
export async function benchCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseFlags({ args, options: BENCH_OPTIONS });
  if (values.rs !== undefined && !httpUrlOf(values.rs))
    throw new UsageError(
      `--rs must be an http(s) URL, such as https://rs.example/resource, not ${JSON.stringify(values.rs.slice(0, 80))}`,
    );
  const seconds = values.duration
    ? wholeNumber('duration', values.duration, { min: 1, max: BENCH_LIMITS.seconds.max, what: 'whole seconds' })
    : BENCH_LIMITS.seconds.default;
  const connections = values.connections
    ? wholeNumber('connections', values.connections, { min: 1, max: BENCH_LIMITS.connections.max })
    : BENCH_LIMITS.connections.default;
  const warmUpSeconds = values['warm-up']
    ? wholeNumber('warm-up', values['warm-up'], { min: 0, max: BENCH_LIMITS.warmUp.max, what: 'whole seconds' })
    : BENCH_LIMITS.warmUp.default;
  const known = BENCH_KINDS.map((k) => k.kind as string);
  const asked = values.kinds?.split(',').map((k) => k.trim());
  for (const k of asked ?? [])
    if (!known.includes(k))
      throw new UsageError(`--kinds takes some of ${known.join(',')}, not ${JSON.stringify(k.slice(0, 20))}`);
  const features = values.features ? parseFeatureList('--features', values.features) : undefined;
  // after the flags' own checks, so that a bad value is named whether or not the RS is given
  if (!values.rs && !values.target) throw new UsageError('bench needs the RS to load: --rs URL or --target FILE');
  if (values.out) prepareOutputFolder('--out', values.out);

  // --ca / --insecure as for run: they apply to the bench's own requests before the load (the
  // nonce probe, Model B's negotiation); autocannon's load never checks certificates (docs/performance.md)
  let { plan } = await planRun({
    vendor: { rs: values.rs, targetFile: values.target, features },
    timeoutMs: DEFAULT_SEND.timeoutMs,
    tls: { caFiles: values.ca, insecure: values.insecure },
    say: out,
  });
  const started = new Date();
  try {
    for (const note of plan.notes ?? []) out(note);
    if (values.detect) {
      const detected = await detectFeatures(plan);
      plan = detected.plan;
      for (const line of detected.lines) out(printable(line));
    }
    const env = plan.envFor(RS_PROBE_CASE);
    if ('skip' in env) throw new UsageError(`bench needs an RS under test: ${env.skip}`);
    const shown = plan.summary.rs?.resource ?? env.rs.resource;
    const bench = await benchRs(env, { seconds, connections, warmUpSeconds, kinds: asked }, out);
    bench.resource = shown;
    const warm = warmUpSeconds
      ? `after ${warmUpSeconds} s un-timed warm-up a kind`
      : 'no warm-up (the first second includes the RS warming up)';
    out(`dpop-conformance bench: ${printable(shown)}, ${seconds} s a kind, ${connections} connections, ${warm}`);
    for (const line of table(bench.kinds)) out(printable(line));
    for (const r of bench.kinds) {
      const short = shortRunLine(r, seconds);
      if (short) out(printable(short));
    }
    if (bench.ratios.length)
      out(`ratios of req/s: ${bench.ratios.map((r) => `${r.name} ${r.value.toFixed(2)}`).join(', ')}`);
    for (const row of unsoundRows(bench.kinds, { baselineRefused: true })) out(printable(unsoundLine(row)));
    const neg = bench.negotiation;
    if (neg?.failed !== undefined) out(printable(`Model B negotiation failed: ${neg.failed}`));
    else if (neg)
      out(
        `Model B: the negotiation request ${fixed(neg.negotiateMs!, 1)} ms, a steady request ${fixed(neg.steadyMs!, 1)} ms (extra ${fixed(neg.extraMs!, 1)} ms)`,
      );
    for (const s of bench.skipped) out(printable(`not run: (${s.kind}) ${s.reason}`));
    if (values.out) {
      const report = {
        ...buildJsonReport([], {
          started,
          finished: new Date(),
          target: plan.summary,
          gating: { failOn: 'must', passed: false, noCaseRan: true },
        }),
        bench,
      };
      const { json, html } = defaultPaths(resolve(values.out));
      out(`reports: ${writeReports(report, { json, html }).join(', ')}`);
    }
    if (!bench.kinds.length) {
      out('NO KIND RAN: every kind asked for was skipped. This is not a measurement.');
      return EXIT.NOTHING_RAN;
    }
  } finally {
    await plan.close();
  }
  return EXIT.OK;
}

/** Runs each kind in turn (a, b, c, d, e) against the RS; a kind the RS lacks is skipped with its reason. */
export async function benchRs(
  env: RunEnv,
  o: { seconds: number; connections: number; warmUpSeconds?: number; kinds?: string[] },
  say: (line: string) => void = () => undefined,
): Promise<BenchReport> {
  const kinds: BenchRow[] = [];
  const skipped: BenchReport['skipped'] = [];
  let negotiated: Negotiated | undefined;
  const run: KindRunOptions = {
    seconds: o.seconds,
    connections: o.connections,
    proofs: BENCH_LIMITS.proofs,
    baselineRequests: BENCH_LIMITS.baselineRequests,
    warmUpSeconds: o.warmUpSeconds,
  };
  for (const k of BENCH_KINDS) {
    if (o.kinds && !o.kinds.includes(k.kind)) continue;
    if (k.needs && !env.features.has(k.needs)) {
      skipped.push({
        kind: k.kind,
        reason: `the RS does not declare ${k.needs} (--features ${k.needs}${k.needs === 'dpop-sk' ? '; --detect cannot find it' : ', or --detect'})`,
      });
      continue;
    }
    const outcome = await runKind(k, env, run, say);
    if (outcome.negotiated) negotiated = outcome.negotiated;
    if ('skipped' in outcome) skipped.push({ kind: k.kind, reason: outcome.skipped });
    else kinds.push(outcome.row);
  }
  const negotiation =
    negotiated === undefined
      ? undefined
      : negotiated.failed !== undefined
        ? { failed: negotiated.failed }
        : {
            negotiateMs: round(negotiated.negotiateMs!),
            steadyMs: round(negotiated.steadyMs!),
            extraMs: round(negotiated.negotiateMs! - negotiated.steadyMs!),
          };
  return {
    resource: env.rs.resource,
    seconds: o.seconds,
    connections: o.connections,
    ...(o.warmUpSeconds ? { warmUpSeconds: o.warmUpSeconds } : {}),
    kinds,
    skipped,
    ratios: benchRatios(kinds),
    ...(negotiation ? { negotiation } : {}),
  };
}

const round = (v: number) => Math.round(v * 10) / 10;
