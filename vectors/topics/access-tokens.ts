import { base64url, type JWK } from 'jose';
import { resolveTokenSk } from '../../protocol/cnf-sk.js';
import { deriveSkB64 } from '../../protocol/derive-sk.js';
import { ProofInvalid, TokenInvalid, ValueMismatch } from '../../protocol/errors.js';
import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { accessTokenHeader, mintAccessToken, type AccessTokenClaims } from '../../protocol/token-mint.js';
import { newJti, signCompact } from '../../protocol/sign.js';
import { verifyAccessToken } from '../../protocol/token-verify.js';
import { FileBuilder, verdictFields } from '../lib/builder.js';
import type { Topic } from '../lib/types.js';
import { verdictOf } from '../lib/verdict.js';
import { VECTOR_NOW } from './vector-clock.js';

const ISSUER = 'https://as.example.com';

interface Case {
  comment: string;
  flags?: string[];
  reason?: string;
  key?: ClientKeyName;
  claims?: (c: AccessTokenClaims) => AccessTokenClaims;
  typ?: string;
  /** Sign with this key instead of the AS key (kid kept). */
  signer?: ClientKeyName;
  proofKey?: ClientKeyName;
  r?: number;
}

const withSk =
  (f: (sk: NonNullable<NonNullable<AccessTokenClaims['cnf']>['sk']>) => object) =>
  (c: AccessTokenClaims): AccessTokenClaims => ({
    ...c,
    cnf: { ...c.cnf, sk: { ...c.cnf!.sk!, ...f(c.cnf!.sk!) } },
  });

/** A token under another typ than at+jwt (the WrongTyp case). */
function mintWithTyp(signer: JWK, claims: AccessTokenClaims, typ: string): Promise<string> {
  return signCompact({ ...accessTokenHeader(signer), typ }, { jti: newJti(), ...claims }, signer);
}

