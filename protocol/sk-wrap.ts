import { base64url, CompactEncrypt, type JWK } from 'jose';
import { KeyUnwrapFailed } from './errors.js';
import { publicJwk } from './jwk.js';
import { keyFor } from './sign.js';
import { jwkThumbprint } from './thumbprint.js';

export const WRAP_ENC = 'A256GCM';
export const WRAP_CTY = 'jwk+json';

/** The key management alg DPoP-SK §3 step 4 fixes for a recipient key, or undefined (no dpop_sk for it). */
export function wrapAlgFor(jwk: JWK): string | undefined {
  if (jwk.kty === 'EC' && ['P-256', 'P-384', 'P-521'].includes(jwk.crv ?? '')) return 'ECDH-ES';
  if (jwk.kty === 'RSA' && base64url.decode(jwk.n ?? '').length * 8 >= 2048) return 'RSA-OAEP-256';
  return undefined;
}

export interface WrapOverrides {
  /** Encrypt to this key instead (the "wrong recipient" fault); the kid still names `recipient`. */
  encryptTo?: JWK;
  alg?: string;
  enc?: string;
  kid?: string;
  cty?: string;
}

/** The `dpop_sk` JWE (DPoP-SK §3 steps 3–4): the oct JWK of SK, encrypted to the proof's key. */
export async function wrapSk(sk: Uint8Array, recipient: JWK, extra: Record<string, unknown> = {}, o: WrapOverrides = {}): Promise<string> {
  const target = publicJwk(o.encryptTo ?? recipient);
  const alg = o.alg ?? wrapAlgFor(target);
  if (!alg) throw new KeyUnwrapFailed('WRAP_UNSUPPORTED_KEY', `kty ${recipient.kty} ${recipient.crv ?? ''}`.trim());
  const plaintext = JSON.stringify({ kty: 'oct', alg: 'HS256', k: base64url.encode(sk), ...extra });
  return new CompactEncrypt(new TextEncoder().encode(plaintext))
    .setProtectedHeader({ alg, enc: o.enc ?? WRAP_ENC, kid: o.kid ?? (await jwkThumbprint(publicJwk(recipient))), cty: o.cty ?? WRAP_CTY })
    .encrypt(await keyFor(target, alg));
}
