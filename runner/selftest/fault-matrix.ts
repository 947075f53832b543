import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FAULT_INFO, FAULTS, type FaultName } from '../../mocks/faults.js';
import { runCases } from '../engine/run.js';
import type { CaseResult } from '../engine/run-case.js';
import { DEFAULT_SEND } from '../http/send.js';
import type { Case } from '../suite/types.js';
import type { Stances } from '../suite/stances.js';
import { planMocks } from '../target/plan-mocks.js';

export interface FaultRow {
  fault: string;
  does: string;
  /** Cases that did not pass with the fault on. */
  tripped: { id: string; level: string; status: string; reason?: string }[];
}

export interface FaultMatrix {
  /** Cases that did not pass against the faultless mocks (should be none). */
  cleanFailures: CaseResult[];
  rows: FaultRow[];
}

async function runAgainst(
  cases: Case[],
  faults: string[],
  concurrency: number,
  stances: Stances = {},
): Promise<CaseResult[]> {
  const plan = await planMocks({ ...DEFAULT_SEND, timeoutMs: 5000 }, faults);
  try {
    return await runCases(cases, plan, { concurrency, stances });
  } finally {
    await plan.close();
  }
}

/** One fault's row: every case with that fault on, those that did not pass. */
export async function faultRow(cases: Case[], fault: FaultName, concurrency: number): Promise<FaultRow> {
  // a fault that puts in one reading where readings differ runs under the other (--stance)
  const results = await runAgainst(cases, [fault], concurrency, FAULT_INFO[fault].stance);
  return {
    fault,
    does: FAULTS[fault].does,
    tripped: results
      // not-exhibited: the fault removed an optional behaviour, and the case saw it gone
      .filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'not-exhibited')
      .map((r) => ({ id: r.id, level: r.level, status: r.status, reason: r.reason })),
  };
}

/** The most worker threads a self-test shares its faults among. */
export const MAX_SELFTEST_WORKERS = 8;

/** One worker thread per core this process may use (os.availableParallelism), at most 4. */
export function defaultSelftestWorkers(): number {
  return Math.min(4, availableParallelism());
}

/** What a fault worker (fault-worker.ts) is given. */
export interface FaultWorkerData {
  cases: Case[];
  faults: FaultName[];
  concurrency: number;
}

/**
 * The faults' rows computed in a worker thread, each row passed to onRow as it is done; the
 * worker is terminated when `stop` aborts (another part of the self-test failed).
 */
function rowsInWorker(data: FaultWorkerData, onRow: (row: FaultRow) => void, stop: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fault-worker.js', import.meta.url), { workerData: data });
    const terminate = () => void worker.terminate();
    stop.addEventListener('abort', terminate, { once: true });
    let done = 0;
    worker.on('message', (row: FaultRow) => {
      onRow(row);
      if (++done === data.faults.length) resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      stop.removeEventListener('abort', terminate);
      if (done < data.faults.length)
        reject(new Error(`a self-test worker exited (${code}) after ${done} of ${data.faults.length} faults`));
    });
  });
}

/**
 * Runs every case against the clean mocks, then once per fault with that fault on:
 * the proof that each case can fail (or, for optional behaviour, end not-exhibited) and
 * that each fault is caught. With `workers` above 1 the faults are shared out among that
 * many worker threads (each its own mocks and runner: the runs are CPU-bound, one core
 * each); the rows come back in the fault table's order whatever the order they finish in.
 */
export async function computeFaultMatrix(
  cases: Case[],
  o: { concurrency?: number; faults?: FaultName[]; workers?: number; onFault?: (row: FaultRow) => void } = {},
): Promise<FaultMatrix> {
  const concurrency = o.concurrency ?? 8;
  const faults = o.faults ?? (Object.keys(FAULTS) as FaultName[]);
  const workers = Math.max(1, Math.min(o.workers ?? 1, faults.length));
  const byFault = new Map<string, FaultRow>();
  const keep = (row: FaultRow) => {
    byFault.set(row.fault, row);
    o.onFault?.(row);
  };
  let clean: CaseResult[];
  if (workers === 1) {
    clean = await runAgainst(cases, [], concurrency);
    for (const fault of faults) keep(await faultRow(cases, fault, concurrency));
  } else {
    // worker i takes faults i, i + workers, …: neighbours in the table (one side, one part) are spread out
    const shares = Array.from({ length: workers }, (_, i) => faults.filter((_, j) => j % workers === i));
    // the first failure stops the other workers, so that the error is not held up by their runs
    const stop = new AbortController();
    const stopOthers = <T>(p: Promise<T>) =>
      p.catch((e: unknown) => {
        stop.abort();
        throw e;
      });
    [clean] = await Promise.all([
      stopOthers(runAgainst(cases, [], concurrency)),
      ...shares.map((share) => stopOthers(rowsInWorker({ cases, faults: share, concurrency }, keep, stop.signal))),
    ]);
  }
  return { cleanFailures: clean.filter((r) => r.status !== 'pass'), rows: faults.map((f) => byFault.get(f)!) };
}
