import { base64url, compactDecrypt, decodeProtectedHeader, type JWK } from 'jose';
import { KeyUnwrapFailed } from './errors.js';
import { publicJwk } from './jwk.js';
import { keyFor } from './sign.js';
import { WRAP_CTY, WRAP_ENC, wrapAlgFor } from './sk-wrap.js';
import { jwkThumbprint } from './thumbprint.js';
import { shownValue } from './shown-value.js';

export interface UnwrappedSk {
  sk: Uint8Array;
  /** The decrypted JWK (Model B adds kid = the ticket, DPoP-SK §6 step 3). */
  jwk: Record<string, unknown>;
  header: Record<string, unknown>;
}

/**
 * Opens a `dpop_sk` JWE (or Model B `DPoP-SK` header) with the client's private DPoP
 * key, enforcing DPoP-SK §3 step 4: the alg fixed for the key type, A256GCM,
 * cty jwk+json, kid = this key's jkt, and a 32-byte HS256 oct key inside.
 */
export async function unwrapSk(jwe: string, privateJwk: JWK): Promise<UnwrappedSk> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jwe);
  } catch (e) {
    throw new KeyUnwrapFailed('WRAP_DECRYPT_FAILED', (e as Error).message);
  }
  const alg = wrapAlgFor(privateJwk);
  if (!alg) throw new KeyUnwrapFailed('WRAP_UNSUPPORTED_KEY');
  if (header.alg !== alg || header.enc !== WRAP_ENC) {
    throw new KeyUnwrapFailed(
      'WRAP_ALG_NOT_ALLOWED',
      `alg ${shownValue(header.alg)} enc ${shownValue(header.enc)}; expected ${alg} ${WRAP_ENC}`,
    );
  }
  if (header.cty !== WRAP_CTY) throw new KeyUnwrapFailed('WRAP_BAD_CTY', `cty ${shownValue(header.cty)}`);
  const jkt = await jwkThumbprint(publicJwk(privateJwk));
  if (header.kid !== jkt)
    throw new KeyUnwrapFailed('WRAP_KID_MISMATCH', `kid ${shownValue(header.kid)}, own jkt ${jkt}`);
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(jwe, await keyFor(privateJwk, alg), {
      keyManagementAlgorithms: [alg],
      contentEncryptionAlgorithms: [WRAP_ENC],
    }));
  } catch (e) {
    throw new KeyUnwrapFailed('WRAP_DECRYPT_FAILED', (e as Error).message);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(plaintext));
  } catch {
    throw new KeyUnwrapFailed('WRAP_BAD_PLAINTEXT', 'not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new KeyUnwrapFailed('WRAP_BAD_PLAINTEXT', 'not a JSON object');
  const jwk = parsed as Record<string, unknown>;
  const sk = typeof jwk.k === 'string' ? base64url.decode(jwk.k) : new Uint8Array();
  if (jwk.kty !== 'oct' || jwk.alg !== 'HS256' || sk.length !== 32) {
    throw new KeyUnwrapFailed(
      'WRAP_BAD_PLAINTEXT',
      `kty ${shownValue(jwk.kty)} alg ${shownValue(jwk.alg)} k ${sk.length} bytes`,
    );
  }
  return { sk, jwk, header };
}
