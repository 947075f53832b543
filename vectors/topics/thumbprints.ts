import { createHash } from 'node:crypto';
import { base64url, type JWK } from 'jose';
import { ValueMismatch } from '../../protocol/errors.js';
import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { FileBuilder } from '../lib/builder.js';
import type { Topic } from '../lib/types.js';
import { verdictOf } from '../lib/verdict.js';

/** RFC 7638 §3.1 example key and its thumbprint. */
const RFC7638_KEY: JWK = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};

const REQUIRED: Record<string, string[]> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
};

/** Thumbprints computed with the classic mistakes, each differing from RFC 7638 §3. */
const MISTAKES: Record<string, (jwk: JWK) => string> = {
  // §3.2: members in lexicographic order; this uses the JWK's own member order and keeps alg.
  UnsortedMembers: (jwk) => b64(sha('sha256', JSON.stringify(publicJwk(jwk)))),
  // §3: the hash is SHA-256 for jkt (RFC 9449 §6.1), not SHA-1.
  Sha1: (jwk) => b64(sha('sha1', canonical(jwk))),
  // RFC 7515 §2 base64url without padding; this is standard base64 with padding.
  PaddedBase64: (jwk) => sha('sha256', canonical(jwk)).toString('base64'),
};

/** The EC key with its coordinates stripped of leading zero bytes, when that changes one; else undefined. */
function strippedCoordinates(jwk: JWK): JWK | undefined {
  if (jwk.kty !== 'EC') return undefined;
  const strip = (c: string) => {
    const bytes = base64url.decode(c);
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    return base64url.encode(bytes.subarray(i));
  };
  const x = strip(jwk.x!);
  const y = strip(jwk.y!);
  return x === jwk.x && y === jwk.y ? undefined : { ...jwk, x, y };
}

const sha = (alg: string, s: string) => createHash(alg).update(s, 'utf8').digest();
const b64 = (b: Uint8Array) => base64url.encode(b);
function canonical(jwk: JWK): string {
  const members = REQUIRED[jwk.kty!];
  return JSON.stringify(Object.fromEntries(members.map((m) => [m, (jwk as Record<string, unknown>)[m]])));
}

export const thumbprints: Topic = {
  name: 'thumbprints',
  async generate() {
    const inputs = loadInputs();
    const f = new FileBuilder();
    const keys: [string, JWK][] = [
      ['RFC 7638 §3.1 example key', RFC7638_KEY],
      ['as_signing_key', publicJwk(inputs.as_signing_key)],
      ...Object.entries(inputs.client_keys).map(([n, k]) => [n, publicJwk(k)] as [string, JWK]),
    ];
    const g = f.group('JwkThumbprint', { hash: 'SHA-256' });
    for (const [name, jwk] of keys) {
      const jkt = await jwkThumbprint(jwk);
      g.add({ comment: `${name}: RFC 7638 thumbprint`, result: 'valid', jwk, jkt });
      const withExtras = { ...jwk, use: 'sig', kid: `kid-of-${name}` };
      g.add({
        comment: `${name}: optional members (alg, use, kid) do not change the thumbprint (RFC 7638 §3.2)`,
        flags: ['OptionalMembers'],
        result: 'valid',
        jwk: withExtras,
        jkt,
      });
    }
    for (const [name, jwk] of keys) {
      for (const [flag, mistake] of Object.entries(MISTAKES)) {
        g.add({
          comment: `${name}: thumbprint computed with mistake ${flag}`,
          flags: [flag],
          result: 'invalid',
          reason: 'THUMBPRINT_MISMATCH',
          jwk,
          jkt: mistake(jwk),
        });
      }
    }
    for (const [name, jwk] of keys) {
      const stripped = strippedCoordinates(jwk);
      if (!stripped) continue;
      g.add({
        comment: `${name}: thumbprint over EC coordinates stripped of their leading zero bytes`,
        flags: ['StrippedLeadingZeros'],
        result: 'invalid',
        reason: 'THUMBPRINT_MISMATCH',
        jwk,
        jkt: b64(sha('sha256', canonical(stripped))),
      });
    }
    return {
      description:
        'RFC 7638 JWK SHA-256 thumbprints, as used for jkt (RFC 9449 §6.1) and the dpop_sk kid (DPoP-SK §3 step 4).',
      specs: ['RFC 7638 §3', 'RFC 9449 §6.1'],
      notes: {
        OptionalMembers: 'Members other than the required ones are left out of the thumbprint input.',
        UnsortedMembers: 'Hash input not in lexicographic member order, or with optional members kept.',
        Sha1: 'SHA-1 used instead of SHA-256.',
        PaddedBase64: 'Standard base64 with padding instead of base64url without padding.',
        StrippedLeadingZeros:
          'EC coordinates re-encoded without their leading zero bytes (as a big-integer round trip does) before hashing; RFC 7518 §6.2.1.2 keeps the full length.',
      },
      testGroups: f.groups,
    };
  },
  async evaluate(_group, test) {
    return verdictOf(async () => {
      const jkt = await jwkThumbprint(test.jwk as JWK);
      if (jkt !== test.jkt) throw new ValueMismatch('THUMBPRINT_MISMATCH', `computed ${jkt}`);
    });
  },
};
