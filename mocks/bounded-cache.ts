/** Bounds of a BoundedCache: most entries, most bytes (as counted by the caller, plus ENTRY_OVERHEAD each). */
export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
}

/** Bytes counted for one entry beyond its key (2 a character) and the caller's own count: Map slot, record, boxes. */
export const CACHE_ENTRY_OVERHEAD = 160;

interface Entry<V> {
  value: V;
  /** Seconds since the epoch after which the entry is gone. */
  until: number;
  bytes: number;
}

/**
 * A cache of results that are safe to lose (a verified token's decoded form, an imported
 * key): bounded in entries and bytes, each entry with an expiry. Least recently used
 * first out when full; an expired entry is dropped when met. Get and set are O(1)
 * (amortised). Never used for anything whose loss would let a request through (the
 * replay cache is not one of these: it refuses when full).
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private held = 0;
  hits = 0;
  misses = 0;
  /** Entries dropped to make room (not counting expired ones). */
  evicted = 0;

  constructor(readonly limits: CacheLimits) {}

  /** The live value for key, refreshed as most recently used; undefined when absent or expired. */
  get(key: string, now: number): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined || e.until <= now) {
      if (e) this.delete(key);
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /**
   * Remembers value until `until`, counted as `bytes` (plus its key and the overhead).
   * An entry that could never fit, or is already expired, is not stored.
   */
  set(key: string, value: V, until: number, bytes: number, now: number): void {
    this.delete(key);
    const cost = 2 * key.length + bytes + CACHE_ENTRY_OVERHEAD;
    if (until <= now || cost > this.limits.maxBytes || this.limits.maxEntries < 1) return;
    for (const [oldest, e] of this.entries) {
      if (this.entries.size < this.limits.maxEntries && this.held + cost <= this.limits.maxBytes) break;
      this.delete(oldest);
      if (e.until > now) this.evicted++;
    }
    this.entries.set(key, { value, until, bytes: cost });
    this.held += cost;
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (e === undefined) return;
    this.entries.delete(key);
    this.held -= e.bytes;
  }

  /** Forgets every entry (a key they were opened with was retired). */
  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The bytes counted against maxBytes. */
  get bytes(): number {
    return this.held;
  }
}
