import { randomBytes } from 'node:crypto';
import { base64url, CompactSign, importJWK, type JWK, type JWSHeaderParameters } from 'jose';
import { signPlainly } from './node-jws.js';

const encoder = new TextEncoder();
const imported = new WeakMap<JWK, Map<string, CryptoKey | Uint8Array>>();

/** Imports a JWK for one algorithm, once per (key object, alg). */
export async function keyFor(jwk: JWK, alg: string): Promise<CryptoKey | Uint8Array> {
  let byAlg = imported.get(jwk);
  if (!byAlg) imported.set(jwk, (byAlg = new Map<string, CryptoKey | Uint8Array>()));
  let key = byAlg.get(alg);
  if (!key) byAlg.set(alg, (key = await importJWK(jwk, alg)));
  return key;
}

/**
 * Signs an arbitrary JSON claims set under an arbitrary protected header: the one
 * place proofs and tokens are signed, valid or deliberately not. `alg: none`
 * yields an unsecured JWS (RFC 7515 Appendix A.5), which jose will not sign.
 */
export async function signCompact(
  header: JWSHeaderParameters,
  claims: object,
  key?: JWK | Uint8Array,
): Promise<string> {
  const payload = encoder.encode(JSON.stringify(claims));
  if (header.alg === 'none') {
    return `${base64url.encode(JSON.stringify(header))}.${base64url.encode(payload)}.`;
  }
  if (!key) throw new TypeError(`signCompact: a key is required for alg ${header.alg}`);
  const signingInput = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(payload)}`;
  const plain = signPlainly(header.alg, header, signingInput, key);
  if (plain !== undefined) return `${signingInput}.${plain}`;
  const k = key instanceof Uint8Array ? key : await keyFor(key, header.alg!);
  // Extension parameters listed in crit are signed as the header says (RFC 7515 §4.1.11): the
  // verifier decides whether it understands them.
  const crit = Array.isArray(header.crit) ? Object.fromEntries(header.crit.map((n) => [String(n), true])) : undefined;
  return new CompactSign(payload).setProtectedHeader({ ...header, alg: header.alg! }).sign(k, crit ? { crit } : {});
}

/** A fresh jti with 128 bits of randomness (DPoP-SK §4 asks for at least 96). */
export function newJti(): string {
  return base64url.encode(randomBytes(16));
}

export function nowSeconds(offsetSeconds = 0): number {
  return Math.floor(Date.now() / 1000) + offsetSeconds;
}
