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

/**
 * Runs every case against the clean mocks, then once per fault with that fault on:
 * the proof that each case can fail (or, for optional behaviour, end not-exhibited) and
 * that each fault is caught.
 */
export async function computeFaultMatrix(
  cases: Case[],
  o: { concurrency?: number; faults?: FaultName[]; onFault?: (row: FaultRow) => void } = {},
): Promise<FaultMatrix> {
  const concurrency = o.concurrency ?? 8;
  const clean = await runAgainst(cases, [], concurrency);
  const rows: FaultRow[] = [];
  for (const fault of o.faults ?? (Object.keys(FAULTS) as FaultName[])) {
    // a fault that puts in one reading where readings differ runs under the other (--stance)
    const results = await runAgainst(cases, [fault], concurrency, FAULT_INFO[fault].stance);
    const row: FaultRow = {
      fault,
      does: FAULTS[fault].does,
      tripped: results
        // not-exhibited: the fault removed an optional behaviour, and the case saw it gone
        .filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'not-exhibited')
        .map((r) => ({ id: r.id, level: r.level, status: r.status, reason: r.reason })),
    };
    rows.push(row);
    o.onFault?.(row);
  }
  return { cleanFailures: clean.filter((r) => r.status !== 'pass'), rows };
}
