import { createHash, hkdfSync } from 'node:crypto';
import { base64url } from 'jose';
import { SK_INFO, SK_LENGTH } from '../../protocol/derive-sk.js';
import type { SharedSecret } from '../../protocol/shared-secret.js';

/** A key shown in a report by a short SHA-256 fingerprint, never its bytes. */
export const skFingerprint = (key: Uint8Array): string =>
  `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

const hkdf = (ikm: Uint8Array, salt: Uint8Array, info: string) =>
  new Uint8Array(hkdfSync('sha256', ikm, salt, Buffer.from(info, 'ascii'), SK_LENGTH));
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Why an issued SK is not HKDF(S_v, r): expected and actual as fingerprints (the keys stay
 * secret), the inputs by name, and the usual mistake when the SK matches one (another secret
 * version, IKM and salt swapped, another info string).
 */
export function describeSkMismatch(
  actual: Uint8Array,
  secret: SharedSecret,
  others: readonly SharedSecret[],
  rB64: string,
): string {
  const r = base64url.decode(rB64);
  const s = base64url.decode(secret.secret);
  const expected = hkdf(s, r, SK_INFO);
  const tries: [string, () => Uint8Array][] = [
    ...others.map((o): [string, () => Uint8Array] => [
      `HKDF with S_${o.version} (${o.status}) instead of S_${secret.version}`,
      () => hkdf(base64url.decode(o.secret), r, SK_INFO),
    ]),
    ['IKM and salt swapped (IKM = r, salt = S_v)', () => hkdf(r, s, SK_INFO)],
    ['an empty info instead of "DPoP-SK-v1"', () => hkdf(s, r, '')],
  ];
  const match = tries.find(([, f]) => same(f(), actual));
  return [
    `the SK in dpop_sk is not HKDF(S_v, cnf.sk.r)`,
    `expected ${skFingerprint(expected)} = HKDF-SHA256(IKM = S_${secret.version}, salt = cnf.sk.r (${r.length} bytes), info = "${SK_INFO}", L = ${SK_LENGTH})`,
    `actual ${skFingerprint(actual)} (${actual.length} bytes)${match ? `, which is ${match[0]}` : ''}`,
  ].join('; ');
}
