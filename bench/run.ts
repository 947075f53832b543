/**
 * `npm run bench`: speed and memory figures, printed, never asserted. Every loop is
 * bounded in count and runs against loopback only.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MAX_JTI_LENGTH, ReplayCache } from '../mocks/replay-cache.js';
import { ExpiringStore, MAX_REDIRECT_URI_LENGTH, MAX_SCOPE_LENGTH, type CodeGrant } from '../mocks/as/stores.js';
import { runCases } from '../runner/engine/run.js';
import { nowSeconds } from '../protocol/sign.js';
import { loadSuites } from '../runner/suite/load.js';
import { planMocks } from '../runner/target/plan-mocks.js';
import { unsoundLine, unsoundRows } from '../reports/bench-report.js';
import type { BenchRow } from '../reports/bench-report.js';
import { median, rsLoad } from './rs-load.js';
import { verifyBreakdown } from './verify-breakdown.js';
import { verifyVectors } from '../vectors/verify.js';

const rows: [string, string][] = [];
const report = (what: string, figure: string) => {
  rows.push([what, figure]);
  console.log(`${what.padEnd(58)} ${figure}`);
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

function timedSync(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Sections to run: `node dist/bench/run.js load verify` runs those two; no argument runs all. */
const only = process.argv.slice(2);
const wanted = (section: string) => only.length === 0 || only.includes(section);

if (wanted('load')) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 2);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
  const warmUpSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
  const serverFlags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean);
  const o = { seconds, rounds, connections, warmUpSeconds, serverFlags, kinds: process.env.BENCH_KINDS?.split(',') };
  const { rows, rounds: each, serverCpu, replayCacheMax } = await rsLoad(o);
  console.log(
    `\nreference RS under load: autocannon, ${connections} connections, ${seconds} s a kind, ${rounds} rounds (medians), loopback;` +
      `\n${warmUpSeconds ? `one un-timed warm-up pass of ${warmUpSeconds} s a kind before its first round (proofs of its own)` : 'no warm-up pass (BENCH_WARMUP_SECONDS=0)'};` +
      ` the RS's replay cache sized for ${replayCacheMax.toLocaleString('en')} jtis`,
  );
  console.log(`${'kind'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} non-2xx`);
  for (const r of rows) {
    const proofs = r.proofs ? ` (${r.requests} of ${r.proofs} pre-generated proofs)` : '';
    const rates = ` rounds: ${each
      .get(r.kind)
      ?.map((x) => x.toFixed(0))
      .join(', ')}`;
    console.log(
      `${`(${r.kind}) ${r.label}`.padEnd(44)} ${r.reqPerSec.toFixed(0).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${r.non2xx + r.errors}${proofs}${rates}`,
    );
  }
  const unsound = unsoundRows(rows, { baselineRefused: false });
  for (const row of unsound) console.log(`\n${'!'.repeat(78)}\n${unsoundLine(row)}\n${'!'.repeat(78)}`);
  const bad = new Set<string>(unsound.map((r) => r.kind));
  const by = (k: string) => rows.find((r) => r.kind === k)?.reqPerSec ?? NaN;
  for (const [x, y] of [
    ['c', 'a'],
    ['d', 'a'],
    ['b', 'a'],
    ['c', 'e'],
    ['d', 'e'],
  ])
    report(
      `load ratio ${x}/${y}`,
      `${(by(x) / by(y)).toFixed(2)}${bad.has(x) || bad.has(y) ? ' (NOT A MEASUREMENT: non-2xx answers or errors, above)' : ''}`,
    );
  // What a request costs the server, whoever bounds the req/s above (on a 2-core machine the
  // load generator shares the cores, and the cheap kinds measure it more than the RS).
  console.log(`\nthe RS's CPU time a request (its process, every thread, over each timed pass; median of the rounds):`);
  const cpu = (k: string) => median(serverCpu.get(k as BenchRow['kind']) ?? [NaN]);
  for (const r of rows)
    console.log(
      `${`(${r.kind}) ${r.label}`.padEnd(44)} ${cpu(r.kind).toFixed(1).padStart(8)} µs  rounds: ${serverCpu
        .get(r.kind)
        ?.map((x) => x.toFixed(1))
        .join(', ')}`,
    );
  for (const [x, y] of [
    ['c', 'a'],
    ['d', 'a'],
    ['c', 'e'],
    ['d', 'e'],
  ])
    report(
      `server-bound ratio ${x}/${y} (CPU a request of ${y} / of ${x})`,
      `${(cpu(y) / cpu(x)).toFixed(2)}${bad.has(x) || bad.has(y) ? ' (NOT A MEASUREMENT: non-2xx answers or errors, above)' : ''}`,
    );
}

if (wanted('verify')) await verifyBreakdown();

