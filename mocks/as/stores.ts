export interface StoreLimits {
  /** Most entries held at once. */
  maxEntries: number;
  /** Most bytes held at once: 2 bytes a character of the key and of every string in the value, plus STORE_ENTRY_OVERHEAD. */
  maxBytes: number;
}

/** Authorization codes live 120 s (mocks/as/authorize.ts). */
export const DEFAULT_CODE_STORE: StoreLimits = { maxEntries: 10_000, maxBytes: 16 * 1024 * 1024 };
/** Pushed authorization requests live 60 s (mocks/as/par.ts). */
export const DEFAULT_PAR_STORE: StoreLimits = { maxEntries: 10_000, maxBytes: 16 * 1024 * 1024 };
/** Refresh tokens live `refreshTtl` (3600 s by default). */
export const DEFAULT_REFRESH_STORE: StoreLimits = { maxEntries: 50_000, maxBytes: 32 * 1024 * 1024 };

/** Estimated heap cost of one entry beyond its strings: the Map slot, the record and its fields. */
export const STORE_ENTRY_OVERHEAD = 256;

/**
 * A map whose entries expire (authorization codes, pushed requests, refresh tokens), bounded in entries
 * and bytes. Entries are kept in the order they were (re)written, which is expiry order
 * for a fixed lifetime while the clock runs forwards: expiry pops from the head and stops
 * at the first live entry, and an expired entry found by a read is dropped, so both
 * are O(1) amortised. When a new entry would exceed a bound, the oldest entries are
 * evicted first (counted in `evicted`): a lost code or refresh token only makes its
 * client start again (invalid_grant), it never lets anything through. Values are
 * bounded in size by the endpoints before they are stored (docs/mocks.md).
 */
export class ExpiringStore<T extends object> {
  private readonly items = new Map<string, { value: T; until: number; bytes: number }>();
  private heldBytes = 0;
  private readonly limits: StoreLimits;
  /** Live entries dropped to make room. */
  evicted = 0;

  constructor(limits: Partial<StoreLimits> = {}) {
    this.limits = { ...DEFAULT_CODE_STORE, ...limits };
  }

  /** Stores (or rewrites, moving it to the end) the entry; false only when it alone exceeds maxBytes. */
  put(key: string, value: T, until: number, now: number): boolean {
    this.delete(key);
    this.evictExpired(now);
    const bytes = 2 * (key.length + stringChars(value)) + STORE_ENTRY_OVERHEAD;
    if (bytes > this.limits.maxBytes) return false;
    while (
      this.items.size > 0 &&
      (this.items.size + 1 > this.limits.maxEntries || this.heldBytes + bytes > this.limits.maxBytes)
    ) {
      this.delete(this.items.keys().next().value as string);
      this.evicted++;
    }
    this.items.set(key, { value, until, bytes });
    this.heldBytes += bytes;
    return true;
  }

  get(key: string, now: number): T | undefined {
    const item = this.items.get(key);
    if (!item) return undefined;
    if (item.until <= now) {
      this.delete(key);
      return undefined;
    }
    return item.value;
  }

  /** Reads and removes (one-time codes). */
  take(key: string, now: number): T | undefined {
    const v = this.get(key, now);
    this.delete(key);
    return v;
  }

  get size(): number {
    return this.items.size;
  }

  /** The bytes counted against `maxBytes`. */
  get bytes(): number {
    return this.heldBytes;
  }

  private delete(key: string): void {
    const item = this.items.get(key);
    if (!item) return;
    this.items.delete(key);
    this.heldBytes -= item.bytes;
  }

  private evictExpired(now: number): void {
    for (const [key, item] of this.items) {
      if (item.until > now) break;
      this.delete(key);
    }
  }
}

/** Characters in the string fields of a flat record. */
function stringChars(value: object): number {
  let n = 0;
  for (const v of Object.values(value)) if (typeof v === 'string') n += v.length;
  return n;
}

/** Longest scope accepted (RFC 6749 §3.3; longer: invalid_scope). */
export const MAX_SCOPE_LENGTH = 1024;
/** Longest redirect_uri accepted at /authorize, as sent and once normalised (longer: invalid_request). */
export const MAX_REDIRECT_URI_LENGTH = 2048;
/**
 * Longest state accepted at /authorize (longer: invalid_request, not redirected). state is
 * not stored but echoed in Location: unbounded, it made a Location header larger than
 * common clients read (undici's limit is 16 KB).
 */
export const MAX_STATE_LENGTH = 1024;

/** RFC 6749 §3.3: scope = scope-token *( SP scope-token ), scope-token = 1*NQSCHAR. */
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+(?: [\x21\x23-\x5B\x5D-\x7E]+)*$/;

/** Why a scope cannot be stored, or undefined when it is well-formed and short enough. */
export function scopeProblem(scope: string | undefined): string | undefined {
  if (scope === undefined || scope === '') return undefined;
  if (scope.length > MAX_SCOPE_LENGTH) return `scope of ${scope.length} characters exceeds ${MAX_SCOPE_LENGTH}`;
  if (!SCOPE.test(scope)) return 'scope is not space-separated scope tokens (RFC 6749 §3.3)';
  return undefined;
}

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  dpopJkt?: string;
  scope?: string;
}

export interface RefreshGrant {
  clientId: string;
  isPublic: boolean;
  /** The DPoP key a public client's refresh token is bound to (RFC 9449 §5). */
  jkt: string;
  scope?: string;
  /** R of the last issued cnf.sk (only the as-sk-reuse-r fault reads it). */
  lastR?: string;
}
