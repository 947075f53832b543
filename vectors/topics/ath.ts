import { createHash } from 'node:crypto';
import { base64url } from 'jose';
import { accessTokenHash } from '../../protocol/ath.js';
import { ValueMismatch } from '../../protocol/errors.js';
import { FileBuilder } from '../lib/builder.js';
import type { Topic } from '../lib/types.js';
import { verdictOf } from '../lib/verdict.js';

const TOKENS: [string, string][] = [
  ['RFC 9449 §7.1 example access token', 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU'],
  ['a JWT-shaped access token', 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJjb25mb3JtYW5jZSJ9.c2lnbmF0dXJl'],
  ['a one-character token', 'a'],
  ['an opaque token with the full b64token alphabet (RFC 6750 §2.1)', 'AZaz09-._~+/=='],
  ['a 512-character token', 'T'.repeat(512)],
];

const sha = (alg: string, s: string) => createHash(alg).update(s, 'ascii').digest();
const MISTAKES: Record<string, (t: string) => string> = {
  HashedWithScheme: (t) => base64url.encode(sha('sha256', `DPoP ${t}`)),
  PaddedBase64: (t) => sha('sha256', t).toString('base64'),
  HexDigest: (t) => sha('sha256', t).toString('hex'),
  Sha384: (t) => base64url.encode(sha('sha384', t)),
};

export const ath: Topic = {
  name: 'ath',
  async generate() {
    const f = new FileBuilder();
    const g = f.group('AccessTokenHash', { hash: 'SHA-256' });
    for (const [comment, token] of TOKENS)
      g.add({ comment, result: 'valid', accessToken: token, ath: accessTokenHash(token) });
    for (const [comment, token] of TOKENS) {
      for (const [flag, mistake] of Object.entries(MISTAKES)) {
        g.add({
          comment: `${comment}: ath computed with mistake ${flag}`,
          flags: [flag],
          result: 'invalid',
          reason: 'ATH_VALUE_MISMATCH',
          accessToken: token,
          ath: mistake(token),
        });
      }
    }
    return {
      description:
        'The ath claim: base64url(SHA-256(ASCII access token)), RFC 9449 §4.2; DPoP-SK §4 makes it required in symmetric proofs.',
      specs: ['RFC 9449 §4.2', 'DPoP-SK §4'],
      notes: {
        HashedWithScheme: 'Hash taken over "DPoP <token>" (the Authorization value) instead of the token alone.',
        PaddedBase64: 'Standard base64 with padding.',
        HexDigest: 'Hex digest instead of base64url.',
        Sha384: 'SHA-384 instead of SHA-256.',
      },
      testGroups: f.groups,
    };
  },
  async evaluate(_group, test) {
    return verdictOf(() => {
      if (accessTokenHash(test.accessToken as string) !== test.ath) throw new ValueMismatch('ATH_VALUE_MISMATCH');
    });
  },
};