if (wanted('cli')) {
  // Whole-process wall time, interleaved runs, medians; ratios to `node -e 0` measured alongside.
  const bin = fileURLToPath(new URL('../../bin/dpop-conformance.js', import.meta.url));
  const runs = Number(process.env.BENCH_CLI_RUNS ?? 7);
  const commands: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['dpop-conformance --help', [bin, '--help']],
    ['dpop-conformance --version', [bin, '--version']],
    ['dpop-conformance list', [bin, 'list']],
  ];
  const times = commands.map(() => [] as number[]);
  for (let r = 0; r < runs; r++)
    for (const [j, [, args]] of commands.entries()) {
      const t = performance.now();
      const res = spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (res.status !== 0) throw new Error(`${args.join(' ')} exited ${res.status}`);
      times[j].push(performance.now() - t);
    }
  const med = times.map((ts) => ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)]);
  for (const [j, [label]] of commands.entries())
    report(
      `start-up: ${label} (median of ${runs})`,
      `${med[j].toFixed(0)} ms, ${(med[j] / med[0]).toFixed(2)}× node -e 0`,
    );
}
if (wanted('suite')) {
  const [, vectorsMs] = await timed(() => verifyVectors());
  report('vectors verify (all files)', `${vectorsMs.toFixed(0)} ms`);
  const cases = loadSuites().flatMap((s) => s.cases);
  for (const concurrency of [1, 4, 8]) {
    const plan = await planMocks();
    const [results, ms] = await timed(() => runCases(cases, plan, { concurrency }));
    await plan.close();
    report(
      `whole suite against the mocks, concurrency ${concurrency}`,
      `${ms.toFixed(0)} ms for ${results.length} cases (${results.filter((r) => r.status === 'pass').length} pass)`,
    );
  }
}

function heapMiB(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Heap plus ArrayBuffer memory after a gc, MiB. */
function memMiB(): number {
  global.gc?.();
  global.gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
}

if (wanted('replay')) {
  const now = nowSeconds();
  // Memory: heap and ArrayBuffers (the cache keeps typed arrays), after a gc, before and after.
  // Insert (a jti made and added) and expiry: time per entry at 100,000 and at 1,000,000 (flat = O(1)).
  const perEntry: Record<string, number> = {};
  for (const [n, jtiLength] of [
    [100_000, 36],
    [1_000_000, 36],
    [1_000_000, MAX_JTI_LENGTH],
  ] as const) {
    const before = memMiB();
    const cache = new ReplayCache(120, { maxEntries: n, maxBytes: 1024 * 1024 * 1024 });
    const addMs = timedSync(() => {
      for (let i = 0; i < n; i++) cache.add(`${i}-`.padEnd(jtiLength, 'x'), now);
    });
    const used = memMiB() - before;
    const size = cache.size;
    if (size !== n) throw new Error(`replay cache holds ${size} of ${n}`);
    const expireMs = timedSync(() => cache.add('after-the-window', now + 121));
    perEntry[`add ${n}`] = (addMs * 1000) / n;
    perEntry[`expire ${n}`] = (expireMs * 1000) / size;
    report(
      `replay cache: ${n.toLocaleString('en')} jtis of ${jtiLength} characters`,
      `${used.toFixed(1)} MiB (heap + ArrayBuffers), ${((used * 1024 * 1024) / size).toFixed(0)} B/entry; ` +
        `add ${((addMs * 1000) / n).toFixed(2)} µs, expiry ${((expireMs * 1000) / size).toFixed(2)} µs an entry; ` +
        `${cache.size} left after the window`,
    );
  }
  report(
    'replay cache: µs an entry at 1,000,000 / at 100,000 (1 = O(1))',
    `add ${(perEntry['add 1000000'] / perEntry['add 100000']).toFixed(2)}, expiry ${(perEntry['expire 1000000'] / perEntry['expire 100000']).toFixed(2)}`,
  );
  {
    const cache = new ReplayCache(120);
    let verdict = '';
    const ms = timedSync(() => {
      for (let i = 0; i <= 200_000 && verdict !== 'full'; i++)
        verdict = cache.add(`${i}-`.padEnd(MAX_JTI_LENGTH, 'x'), now);
    });
    report(
      `replay cache (defaults) filled with ${MAX_JTI_LENGTH}-character jtis`,
      `${cache.size} entries, ${(cache.bytes / 1024 / 1024).toFixed(1)} MiB counted, then ${verdict} (${ms.toFixed(0)} ms)`,
    );
  }
  {
    const before = heapMiB();
    const store = new ExpiringStore<CodeGrant>({ maxEntries: 1_000_000, maxBytes: 1024 * 1024 * 1024 });
    const grant = (i: number) => ({
      clientId: 'conformance-client',
      redirectUri: `https://client.example/cb/${i}`.padEnd(MAX_REDIRECT_URI_LENGTH, 'x'),
      codeChallenge: 'c'.repeat(43),
      dpopJkt: 'j'.repeat(43),
      scope: 's'.repeat(MAX_SCOPE_LENGTH),
    });
    const ms = timedSync(() => {
      for (let i = 0; i < 10_000; i++) store.put(`code-${i}`.padEnd(32, 'x'), grant(i), now + 120, now);
    });
    const used = heapMiB() - before;
    report(
      'code store: 10,000 largest grants',
      `${ms.toFixed(0)} ms, ~${used.toFixed(1)} MiB on the heap, ${(store.bytes / 1024 / 1024).toFixed(1)} MiB counted`,
    );
  }
}
