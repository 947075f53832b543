/** Longest jti stored; a longer one is refused (RFC 9449 §11.1: "reject DPoP proof JWTs with unnecessarily large jti values"). */
export const MAX_JTI_LENGTH = 256;

/**
 * Estimated heap cost of one entry beyond its key: the Map slot, the boxed expiry and
 * the string header (measured by `npm run bench`, rounded up).
 */
export const REPLAY_ENTRY_OVERHEAD = 96;

export interface ReplayCacheLimits {
  /** Most entries held at once. */
  maxEntries: number;
  /** Most bytes held at once, counted as 2 bytes a key character plus REPLAY_ENTRY_OVERHEAD. */
  maxBytes: number;
}

export const DEFAULT_REPLAY_LIMITS: ReplayCacheLimits = { maxEntries: 100_000, maxBytes: 16 * 1024 * 1024 };

/** What `add` did: recorded it, saw it before, or refused it (too long a key, or no room). */
export type ReplayVerdict = 'added' | 'replayed' | 'too-long' | 'full';

/**
 * The jti replay cache (RFC 9449 §11.1; DPoP-SK §5 step 6), one per server.
 * An entry lives for the proof iat window either side from its first sighting, so a
 * proof that is still acceptable can never be replayed: no entry ever leaves before it
 * expires. Memory is bounded in entries and bytes, and keys in length; when full, the
 * cache refuses to record a new key (its proof is refused) instead of forgetting a
 * live one. Entries are kept in insertion order, which is expiry order while the clock
 * runs forwards, so insert and expiry are O(1) amortised: expiry pops from the head
 * and stops at the first live entry. (If the clock is set back, entries behind a
 * later-expiring head are kept until it expires: longer than needed, never shorter.)
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private heldBytes = 0;
  private readonly limits: ReplayCacheLimits;
  /** Proofs refused because the cache was full. */
  refusedFull = 0;

  constructor(
    private readonly ttlSeconds: number,
    limits: Partial<ReplayCacheLimits> = {},
  ) {
    this.limits = { ...DEFAULT_REPLAY_LIMITS, ...limits };
  }

  /** Records the key, unless it is live already (a replay), too long, or there is no room. */
  add(key: string, now: number): ReplayVerdict {
    if (key.length > MAX_JTI_LENGTH) return 'too-long';
    this.evictExpired(now);
    const until = this.seen.get(key);
    if (until !== undefined) {
      if (until > now) return 'replayed';
      this.remove(key);
    }
    const cost = entryBytes(key);
    if (this.seen.size + 1 > this.limits.maxEntries || this.heldBytes + cost > this.limits.maxBytes) {
      this.refusedFull++;
      return 'full';
    }
    this.seen.set(key, now + this.ttlSeconds);
    this.heldBytes += cost;
    return 'added';
  }

  /** Seconds until the oldest entry expires (when a full cache will have room again); at least 1. */
  retryAfter(now: number): number {
    const oldest = this.seen.values().next().value;
    return Math.max(1, (oldest ?? now) - now);
  }

  get size(): number {
    return this.seen.size;
  }

  /** The bytes counted against `maxBytes`. */
  get bytes(): number {
    return this.heldBytes;
  }

  private remove(key: string): void {
    if (this.seen.delete(key)) this.heldBytes -= entryBytes(key);
  }

  private evictExpired(now: number): void {
    for (const [key, until] of this.seen) {
      if (until > now) break;
      this.remove(key);
    }
  }
}

const entryBytes = (key: string) => 2 * key.length + REPLAY_ENTRY_OVERHEAD;
