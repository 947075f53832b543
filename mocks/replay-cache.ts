/**
 * The jti replay cache (RFC 9449 §11.1; DPoP-SK §5 step 6), one per server.
 * An entry lives for the proof iat window either side, so a proof that is still
 * acceptable can never be replayed. Memory is bounded twice: entries are evicted
 * once expired (oldest first: they expire in insertion order), and a hard cap
 * (`maxEntries`) evicts the oldest live entry when a burst would exceed it — the
 * only way an entry leaves early, counted in `evictedLive`.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  evictedLive = 0;

  constructor(
    private readonly ttlSeconds: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** Records the key; returns false when it was already recorded and is still live. */
  add(key: string, now: number): boolean {
    this.evictExpired(now);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    if (this.seen.size >= this.maxEntries) {
      const oldest = this.seen.keys().next().value as string;
      this.seen.delete(oldest);
      this.evictedLive++;
    }
    this.seen.set(key, now + this.ttlSeconds);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private evictExpired(now: number): void {
    for (const [key, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(key);
    }
  }
}
