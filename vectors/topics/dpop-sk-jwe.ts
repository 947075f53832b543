import { base64url, type JWK } from 'jose';
import { flipMiddle } from '../../protocol/flip-middle.js';
import { deriveSkB64 } from '../../protocol/derive-sk.js';
import { ValueMismatch } from '../../protocol/errors.js';
import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';
import { unwrapSk } from '../../protocol/sk-unwrap.js';
import { encryptJwk, skJwk, wrapAlgFor, wrapHeaderFor } from '../../protocol/sk-wrap.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { FileBuilder } from '../lib/builder.js';
import type { Topic } from '../lib/types.js';
import { verdictOf } from '../lib/verdict.js';

const RECIPIENTS: { key: ClientKeyName; otherAlg: string }[] = [
  { key: 'client-p256', otherAlg: 'ECDH-ES+A256KW' },
  { key: 'client-p384', otherAlg: 'ECDH-ES+A256KW' },
  { key: 'client-rsa2048', otherAlg: 'RSA-OAEP' },
];

/** What a negative vector changes about the wrapping: the key it is encrypted to, header values. */
interface WrongWrap {
  encryptTo?: JWK;
  alg?: string;
  enc?: string;
  kid?: string;
  cty?: string;
}

/** Changes one base64url character in the middle of segment `seg` of a compact JWE. */
function tamper(jwe: string, seg: number): string {
  const parts = jwe.split('.');
  parts[seg] = flipMiddle(parts[seg]);
  return parts.join('.');
}

export const dpopSkJwe: Topic = {
  name: 'dpop-sk-jwe',
  async generate(keep) {
    const inputs = loadInputs();
    const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
    const sks = inputs.sample_r.map((r) => deriveSkB64(active.secret, r));
    const other = inputs.client_keys['client-p256-other'];
    const f = new FileBuilder();
    for (const { key, otherAlg } of RECIPIENTS) {
      const jwk = inputs.client_keys[key];
      const g = f.group('DpopSkJwe', { recipientKey: key, recipientJkt: await jwkThumbprint(publicJwk(jwk)) });
      /** SK wrapped to the group's key, or encrypted to `encryptTo` and/or under other header values. */
      const wrap =
        (sk: string, extra = {}, o: WrongWrap = {}) =>
        async () => {
          const { encryptTo = jwk, ...header } = o;
          const alg = header.alg ?? wrapAlgFor(encryptTo)!;
          const plaintext = skJwk(base64url.decode(sk), extra);
          return encryptJwk({ ...(await wrapHeaderFor(jwk)), ...header, alg }, plaintext, encryptTo);
        };
      const add = async (
        comment: string,
        sk: string,
        make: () => Promise<string>,
        bad?: { flag: string; reason: string },
      ) => {
        const tcId = g.nextId();
        const jwe = await keep.test(tcId, 'jwe', make);
        g.add({
          comment,
          flags: bad ? [bad.flag] : [],
          result: bad ? 'invalid' : 'valid',
          ...(bad ? { reason: bad.reason } : {}),
          sk,
          jwe,
        });
      };
      for (const [i, sk] of sks.entries())
        await add(`SK from S_${active.version} and sample_r[${i}], wrapped to ${key}`, sk, wrap(sk));
      const sk = sks[0];
      if (jwk.kty === 'EC') {
        await add(`encrypted to client-p256-other, kid still ${key}'s jkt`, sk, wrap(sk, {}, { encryptTo: other }), {
          flag: 'WrongRecipient',
          reason: 'WRAP_DECRYPT_FAILED',
        });
      }
      await add('authentication tag altered', sk, async () => tamper(await wrap(sk)(), 4), {
        flag: 'TamperedTag',
        reason: 'WRAP_DECRYPT_FAILED',
      });
      await add('ciphertext altered', sk, async () => tamper(await wrap(sk)(), 3), {
        flag: 'TamperedCiphertext',
        reason: 'WRAP_DECRYPT_FAILED',
      });
      await add(
        'kid is the jkt of client-p256-other',
        sk,
        wrap(sk, {}, { kid: await jwkThumbprint(publicJwk(other)) }),
        { flag: 'WrongKid', reason: 'WRAP_KID_MISMATCH' },
      );
      await add(`alg ${otherAlg}, not the one DPoP-SK §3 fixes for ${jwk.kty}`, sk, wrap(sk, {}, { alg: otherAlg }), {
        flag: 'AlgNotAllowed',
        reason: 'WRAP_ALG_NOT_ALLOWED',
      });
      await add('enc A128GCM instead of A256GCM', sk, wrap(sk, {}, { enc: 'A128GCM' }), {
        flag: 'AlgNotAllowed',
        reason: 'WRAP_ALG_NOT_ALLOWED',
      });
      await add('cty "json" instead of "jwk+json"', sk, wrap(sk, {}, { cty: 'json' }), {
        flag: 'WrongCty',
        reason: 'WRAP_BAD_CTY',
      });
      await add('plaintext JWK has alg HS384', sk, wrap(sk, { alg: 'HS384' }), {
        flag: 'BadPlaintext',
        reason: 'WRAP_BAD_PLAINTEXT',
      });
      const short = base64url.encode(base64url.decode(sk).subarray(0, 16));
      await add('plaintext k is 16 bytes', short, wrap(short), { flag: 'BadPlaintext', reason: 'WRAP_BAD_PLAINTEXT' });
    }
    return {
      description:
        'The dpop_sk JWE (DPoP-SK §3 steps 3-4): the oct JWK of SK encrypted to the DPoP key of the token request, ECDH-ES for EC keys, RSA-OAEP-256 for RSA, A256GCM, cty jwk+json, kid = jkt of the recipient. Private keys: vectors/inputs.json client_keys[recipientKey].',
      specs: ['DPoP-SK §3', 'RFC 7516 §3', 'RFC 7518 §4.3, §4.6'],
      notes: {
        WrongRecipient:
          'Wrapped to another key (the "key wrapped for the wrong recipient" case); only the proof key may open dpop_sk.',
        TamperedTag: 'GCM tag changed: decryption must fail.',
        TamperedCiphertext: 'Ciphertext changed: decryption must fail.',
        WrongKid: 'kid is not the recipient key thumbprint.',
        AlgNotAllowed: 'Key management or content encryption algorithm not the one the profile fixes.',
        WrongCty: 'cty is not jwk+json.',
        BadPlaintext: 'The decrypted JWK is not a 32-byte HS256 oct key.',
      },
      testGroups: f.groups,
    };
  },
  async evaluate(group, test) {
    const jwk = loadInputs().client_keys[group.recipientKey as ClientKeyName];
    return verdictOf(async () => {
      const { sk } = await unwrapSk(test.jwe as string, jwk);
      if (base64url.encode(sk) !== test.sk)
        throw new ValueMismatch('SK_MISMATCH', 'decrypted SK differs from the stated one');
    });
  },
};
