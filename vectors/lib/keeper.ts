import type { VectorFile } from './types.js';

/**
 * Keeps randomized outputs (ECDSA/RSA-PSS signatures, JWEs, tokens) as committed, so
 * `vectors generate` reproduces a file byte for byte; deterministic outputs are always
 * recomputed. Values are found by group index or tcId and field name.
 */
export class Keeper {
  private readonly tests = new Map<number, Record<string, unknown>>();
  private readonly groups: Record<string, unknown>[];

  constructor(previous?: VectorFile) {
    for (const g of previous?.testGroups ?? []) for (const t of g.tests) this.tests.set(t.tcId, t);
    this.groups = previous?.testGroups ?? [];
  }

  async test<T>(tcId: number, field: string, fresh: () => Promise<T>): Promise<T> {
    const old = this.tests.get(tcId)?.[field];
    return old !== undefined ? (old as T) : fresh();
  }

  async group<T>(index: number, field: string, fresh: () => Promise<T>): Promise<T> {
    const old = this.groups[index]?.[field];
    return old !== undefined ? (old as T) : fresh();
  }
}
