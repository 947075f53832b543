import type { AccessTokenClaims } from '../../protocol/token-mint.js';
import { BoundedCache, type CacheLimits } from '../bounded-cache.js';
import { keyImporter, type KeyImporter } from '../key-importer.js';

/**
 * What the mock RS caches between requests (DPoP-SK's point: the token check amortised,
 * an HMAC per request). Only work whose result cannot depend on the request is cached —
 * a token's signature, an SK derivation, a key import, a ticket decryption — and every
 * check the specifications require per request (ath, htm, htu, iat, jti, nonce, the proof
 * signature or MAC, and the token's and key's expiry) still runs on a hit (docs/mocks.md).
 */
export interface RsCacheLimits {
  /** Validated access tokens (and their Model A SK), keyed by the token's SHA-256. */
  tokens: CacheLimits;
  /** Imported proof keys, keyed by the jwk header (one per client key). */
  keys: CacheLimits;
  /** Opened Model B tickets, keyed by the ticket. */
  tickets: CacheLimits;
}

export const DEFAULT_RS_CACHES: RsCacheLimits = {
  tokens: { maxEntries: 10_000, maxBytes: 32 * 1024 * 1024 },
  keys: { maxEntries: 10_000, maxBytes: 8 * 1024 * 1024 },
  tickets: { maxEntries: 10_000, maxBytes: 8 * 1024 * 1024 },
};

/** Longest a validated token stays cached when its exp does not bound it (under rs-skip-token-exp). */
export const TOKEN_CACHE_MAX_TTL = 600;

/** An access token that passed the token checks: its decoded parts (frozen), and the Model A SK once derived. */
export interface ValidatedToken {
  header: Record<string, unknown>;
  claims: AccessTokenClaims;
  /** DPoP-SK §2: the SK cnf.sk derives to, kept until cnf.sk.exp. */
  sk?: { bytes: Uint8Array; until: number };
}

export interface RsCaches {
  tokens: BoundedCache<ValidatedToken>;
  keys: BoundedCache<CryptoKey | Uint8Array>;
  tickets: BoundedCache<Record<string, unknown>>;
  /** The proof key importer handed to the asymmetric proof checks: one import per distinct jwk and alg. */
  importKey: KeyImporter;
}

export function createRsCaches(limits: RsCacheLimits): RsCaches {
  const keys = new BoundedCache<CryptoKey | Uint8Array>(limits.keys);
  return {
    tokens: new BoundedCache(limits.tokens),
    keys,
    tickets: new BoundedCache(limits.tickets),
    importKey: keyImporter(keys),
  };
}

/** Freezes a decoded JSON value, so that a cached one cannot be changed by one request for the next. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