export const accessTokens: Topic = {
  name: 'access-tokens',
  async generate(keep) {
    const inputs = loadInputs();
    const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
    const retired = inputs.shared_secrets.find((s) => s.status === 'retired')!;
    const cases: Case[] = [
      { comment: 'client-p256 token, active version, sample_r[0]' },
      { comment: 'client-p256 token, active version, sample_r[1]', r: 1 },
      { comment: 'client-p256 token, active version, sample_r[2]', r: 2 },
      { comment: 'client-p384 token', key: 'client-p384', proofKey: 'client-p384' },
      { comment: 'client-rsa2048 token', key: 'client-rsa2048', proofKey: 'client-rsa2048' },
      {
        comment: 'cnf.sk.exp earlier than exp (shorter-lived key) and still in the future',
        flags: ['ShortKeyLifetime'],
        claims: withSk(() => ({ exp: VECTOR_NOW + 30 })),
      },
      {
        comment: `cnf.sk.v is ${inputs.unknown_version}, unknown to the RS (bad salt version)`,
        reason: 'TOKEN_SK_UNKNOWN_VERSION',
        flags: ['UnknownVersion'],
        claims: withSk(() => ({ v: inputs.unknown_version })),
      },
      {
        comment: `cnf.sk.v is ${retired.version}, retired`,
        reason: 'TOKEN_SK_RETIRED_VERSION',
        flags: ['RetiredVersion'],
        claims: withSk(() => ({ v: retired.version })),
      },
      {
        comment: 'cnf.sk.exp in the past while the token is valid (expired key)',
        reason: 'TOKEN_SK_EXPIRED',
        flags: ['ExpiredKey'],
        claims: withSk(() => ({ exp: VECTOR_NOW - 1 })),
      },
      {
        comment: 'cnf.sk.r is 31 bytes',
        reason: 'TOKEN_SK_MALFORMED',
        flags: ['MalformedCnfSk'],
        claims: withSk((s) => ({ r: base64url.encode(base64url.decode(s.r).subarray(0, 31)) })),
      },
      {
        comment: 'cnf.sk has no exp',
        reason: 'TOKEN_SK_MALFORMED',
        flags: ['MalformedCnfSk'],
        claims: (c) => ({ ...c, cnf: { jkt: c.cnf!.jkt, sk: { v: c.cnf!.sk!.v, r: c.cnf!.sk!.r } as never } }),
      },
      {
        comment: 'no cnf.sk (a plain RFC 9449 token)',
        reason: 'TOKEN_NO_CNF_SK',
        flags: ['NoCnfSk'],
        claims: (c) => ({ ...c, cnf: { jkt: c.cnf!.jkt } }),
      },
      {
        comment: 'cnf.jkt is the thumbprint of another key than the proof key',
        reason: 'PROOF_JKT_MISMATCH',
        flags: ['JktMismatch'],
        proofKey: 'client-p256-other',
      },
      {
        comment: 'no cnf.jkt',
        reason: 'TOKEN_NOT_DPOP_BOUND',
        flags: ['NotBound'],
        claims: (c) => ({ ...c, cnf: { sk: c.cnf!.sk } }),
      },
      {
        comment: 'token exp in the past',
        reason: 'TOKEN_EXPIRED',
        flags: ['TokenExpired'],
        claims: (c) => ({ ...c, exp: VECTOR_NOW - 1, cnf: { ...c.cnf, sk: { ...c.cnf!.sk!, exp: VECTOR_NOW - 1 } } }),
      },
      {
        comment: 'aud names another RS',
        reason: 'TOKEN_AUD_MISMATCH',
        flags: ['WrongAudience'],
        claims: (c) => ({ ...c, aud: 'urn:other:rs' }),
      },
      {
        comment: 'iss is another issuer',
        reason: 'TOKEN_ISS_MISMATCH',
        flags: ['WrongIssuer'],
        claims: (c) => ({ ...c, iss: 'https://other-as.example.com' }),
      },
      {
        comment: 'signed by client-p256 under the AS kid',
        reason: 'TOKEN_BAD_SIGNATURE',
        flags: ['UntrustedSigner'],
        signer: 'client-p256',
      },
      { comment: 'typ JWT instead of at+jwt', reason: 'TOKEN_BAD_TYP', flags: ['WrongTyp'], typ: 'JWT' },
    ];
    const f = new FileBuilder();
    const g = f.group('AccessTokenWithCnfSk', {
      issuer: ISSUER,
      audience: inputs.audience,
      trustedKey: publicJwk(inputs.as_signing_key),
      secrets: 'vectors/inputs.json shared_secrets',
    });
    for (const c of cases) {
      const tcId = g.nextId();
      const key = inputs.client_keys[c.key ?? 'client-p256'];
      const r = inputs.sample_r[c.r ?? 0];
      const base: AccessTokenClaims = {
        iss: ISSUER,
        aud: inputs.audience,
        sub: 'conformance-client',
        client_id: 'conformance-client',
        iat: VECTOR_NOW - 10,
        exp: VECTOR_NOW + 600,
        jti: `vector-at-${tcId}`,
        cnf: { jkt: await jwkThumbprint(publicJwk(key)), sk: { v: active.version, r, exp: VECTOR_NOW + 300 } },
      };
      const claims = (c.claims ?? ((x) => x))(base);
      const signer: JWK = c.signer
        ? { ...inputs.client_keys[c.signer], kid: inputs.as_signing_key.kid }
        : inputs.as_signing_key;
      const mint = () => (c.typ === undefined ? mintAccessToken(signer, claims) : mintWithTyp(signer, claims, c.typ));
      const token = await keep.test(tcId, 'token', mint);
      const proofKey = c.proofKey ?? c.key ?? 'client-p256';
      g.add({
        ...verdictFields(c),
        token,
        now: VECTOR_NOW,
        proofKey,
        proofJkt: await jwkThumbprint(publicJwk(inputs.client_keys[proofKey])),
        ...(c.reason ? {} : { sk: deriveSkB64(active.secret, r) }),
      });
    }
    return {
      description:
        'DPoP-SK Model A access tokens at the RS (DPoP-SK §5 steps 1-4, RFC 9068 §4, RFC 9449 §7.1): validate the token, bind it to the proof key, resolve cnf.sk with the shared secrets of vectors/inputs.json, derive SK.',
      specs: ['DPoP-SK §3 step 2', 'DPoP-SK §5', 'RFC 9068 §4', 'RFC 9449 §6.1'],
      notes: {
        ShortKeyLifetime: 'cnf.sk.exp may be earlier than exp.',
        UnknownVersion: 'Bad salt version.',
        RetiredVersion: 'Secret version retired.',
        ExpiredKey: 'cnf.sk.exp past.',
        MalformedCnfSk: 'cnf.sk incomplete.',
        NoCnfSk: 'No symmetric key in the token.',
        JktMismatch: 'Token bound to another key.',
        NotBound: 'No cnf.jkt.',
        TokenExpired: 'exp past.',
        WrongAudience: 'aud mismatch.',
        WrongIssuer: 'iss mismatch.',
        UntrustedSigner: 'Signature not by the AS key.',
        WrongTyp: 'typ not at+jwt.',
      },
      testGroups: f.groups,
    };
  },
  async evaluate(group, t) {
    const inputs = loadInputs();
    return verdictOf(async () => {
      const claims = await verifyAccessToken(t.token as string, {
        trustedKeys: [group.trustedKey as JWK],
        issuer: group.issuer as string,
        audience: group.audience as string,
        now: t.now as number,
      });
      if (!claims.cnf?.jkt) throw new TokenInvalid('TOKEN_NOT_DPOP_BOUND');
      if (claims.cnf.jkt !== t.proofJkt) throw new ProofInvalid('PROOF_JKT_MISMATCH');
      const { sk } = resolveTokenSk(claims, inputs.shared_secrets, t.now as number);
      if (base64url.encode(sk) !== t.sk) throw new ValueMismatch('SK_MISMATCH');
    });
  },
};
