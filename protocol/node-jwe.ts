import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { JWK } from 'jose';

/**
 * The DPoP-SK wrap (a compact JWE, ECDH-ES key agreement, A256GCM; RFC 7518 §4.6, §5.3) by
 * node's synchronous crypto, for the plain case, where jose would give the same result:
 * jose (WebCrypto) generates the ephemeral key, derives and encrypts through the thread
 * pool, a job each. Anything else — another alg or enc, apu/apv/crit/zip, a malformed part,
 * a failed decryption — is left to jose (callers fall back), which decides and names it.
 */

const CURVES = new Set(['P-256', 'P-384', 'P-521']);
const ENC = 'A256GCM';
const B64URL = /^[A-Za-z0-9_-]*$/;

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const lengthPrefixed = (b: Buffer) => Buffer.concat([u32(b.length), b]);

/** RFC 7518 §4.6.2: Concat KDF (SHA-256, one round for a 256-bit key), AlgorithmID = enc (direct agreement). */
function cekOf(z: Buffer): Buffer {
  const other = Buffer.concat([
    lengthPrefixed(Buffer.from(ENC)),
    lengthPrefixed(Buffer.alloc(0)),
    lengthPrefixed(Buffer.alloc(0)),
    u32(256),
  ]);
  return createHash('sha256')
    .update(Buffer.concat([u32(1), z, other]))
    .digest();
}

const privateKeys = new WeakMap<JWK, KeyObject>();

/**
 * The compact JWE of `plaintext` to the EC public `recipient`, under `header` plus the
 * ephemeral key (epk), or undefined when this is not the plain case (then encrypt with jose).
 */
export function encryptPlainly(
  header: Record<string, unknown>,
  plaintext: Uint8Array,
  recipient: JWK,
): string | undefined {
  if (header.alg !== 'ECDH-ES' || header.enc !== ENC) return undefined;
  for (const name of Object.keys(header)) if (!['alg', 'enc', 'kid', 'cty'].includes(name)) return undefined;
  if (recipient.kty !== 'EC' || !CURVES.has(recipient.crv ?? '') || 'key_ops' in recipient || 'ext' in recipient)
    return undefined;
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: recipient.crv, x: recipient.x, y: recipient.y },
    format: 'jwk',
  });
  const { privateKey, publicKey: ephemeral } = generateKeyPairSync('ec', { namedCurve: recipient.crv! });
  const { kty, crv, x, y } = ephemeral.export({ format: 'jwk' });
  const protectedHeader = Buffer.from(JSON.stringify({ ...header, epk: { kty, crv, x, y } })).toString('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cekOf(diffieHellman({ privateKey, publicKey })), iv);
  cipher.setAAD(Buffer.from(protectedHeader));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const b64 = (b: Buffer) => b.toString('base64url');
  return `${protectedHeader}..${b64(iv)}.${b64(ciphertext)}.${b64(cipher.getAuthTag())}`;
}

/**
 * The plaintext of a compact JWE to the EC private `key` when it is the plain case and it
 * decrypts; undefined otherwise ("not decided here": ask jose, which names the failure).
 */
export function decryptPlainly(jwe: string, header: Record<string, unknown>, key: JWK): Uint8Array | undefined {
  if (header.alg !== 'ECDH-ES' || header.enc !== ENC) return undefined;
  for (const name of Object.keys(header)) if (!['alg', 'enc', 'kid', 'cty', 'epk'].includes(name)) return undefined;
  const epk = header.epk as JWK | undefined;
  if (typeof epk !== 'object' || epk === null || epk.kty !== 'EC' || epk.crv !== key.crv) return undefined;
  if (key.kty !== 'EC' || !CURVES.has(key.crv ?? '') || typeof key.d !== 'string' || 'key_ops' in key || 'ext' in key)
    return undefined;
  const parts = jwe.split('.');
  if (parts.length !== 5 || parts[1] !== '' || !parts.every((p) => B64URL.test(p) && p.length % 4 !== 1))
    return undefined;
  try {
    const iv = Buffer.from(parts[2], 'base64url');
    const tag = Buffer.from(parts[4], 'base64url');
    if (iv.length !== 12 || tag.length !== 16) return undefined;
    let privateKey = privateKeys.get(key);
    if (!privateKey) privateKeys.set(key, (privateKey = createPrivateKey({ key: key as JsonWebKey, format: 'jwk' })));
    const publicKey = createPublicKey({ key: { kty: 'EC', crv: epk.crv, x: epk.x, y: epk.y }, format: 'jwk' });
    const decipher = createDecipheriv('aes-256-gcm', cekOf(diffieHellman({ privateKey, publicKey })), iv);
    decipher.setAAD(Buffer.from(parts[0]));
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(parts[3], 'base64url')), decipher.final()]));
  } catch {
    return undefined;
  }
}
