/**
 * The reference RS under load (issue #16): the load path of `dpop-conformance bench`
 * (runKind: prepareKind, then autocannon through loadOnce) against the RS in a child process,
 * in rounds, with medians. Kinds: (a) RFC 9449 ES256, (b) EdDSA, (c) DPoP-SK Model A,
 * (d) Model B with a ticket, (e) a baseline route with no credentials and no crypto.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadInputs } from '../base/fixed-inputs.js';
import type { BenchRow } from '../reports/bench-report.js';
import { BENCH_KINDS, type BenchTarget } from '../runner/cli/bench-kinds.js';
import { runKind, type KindRunOptions } from '../runner/cli/bench-run-kind.js';
import { DEFAULT_SEND } from '../runner/http/send.js';

export interface LoadOptions {
  /** Seconds per kind and round. */
  seconds: number;
  /** Rounds over all kinds; each kind's figures are the medians. */
  rounds: number;
  connections: number;
  /** Un-timed seconds against each kind before its first round (its own proofs). */
  warmUpSeconds: number;
  /** Only these kinds (a–d; the baseline always runs). */
  kinds?: string[];
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  serverFlags?: string[];
}

/** Proofs made a second of run: upper bounds on what the RS takes on loopback, so that no kind runs out. */
export const NPM_BENCH_PROOFS = {
  signed: { perSecond: 4000, max: Infinity },
  maced: { perSecond: 20000, max: Infinity },
} as const;
/** Requests a second of run of the baseline route. */
const BASELINE_PER_SECOND = 60000;

/** The medians of each kind's rounds, and each round's req/s. */
export interface LoadRun {
  rows: BenchRow[];
  rounds: Map<BenchRow['kind'], number[]>;
  /**
   * The RS process's CPU time (user + system, all its threads) over each timed pass, per
   * answer, µs: what a request of the kind costs the server, whoever bounds the req/s.
   */
  serverCpu: Map<BenchRow['kind'], number[]>;
  /** The replay cache the RS was given room for (entries). */
  replayCacheMax: number;
}

interface Server {
  url: string;
  /** The RS process's CPU time so far, user + system, µs. */
  cpuMicros(): Promise<number>;
  close(): Promise<void>;
}

function isCpuUsage(m: unknown): m is { cpuUsage: NodeJS.CpuUsage } {
  return typeof m === 'object' && m !== null && 'cpuUsage' in m;
}

/** The RS in its own process (bench/rs-server.ts), its replay cache sized for `replayCacheMax` jtis. */
async function startServer(flags: string[], replayCacheMax: number): Promise<Server> {
  const child = fork(fileURLToPath(new URL('./rs-server.js', import.meta.url)), [String(replayCacheMax)], {
    execArgv: flags,
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`bench RS exited with ${code}`)));
  });
  return {
    url,
    cpuMicros: () =>
      new Promise((resolve) => {
        const on = (m: unknown) => {
          if (!isCpuUsage(m)) return;
          child.off('message', on);
          resolve(m.cpuUsage.user + m.cpuUsage.system);
        };
        child.on('message', on);
        child.send('cpu-usage');
      }),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

/** The median of some numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Every jti the bench can send within the RS's replay window (twice the iat window, 120 s,
 * longer than a default run): every proof of every pass, warm-ups included, and a few for
 * Model B's negotiations. The RS's default replay cache (100,000 jtis) is a bound for a
 * mock under test; filled, it refuses new proofs (`invalid_dpop_proof`, "replay cache
 * full") and the kind's row fills with non-2xx answers.
 */
export function replayRoom(o: LoadOptions): number {
  const perSecond = 2 * NPM_BENCH_PROOFS.signed.perSecond + 2 * NPM_BENCH_PROOFS.maced.perSecond;
  return Math.ceil((o.rounds * o.seconds + o.warmUpSeconds) * perSecond) + 1000;
}

/**
 * Runs every kind against one RS process, `rounds` times in turn (a, b, c, d, e, a, …: on a
 * shared machine the noise then falls on every kind alike), each kind's first round after
 * its warm-up pass, and returns a row per kind with the median of its rounds, the baseline
 * (e) last. Each pass's proofs are made just before it, outside the timed part.
 */
export async function rsLoad(o: LoadOptions, say: (line: string) => void = () => undefined): Promise<LoadRun> {
  const replayCacheMax = replayRoom(o);
  const server = await startServer(o.serverFlags ?? [], replayCacheMax);
  const runs = new Map<BenchRow['kind'], BenchRow[]>();
  const serverCpu = new Map<BenchRow['kind'], number[]>();
  try {
    const target: BenchTarget = {
      rs: { resource: `${server.url}/resource` },
      features: new Set(['dpop-sk', 'dpop-sk-b']),
      send: DEFAULT_SEND,
      mintIssuer: 'https://as.bench',
      audience: loadInputs().audience,
    };
    const run: KindRunOptions = {
      seconds: o.seconds,
      connections: o.connections,
      proofs: NPM_BENCH_PROOFS,
      baselineRequests: Math.ceil(BASELINE_PER_SECOND * Math.max(o.seconds, o.warmUpSeconds)),
      baseline: { url: `${server.url}/baseline`, label: 'baseline route (no proof, no crypto)' },
      aroundTimedPass: async (k, pass) => {
        const before = await server.cpuMicros();
        const result = await pass();
        const perAnswer = result.requests ? ((await server.cpuMicros()) - before) / result.requests : NaN;
        serverCpu.set(k.kind, [...(serverCpu.get(k.kind) ?? []), perAnswer]);
        return result;
      },
    };
    const kinds = BENCH_KINDS.filter((k) => k.kind === 'e' || (o.kinds?.includes(k.kind) ?? true));
    for (let round = 0; round < o.rounds; round++)
      for (const k of kinds) {
        const outcome = await runKind(k, target, { ...run, warmUpSeconds: round === 0 ? o.warmUpSeconds : 0 }, say);
        if ('skipped' in outcome) throw new Error(`(${k.kind}) did not run: ${outcome.skipped}`);
        runs.set(k.kind, [...(runs.get(k.kind) ?? []), outcome.row]);
      }
  } finally {
    await server.close();
  }
  const rows = [...runs.values()].map((rs): BenchRow => ({
    ...rs[0],
    reqPerSec: median(rs.map((r) => r.reqPerSec)),
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    requests: rs.reduce((n, r) => n + r.requests, 0),
    non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
    errors: rs.reduce((n, r) => n + r.errors, 0),
    proofs: rs.reduce((n, r) => n + r.proofs, 0),
    seconds: rs.reduce((n, r) => n + r.seconds, 0),
    ...(rs.find((r) => r.firstNon2xx) ? { firstNon2xx: rs.find((r) => r.firstNon2xx)!.firstNon2xx } : {}),
  }));
  return {
    rows,
    rounds: new Map([...runs].map(([k, rs]) => [k, rs.map((r) => r.reqPerSec)])),
    serverCpu,
    replayCacheMax,
  };
}
