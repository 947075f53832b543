import { hkdfSync } from 'node:crypto';
import { base64url } from 'jose';
import { deriveSk, SK_INFO } from '../../protocol/derive-sk.js';
import { ValueMismatch } from '../../protocol/errors.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { FileBuilder } from '../lib/builder.js';
import type { Topic } from '../lib/types.js';
import { verdictOf } from '../lib/verdict.js';

const raw = (hash: string, ikm: Uint8Array, salt: Uint8Array, info: string, len = 32) =>
  base64url.encode(new Uint8Array(hkdfSync(hash, ikm, salt, Buffer.from(info, 'ascii'), len)));

export const hkdf: Topic = {
  name: 'hkdf',
  async generate() {
    const inputs = loadInputs();
    const f = new FileBuilder();
    for (const s of inputs.shared_secrets) {
      const g = f.group('SkDerivation', {
        version: s.version,
        status: s.status,
        secret: s.secret,
        info: inputs.sk_info,
      });
      const ikm = base64url.decode(s.secret);
      const rs = inputs.sample_r.map((r) => [r, base64url.decode(r)] as const);
      rs.forEach(([r, salt], i) =>
        g.add({
          comment: `S_${s.version} with sample_r[${i}]`,
          result: 'valid',
          r,
          sk: raw('sha256', ikm, salt, SK_INFO),
        }),
      );
      for (const [i, [r, salt]] of rs.entries()) {
        const at = `S_${s.version}, sample_r[${i}]`;
        g.add({
          comment: `${at}: info "DPoP-SK-v2" instead of "DPoP-SK-v1"`,
          flags: ['WrongInfo'],
          result: 'invalid',
          reason: 'SK_MISMATCH',
          r,
          sk: raw('sha256', ikm, salt, 'DPoP-SK-v2'),
        });
        g.add({
          comment: `${at}: empty info`,
          flags: ['WrongInfo'],
          result: 'invalid',
          reason: 'SK_MISMATCH',
          r,
          sk: raw('sha256', ikm, salt, ''),
        });
        g.add({
          comment: `${at}: IKM and salt swapped (R as IKM, S_V as salt)`,
          flags: ['SwappedIkmSalt'],
          result: 'invalid',
          reason: 'SK_MISMATCH',
          r,
          sk: raw('sha256', salt, ikm, SK_INFO),
        });
        g.add({
          comment: `${at}: HKDF-SHA512 instead of HKDF-SHA256`,
          flags: ['WrongHash'],
          result: 'invalid',
          reason: 'SK_MISMATCH',
          r,
          sk: raw('sha512', ikm, salt, SK_INFO),
        });
        const short = salt.subarray(0, 31);
        g.add({
          comment: `${at}: R truncated to 31 bytes`,
          flags: ['TruncatedR'],
          result: 'invalid',
          reason: 'SK_INPUT_LENGTH',
          r: base64url.encode(short),
          sk: raw('sha256', ikm, short, SK_INFO),
        });
      }
    }
    return {
      description:
        'DPoP-SK §2: SK = HKDF-SHA256(IKM = S_V, salt = R, info = "DPoP-SK-v1", L = 32), for each shared secret version and each sample R.',
      specs: ['DPoP-SK §2', 'RFC 5869 §2'],
      notes: {
        WrongInfo: 'Derived with an info string other than "DPoP-SK-v1".',
        SwappedIkmSalt: 'S_V used as salt and R as IKM.',
        WrongHash: 'HKDF with SHA-512.',
        TruncatedR: 'R is not 32 bytes; a verifier must refuse it before deriving.',
      },
      testGroups: f.groups,
    };
  },
  async evaluate(group, test) {
    return verdictOf(() => {
      const sk = base64url.encode(
        deriveSk(base64url.decode(group.secret as string), base64url.decode(test.r as string)),
      );
      if (sk !== test.sk) throw new ValueMismatch('SK_MISMATCH');
    });
  },
};
