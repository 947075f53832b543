import { base64url } from 'jose';
import { deriveSkB64 } from '../../protocol/derive-sk.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { unwrapSk } from '../../protocol/sk-unwrap.js';
import { describeSkMismatch } from './sk-mismatch.js';
import { issuedClaims } from './token-claims.js';
import type { NamedCheck } from './types.js';

function isR(r: unknown): r is string {
  try {
    return typeof r === 'string' && base64url.decode(r).length === 32;
  } catch {
    return false;
  }
}

export const dpopSkIsHkdf: NamedCheck = {
  name: 'dpop-sk-is-hkdf',
  ref: 'DPoP-SK §2, §3 steps 1-2',
  requirement:
    'the token carries cnf.sk {v, r, exp} with v the active secret version, and SK = HKDF-SHA256(S_v, r, "DPoP-SK-v1", 32)',
  async run(i) {
    const claims = issuedClaims(i);
    if (typeof claims === 'string') return claims;
    const cnf: unknown = claims.cnf;
    const sk: unknown = cnf && typeof cnf === 'object' ? (cnf as Record<string, unknown>).sk : undefined;
    if (!sk || typeof sk !== 'object') return 'the access token has no cnf.sk';
    const { v, r } = sk as Record<string, unknown>;
    const inputs = loadInputs();
    const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
    if (v !== active.version) return `cnf.sk.v is ${JSON.stringify(v)}, the active version is ${active.version}`;
    if (typeof i.body.dpop_sk !== 'string') return 'the response has no dpop_sk';
    const opened = await unwrapSk(i.body.dpop_sk, inputs.client_keys[i.proofKey]).catch(() => undefined);
    if (!opened) return 'dpop_sk does not open with the proof key';
    if (!isR(r)) return 'cnf.sk.r is not 32 bytes, base64url-encoded';
    return base64url.encode(opened.sk) === deriveSkB64(active.secret, r)
      ? undefined
      : describeSkMismatch(
          opened.sk,
          active,
          inputs.shared_secrets.filter((s) => s !== active),
          r,
        );
  },
};
