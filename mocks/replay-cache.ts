import { hash } from 'node:crypto';

/** Longest jti stored; a longer one is refused (RFC 9449 §11.1: "reject DPoP proof JWTs with unnecessarily large jti values"). */
export const MAX_JTI_LENGTH = 256;

/**
 * Bytes counted for one entry, whatever the length of its jti: only a 128-bit hash of the
 * jti is kept (RFC 9449 §11.1: "or store only a hash thereof"). An entry takes 16 bytes of
 * hash, 8 of expiry and two 4-byte slots of the index (kept at most half full); the count
 * doubles that for the arrays' growth headroom (measured by `npm run bench`).
 */
export const REPLAY_ENTRY_BYTES = 64;

export interface ReplayCacheLimits {
  /** Most entries held at once. */
  maxEntries: number;
  /** Most bytes held at once, counted as REPLAY_ENTRY_BYTES an entry. */
  maxBytes: number;
}

export const DEFAULT_REPLAY_LIMITS: ReplayCacheLimits = { maxEntries: 100_000, maxBytes: 16 * 1024 * 1024 };

/** What `add` did: recorded it, saw it before, or refused it (too long a key, or no room). */
export type ReplayVerdict = 'added' | 'replayed' | 'too-long' | 'full';

const EMPTY = -1;
const FIRST_CAPACITY = 1024;

/**
 * The jti replay cache (RFC 9449 §11.1; DPoP-SK §5 step 6), one per server.
 * An entry lives for the proof iat window either side from its first sighting, so a
 * proof that is still acceptable can never be replayed: no entry ever leaves before it
 * expires. Memory is bounded in entries and bytes, and keys in length; when full, the
 * cache refuses to record a new key (its proof is refused) instead of forgetting a
 * live one.
 *
 * Layout: entries sit in a ring in insertion order — which is expiry order while the
 * clock runs forwards — each as a 128-bit SHA-256 prefix of its key and an expiry, in
 * typed arrays (no object, no string per entry: 1,000,000 entries take about 32 MB).
 * An open-addressing index (linear probing, at most half full, backward-shift deletion)
 * maps a hash to its ring position. Insert and lookup are O(1) expected; expiry pops
 * from the ring's head and stops at the first live entry, O(1) amortised. (If the clock
 * is set back, entries behind a later-expiring head are kept until it expires: longer
 * than needed, never shorter.) The arrays start small and double, up to the bounds.
 */
export class ReplayCache {
  private readonly limits: ReplayCacheLimits;
  /** Most entries the bounds allow. */
  private readonly maxSize: number;
  /** Ring: 4 words of hash per entry, and its expiry. */
  private hashes = new Uint32Array(0);
  private until = new Float64Array(0);
  private head = 0;
  private count = 0;
  /** Index: ring positions by hash, EMPTY where free; its length is a power of two. */
  private index = new Int32Array(0);
  /** Proofs refused because the cache was full. */
  refusedFull = 0;

  constructor(
    private readonly ttlSeconds: number,
    limits: Partial<ReplayCacheLimits> = {},
  ) {
    this.limits = { ...DEFAULT_REPLAY_LIMITS, ...limits };
    this.maxSize = Math.max(0, Math.min(this.limits.maxEntries, Math.floor(this.limits.maxBytes / REPLAY_ENTRY_BYTES)));
    this.resize(Math.min(FIRST_CAPACITY, this.maxSize));
  }

  /** Records the key, unless it is live already (a replay), too long, or there is no room. */
  add(key: string, now: number, maxKeyLength = MAX_JTI_LENGTH): ReplayVerdict {
    if (key.length > maxKeyLength) return 'too-long';
    this.evictExpired(now);
    const h = hash('sha256', key, 'buffer');
    const h0 = h.readUInt32LE(0);
    const h1 = h.readUInt32LE(4);
    const h2 = h.readUInt32LE(8);
    const h3 = h.readUInt32LE(12);
    const found = this.find(h0, h1, h2, h3);
    if (found !== EMPTY) {
      if (this.until[found] > now) return 'replayed';
      // Seen, expired, but still behind a later-expiring head: recorded again where it is.
      this.until[found] = now + this.ttlSeconds;
      return 'added';
    }
    if (this.count + 1 > this.maxSize) {
      this.refusedFull++;
      return 'full';
    }
    if (this.count === this.capacity) this.resize(Math.min(2 * this.capacity, this.maxSize));
    const at = (this.head + this.count) % this.capacity;
    this.hashes[4 * at] = h0;
    this.hashes[4 * at + 1] = h1;
    this.hashes[4 * at + 2] = h2;
    this.hashes[4 * at + 3] = h3;
    this.until[at] = now + this.ttlSeconds;
    this.count++;
    this.place(at);
    return 'added';
  }

  /** Seconds until the oldest entry expires (when a full cache will have room again); at least 1. */
  retryAfter(now: number): number {
    const oldest = this.count > 0 ? this.until[this.head] : now;
    return Math.max(1, oldest - now);
  }

  get size(): number {
    return this.count;
  }

  /** The bytes counted against `maxBytes`. */
  get bytes(): number {
    return this.count * REPLAY_ENTRY_BYTES;
  }

  private get capacity(): number {
    return this.until.length;
  }

  /** The ring position holding this hash, or EMPTY. */
  private find(h0: number, h1: number, h2: number, h3: number): number {
    const mask = this.index.length - 1;
    for (let slot = h0 & mask; ; slot = (slot + 1) & mask) {
      const at = this.index[slot];
      if (at === EMPTY) return EMPTY;
      const o = 4 * at;
      const hs = this.hashes;
      if (hs[o] === h0 && hs[o + 1] === h1 && hs[o + 2] === h2 && hs[o + 3] === h3) return at;
    }
  }

  /** Puts ring position `at` into the index. */
  private place(at: number): void {
    const mask = this.index.length - 1;
    let slot = this.hashes[4 * at] & mask;
    while (this.index[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.index[slot] = at;
  }

  /** Takes ring position `at` out of the index, shifting the probe chain back over the hole. */
  private unplace(at: number): void {
    const mask = this.index.length - 1;
    let hole = this.hashes[4 * at] & mask;
    while (this.index[hole] !== at) hole = (hole + 1) & mask;
    for (let slot = (hole + 1) & mask; this.index[slot] !== EMPTY; slot = (slot + 1) & mask) {
      const home = this.hashes[4 * this.index[slot]] & mask;
      // The entry at slot moves into the hole unless its home lies in (hole, slot], cyclically.
      if (((slot - home) & mask) >= ((slot - hole) & mask)) {
        this.index[hole] = this.index[slot];
        hole = slot;
      }
    }
    this.index[hole] = EMPTY;
  }

  private evictExpired(now: number): void {
    while (this.count > 0 && this.until[this.head] <= now) {
      this.unplace(this.head);
      this.head = (this.head + 1) % this.capacity;
      this.count--;
    }
  }

  /** New arrays of `capacity` entries, the live ones copied in ring order from position 0. */
  private resize(capacity: number): void {
    const hashes = new Uint32Array(4 * capacity);
    const until = new Float64Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % this.capacity;
      hashes.set(this.hashes.subarray(4 * from, 4 * from + 4), 4 * i);
      until[i] = this.until[from];
    }
    let slots = 2;
    while (slots < 2 * capacity) slots *= 2;
    this.hashes = hashes;
    this.until = until;
    this.head = 0;
    this.index = new Int32Array(slots).fill(EMPTY);
    for (let i = 0; i < this.count; i++) this.place(i);
  }
}
