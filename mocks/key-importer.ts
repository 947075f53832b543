import { importJWK, type JWK } from 'jose';
import { BoundedCache, type CacheLimits } from './bounded-cache.js';

/** Imports a proof's public jwk for an algorithm (the asymmetric proof checks' importKey). */
export type KeyImporter = (jwk: JWK, alg: string) => Promise<CryptoKey | Uint8Array>;

/**
 * One import per distinct (public) jwk and alg, the imported keys kept in `keys` (bounded):
 * a client signs every proof with the same key, and a WebCrypto import costs more than the
 * signature check itself. The whole jwk is the cache key: members beyond the thumbprint's
 * (use, key_ops, ext) can change whether it imports at all.
 */
export function keyImporter(keys: BoundedCache<CryptoKey | Uint8Array>): KeyImporter {
  return async (jwk, alg) => {
    const id = `${alg} ${JSON.stringify(jwk)}`;
    let key = keys.get(id, 0);
    if (key === undefined) {
      key = await importJWK(jwk, alg);
      keys.set(id, key, Infinity, 0, 0);
    }
    return key;
  };
}

/** A key importer with its own bounded cache. */
export function boundedKeyImporter(limits: CacheLimits): KeyImporter {
  return keyImporter(new BoundedCache<CryptoKey | Uint8Array>(limits));
}
