import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { JWK } from 'jose';

/**
 * JWS signing and verifying by node's synchronous crypto for the plain cases, where jose
 * would give the same result: jose (WebCrypto) imports a key, builds a job and goes
 * through the thread pool for every signature, which costs more than the signature itself.
 * Anything not plain — an extension header (crit, b64), an algorithm or key this module
 * does not take, a malformed part — is left to jose (callers fall back), which then decides
 * and names the failure. Verifying here only ever says "verifies"; never "fails".
 */

/** alg → the hash and the key it needs (RFC 7518 §3.4, RFC 8037 §3.1); HS256 (RFC 7518 §3.2). */
const ASYMMETRIC: Record<string, { hash: string | null; kty: string; crv: string }> = {
  ES256: { hash: 'sha256', kty: 'EC', crv: 'P-256' },
  ES384: { hash: 'sha384', kty: 'EC', crv: 'P-384' },
  ES512: { hash: 'sha512', kty: 'EC', crv: 'P-521' },
  EdDSA: { hash: null, kty: 'OKP', crv: 'Ed25519' },
  Ed25519: { hash: null, kty: 'OKP', crv: 'Ed25519' },
};

const B64URL = /^[A-Za-z0-9_-]+$/;
const wellFormed = (part: string) => B64URL.test(part) && part.length % 4 !== 1;

function kindOf(alg: unknown, jwk: JWK) {
  // key_ops and ext change what WebCrypto lets the key do (jose passes them on): jose decides those
  if ('key_ops' in jwk || 'ext' in jwk) return undefined;
  const k = typeof alg === 'string' && Object.hasOwn(ASYMMETRIC, alg) ? ASYMMETRIC[alg] : undefined;
  return k && jwk.kty === k.kty && jwk.crv === k.crv ? k : undefined;
}

const privateKeys = new WeakMap<JWK, KeyObject>();
/** Public keys by their members; bounded (a hostile client can send a new key in every proof). */
const publicKeys = new Map<string, KeyObject>();
const MAX_PUBLIC_KEYS = 256;

/** A public JWK as a node KeyObject (its public members only). */
export function nodePublicKey(jwk: JWK): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
}

function publicKeyOf(jwk: JWK): KeyObject {
  const id = `${jwk.kty}.${jwk.crv}.${jwk.x}.${jwk.y ?? ''}`;
  let key = publicKeys.get(id);
  if (!key) {
    key = nodePublicKey(jwk);
    if (publicKeys.size >= MAX_PUBLIC_KEYS) publicKeys.clear();
    publicKeys.set(id, key);
  }
  return key;
}

/** Header parameters that change how jose signs or verifies (RFC 7515 §4.1.11, RFC 7797). */
const plainHeader = (header: object) => !('crit' in header) && !('b64' in header);

/**
 * The signature part of `signingInput` (header.payload, both base64url) under `key` for
 * `alg`, or undefined when this is not a plain case (then sign with jose).
 */
export function signPlainly(
  alg: unknown,
  header: object,
  signingInput: string,
  key: JWK | Uint8Array,
): string | undefined {
  if (!plainHeader(header)) return undefined;
  if (key instanceof Uint8Array) {
    return alg === 'HS256' && key.length > 0
      ? createHmac('sha256', key).update(signingInput).digest('base64url')
      : undefined;
  }
  const kind = kindOf(alg, key);
  if (!kind || typeof key.d !== 'string') return undefined;
  let priv = privateKeys.get(key);
  if (!priv) privateKeys.set(key, (priv = createPrivateKey({ key: key as JsonWebKey, format: 'jwk' })));
  return sign(kind.hash, Buffer.from(signingInput), { key: priv, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}

/**
 * True when `jws` (compact, its header decoded as `header`) is signed by the public `jwk`
 * under an `alg` in `algorithms`, its header holding only `allowedHeader` parameters and
 * every part well-formed base64url: then jose would accept it too. False means "not
 * decided here": ask jose. `keyOf` turns the jwk into a node key (a server passes its own
 * bounded cache; else this module's).
 */
export function verifiesPlainly(
  jws: string,
  header: Record<string, unknown>,
  jwk: JWK,
  algorithms: readonly string[],
  allowedHeader: ReadonlySet<string>,
  keyOf: (jwk: JWK) => KeyObject = publicKeyOf,
): boolean {
  for (const name of Object.keys(header)) if (!allowedHeader.has(name)) return false;
  const alg = header.alg;
  const kind = kindOf(alg, jwk);
  if (!kind || !algorithms.includes(alg as string)) return false;
  const parts = jws.split('.');
  if (parts.length !== 3 || !parts.every(wellFormed)) return false;
  try {
    return verify(
      kind.hash,
      Buffer.from(`${parts[0]}.${parts[1]}`),
      { key: keyOf(jwk), dsaEncoding: 'ieee-p1363' },
      Buffer.from(parts[2], 'base64url'),
    );
  } catch {
    return false;
  }
}
