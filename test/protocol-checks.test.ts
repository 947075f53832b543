import { expect } from 'chai';
import { base64url, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { loadInputs } from '../base/fixed-inputs.js';
import { ACCESS_TOKEN_CHECKS, type AccessTokenSubject } from '../protocol/access-token-checks.js';
import { ASYMMETRIC_PROOF_CHECKS, type AsymmetricProofSubject } from '../protocol/asymmetric-proof-checks.js';
import { accessTokenHash } from '../protocol/ath.js';
import { runChecks, type Check } from '../protocol/check.js';
import { CNF_SK_CHECKS, type CnfSkSubject } from '../protocol/cnf-sk-checks.js';
import { resolveTokenSk } from '../protocol/cnf-sk.js';
import { isDpopError, type ProofInvalid } from '../protocol/errors.js';
import { publicJwk } from '../protocol/jwk.js';
import { athCheck } from '../protocol/proof-claims.js';
import { readProof } from '../protocol/proof-header.js';
import { verifyProof } from '../protocol/proof-verify.js';
import type { Reason } from '../protocol/reasons.js';
import { signCompact } from '../protocol/sign.js';
import { SYMMETRIC_PROOF_CHECKS, type SymmetricProofSubject } from '../protocol/symmetric-proof-checks.js';
import { jwkThumbprint } from '../protocol/thumbprint.js';
import { TICKET_CHECKS, type TicketSubject } from '../protocol/ticket-checks.js';
import { createTicket, openTicket } from '../protocol/ticket.js';
import { accessTokenHeader, mintAccessToken, type AccessTokenClaims } from '../protocol/token-mint.js';
import { verifyAccessToken } from '../protocol/token-verify.js';

const inputs = loadInputs();
const p256 = inputs.client_keys['client-p256'];
const other = inputs.client_keys['client-p256-other'];
const asKey = inputs.as_signing_key;
const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
const retired = inputs.shared_secrets.find((s) => s.status === 'retired')!;
const now = 1_800_000_000;
const htu = 'https://rs.example.com/r';
const accessToken = 'the-access-token';
const issuer = 'https://as.example.com';

/** The reason a check (or list) gave, or 'passes'. */
async function outcome(run: () => void | Promise<void>): Promise<string> {
  try {
    await run();
    return 'passes';
  } catch (e) {
    if (isDpopError(e)) return e.reason;
    throw e;
  }
}

/** An input only the named check refuses, and the reason it gives. */
interface Refused<S> {
  input: () => Promise<S> | S;
  reason: Reason;
}

/**
 * For each named check of a list: it passes a correct subject, it refuses its input with
 * its reason, the whole list refuses that input with the same reason, and the list without
 * that one check lets the input through.
 */
function describeList<S>(
  title: string,
  list: readonly Check<S>[],
  correct: () => Promise<S> | S,
  refused: Record<string, Refused<S>>,
): void {
  describe(title, () => {
    it('names each check once, in kebab-case, with a reference, and the test refuses an input for each', () => {
      const names = list.map((c) => c.name);
      expect(new Set(names).size, 'unique names').to.equal(names.length);
      for (const c of list) {
        expect(c.name).to.match(/^[a-z]+(-[a-z]+)*$/);
        expect(c.ref).to.match(/(RFC \d+|DPoP-SK) §/);
      }
      expect(Object.keys(refused).sort()).to.deep.equal([...names].sort());
    });

    it('lets a correct subject through', async () => {
      expect(await outcome(async () => runChecks(list, await correct()))).to.equal('passes');
    });

    for (const check of list) {
      const { input, reason } = refused[check.name] ?? { input: correct, reason: 'missing case' as Reason };
      it(`${check.name} (${check.ref}) refuses its input with ${reason}, and only it does`, async () => {
        expect(await outcome(async () => check.run(await correct())), 'on a correct subject').to.equal('passes');
        expect(await outcome(async () => check.run(await input())), 'alone').to.equal(reason);
        expect(await outcome(async () => runChecks(list, await input())), 'in its list').to.equal(reason);
        const without = list.filter((c) => c !== check);
        expect(await outcome(async () => runChecks(without, await input())), 'the list without it').to.equal('passes');
      });
    }
  });
}

/** A signed proof for GET htu with the access token and the nonce "fresh", decoded as the checks see it. */
async function proofSubject(header: object, claims: object, key: JWK | Uint8Array) {
  const ath = accessTokenHash(accessToken);
  const all = { jti: 'jti-1', htm: 'GET', htu, iat: now - 5, ath, nonce: 'fresh', ...claims };
  const proof = await signCompact(header as never, all, key);
  const request = { htm: 'GET', htu, now, iatWindow: 60, accessToken, nonces: ['fresh'] };
  return { proof, ...readProof(proof), request };
}

/** The claim checks' inputs, the same for both kinds of proof. */
function claimCases<S>(make: (claims: object) => Promise<S>): Record<string, Refused<S>> {
  return {
    'required-claims': { input: () => make({ jti: undefined }), reason: 'PROOF_MISSING_CLAIM' },
    htm: { input: () => make({ htm: 'POST' }), reason: 'PROOF_HTM_MISMATCH' },
    htu: { input: () => make({ htu: 'https://rs.example.com/other' }), reason: 'PROOF_HTU_MISMATCH' },
    nonce: { input: () => make({ nonce: 'stale' }), reason: 'PROOF_NONCE_MISMATCH' },
    iat: { input: () => make({ iat: now - 3600 }), reason: 'PROOF_IAT_OUT_OF_WINDOW' },
    ath: { input: () => make({ ath: accessTokenHash('another-token') }), reason: 'PROOF_ATH_MISMATCH' },
  };
}

describe('protocol check lists: each named check refuses what it is named for, and nothing else does', () => {
  const asymmetric = async (header: object = {}, claims: object = {}, o: { key?: JWK; expectedJkt?: string } = {}) => {
    const fullHeader = { typ: 'dpop+jwt', alg: 'ES256', jwk: publicJwk(p256), ...header };
    const { request, ...decoded } = await proofSubject(fullHeader, claims, o.key ?? p256);
    const expectedJkt = o.expectedJkt ?? (await jwkThumbprint(p256));
    const subject: AsymmetricProofSubject = { ...decoded, ctx: { ...request, expectedJkt } };
    return subject;
  };
  describeList('ASYMMETRIC_PROOF_CHECKS (RFC 9449 §4.3)', ASYMMETRIC_PROOF_CHECKS, () => asymmetric(), {
    typ: { input: () => asymmetric({ typ: 'JWT' }), reason: 'PROOF_BAD_TYP' },
    alg: { input: () => asymmetric({ alg: 'none' }), reason: 'PROOF_ALG_NOT_ALLOWED' },
    'jwk-present': { input: () => asymmetric({ jwk: undefined }), reason: 'PROOF_JWK_MISSING' },
    'jwk-public': { input: () => asymmetric({ jwk: p256 }), reason: 'PROOF_JWK_PRIVATE' },
    signature: { input: () => asymmetric({}, {}, { key: other }), reason: 'PROOF_BAD_SIGNATURE' },
    ...claimCases((claims) => asymmetric({}, claims)),
    jkt: {
      input: async () => asymmetric({}, {}, { expectedJkt: await jwkThumbprint(other) }),
      reason: 'PROOF_JKT_MISMATCH',
    },
  });

  const sk = new Uint8Array(32).fill(7);
  const symmetric = async (header: object = {}, claims: object = {}, key = sk) => {
    const fullHeader = { typ: 'dpop-sk+jwt', alg: 'HS256', ...header };
    const { request, ...decoded } = await proofSubject(fullHeader, claims, key);
    const subject: SymmetricProofSubject = { ...decoded, sk, ctx: { ...request, model: 'A' } };
    return subject;
  };
  describeList('SYMMETRIC_PROOF_CHECKS (DPoP-SK §4, §5 steps 5-6)', SYMMETRIC_PROOF_CHECKS, () => symmetric(), {
    typ: { input: () => symmetric({ typ: 'dpop+jwt' }), reason: 'PROOF_BAD_TYP' },
    alg: { input: () => symmetric({ alg: 'none' }), reason: 'PROOF_ALG_NOT_ALLOWED' },
    'sk-header-rules': { input: () => symmetric({ jwk: publicJwk(p256) }), reason: 'PROOF_FORBIDDEN_HEADER' },
    signature: { input: () => symmetric({}, {}, new Uint8Array(32).fill(8)), reason: 'PROOF_BAD_MAC' },
    ...claimCases((claims) => symmetric({}, claims)),
  });

  const tokenClaims = { iss: issuer, aud: inputs.audience, sub: 's', client_id: 'c', iat: now - 10, exp: now + 600 };
  const token = async (claims: object = {}, header: object = {}, signer: JWK = asKey) => {
    const signed = await signCompact({ ...accessTokenHeader(asKey), ...header }, { ...tokenClaims, ...claims }, signer);
    const ctx = { trustedKeys: [publicJwk(asKey)], issuer, audience: inputs.audience, now };
    const decoded = { header: decodeProtectedHeader(signed), claims: decodeJwt(signed) };
    const subject: AccessTokenSubject = { token: signed, ...decoded, ctx };
    return subject;
  };
  describeList('ACCESS_TOKEN_CHECKS (RFC 9068 §4)', ACCESS_TOKEN_CHECKS, () => token(), {
    'well-formed': { input: () => token({ iat: 'yesterday' }), reason: 'TOKEN_MALFORMED' },
    typ: { input: () => token({}, { typ: 'JWT' }), reason: 'TOKEN_BAD_TYP' },
    signature: { input: () => token({}, {}, p256), reason: 'TOKEN_BAD_SIGNATURE' },
    iss: { input: () => token({ iss: 'https://other-as.example.com' }), reason: 'TOKEN_ISS_MISMATCH' },
    aud: { input: () => token({ aud: 'urn:other:rs' }), reason: 'TOKEN_AUD_MISMATCH' },
    nbf: { input: () => token({ nbf: now + 600 }), reason: 'TOKEN_MALFORMED' },
    exp: { input: () => token({ exp: now - 1 }), reason: 'TOKEN_EXPIRED' },
  });

  /** A token's claims with cnf.sk (changed by `change`), or without (undefined). */
  const cnf = (change: object | undefined): CnfSkSubject => {
    const sk = { v: active.version, r: inputs.sample_r[0], exp: now + 30, ...change };
    const claims: AccessTokenClaims = { ...tokenClaims, cnf: change ? { jkt: 'jkt', sk } : { jkt: 'jkt' } };
    return { claims, secrets: inputs.shared_secrets, now };
  };
  const shortR = base64url.encode(base64url.decode(inputs.sample_r[0]).subarray(0, 31));
  describeList('CNF_SK_CHECKS (DPoP-SK §5 steps 2-4)', CNF_SK_CHECKS, () => cnf({}), {
    present: { input: () => cnf(undefined), reason: 'TOKEN_NO_CNF_SK' },
    'well-formed': { input: () => cnf({ r: shortR }), reason: 'TOKEN_SK_MALFORMED' },
    'version-known': { input: () => cnf({ v: inputs.unknown_version }), reason: 'TOKEN_SK_UNKNOWN_VERSION' },
    'version-active': { input: () => cnf({ v: retired.version }), reason: 'TOKEN_SK_RETIRED_VERSION' },
    'not-expired': { input: () => cnf({ exp: now }), reason: 'TOKEN_SK_EXPIRED' },
  });

  const ticket = (body: object = {}, tokenJkt = 'jkt-1'): TicketSubject => ({
    body: { k: base64url.encode(sk), jkt: 'jkt-1', exp: now + 60, ...body },
    now,
    token: { ...tokenClaims, cnf: { jkt: tokenJkt } },
  });
  describeList('TICKET_CHECKS (DPoP-SK §6 step 4)', TICKET_CHECKS, () => ticket(), {
    'well-formed': { input: () => ticket({ k: base64url.encode(sk.subarray(0, 16)) }), reason: 'PROOF_TICKET_INVALID' },
    'not-expired': { input: () => ticket({ exp: now }), reason: 'PROOF_TICKET_EXPIRED' },
    'bound-to-token-key': { input: () => ticket({}, 'jkt-2'), reason: 'PROOF_TICKET_JKT_MISMATCH' },
  });

  describe('the entry points run the full list unless given another', () => {
    const without = <S>(list: readonly Check<S>[], name: string) => list.filter((c) => c.name !== name);

    it('verifyProof', async () => {
      const { proof, ctx } = await asymmetric({}, { htm: 'POST' });
      expect(await outcome(() => verifyProof(proof, ctx).then(() => undefined))).to.equal('PROOF_HTM_MISMATCH');
      const verified = await verifyProof(proof, ctx, without(ASYMMETRIC_PROOF_CHECKS, 'htm'));
      expect(verified.jkt).to.equal(await jwkThumbprint(p256));
    });

    it('verifyAccessToken', async () => {
      const expired = await mintAccessToken(asKey, { ...tokenClaims, exp: now - 1 });
      const ctx = { trustedKeys: [publicJwk(asKey)], issuer, audience: inputs.audience, now };
      expect(await outcome(() => verifyAccessToken(expired, ctx).then(() => undefined))).to.equal('TOKEN_EXPIRED');
      expect((await verifyAccessToken(expired, ctx, without(ACCESS_TOKEN_CHECKS, 'exp'))).exp).to.equal(now - 1);
    });

    it('resolveTokenSk', async () => {
      const { claims } = cnf({ v: retired.version });
      const { shared_secrets: secrets } = inputs;
      expect(await outcome(() => void resolveTokenSk(claims, secrets, now))).to.equal('TOKEN_SK_RETIRED_VERSION');
      const resolved = resolveTokenSk(claims, secrets, now, without(CNF_SK_CHECKS, 'version-active'));
      expect(resolved.version).to.equal(retired.version);
    });

    it('openTicket (which decrypts first: a ticket that does not open is refused whatever the list)', async () => {
      const rsKey = new Uint8Array(32).fill(1);
      const sealed = await createTicket(rsKey, { sk, jkt: 'jkt-1', exp: now - 1 });
      const open = (key: Uint8Array, checks?: readonly Check<TicketSubject>[]) => () =>
        openTicket(sealed, key, now, { checks }).then(() => undefined);
      expect(await outcome(open(rsKey))).to.equal('PROOF_TICKET_EXPIRED');
      expect(await outcome(open(rsKey, without(TICKET_CHECKS, 'not-expired')))).to.equal('passes');
      expect(await outcome(open(new Uint8Array(32), []))).to.equal('PROOF_TICKET_INVALID');
    });
  });
});

describe('athCheck (RFC 9449 §4.3 check 12) with the hash its caller computed (the RS keys its token cache by it)', () => {
  const ctx = { htm: 'GET', htu, now, iatWindow: 60, accessToken };
  for (const [what, ath, refused] of [
    ['the token’s hash', accessTokenHash(accessToken), false],
    ['another token’s hash', accessTokenHash('another-token'), true],
  ] as const) {
    it(`gives the same verdict on ${what} whether ctx.accessTokenHash is given or computed`, () => {
      const verdict = (c: typeof ctx & { accessTokenHash?: string }) => {
        try {
          athCheck.run({ claims: { ath }, ctx: c });
          return 'accepted';
        } catch (e) {
          return (e as ProofInvalid).reason;
        }
      };
      const computed = verdict(ctx);
      expect(computed).to.equal(refused ? 'PROOF_ATH_MISMATCH' : 'accepted');
      expect(verdict({ ...ctx, accessTokenHash: accessTokenHash(accessToken) })).to.equal(computed);
    });
  }
});
