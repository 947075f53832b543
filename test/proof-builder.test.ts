import { expect } from 'chai';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../base/package-root.js';
import { buildProof, type Mutation } from '../runner/proof/build.js';
import { accessTokenHash } from '../protocol/ath.js';
import { isDpopError } from '../protocol/errors.js';
import { publicJwk } from '../protocol/jwk.js';
import { loadInputs } from '../base/fixed-inputs.js';
import { verifyProof } from '../protocol/proof-verify.js';
import { verifySkProof } from '../protocol/sk-proof-verify.js';
import { nowSeconds } from '../protocol/sign.js';
import { DEFAULT_IAT_WINDOW } from '../base/constants.js';

const base = { htm: 'GET', htu: 'https://rs.example/r', accessToken: 'tok' };
const ctx = () => ({ ...base, now: nowSeconds(), iatWindow: DEFAULT_IAT_WINDOW });
const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'valid',
    (e) => (isDpopError(e) ? e.reason : `unexpected ${e}`),
  );

describe('runner proof builder: each YAML mutation kind, keys named, changes exactly what it says', () => {
  it('builds a valid proof when there is no mutation', async () => {
    expect(await reason(verifyProof(await buildProof(base), ctx()))).to.equal('valid');
  });

  const cases: [string, Mutation, (h: Record<string, unknown>, c: Record<string, unknown>) => void, string][] = [
    ['set_claims', { set_claims: { htm: 'POST' } }, (_h, c) => expect(c.htm).to.equal('POST'), 'PROOF_HTM_MISMATCH'],
    ['drop_claims', { drop_claims: ['jti'] }, (_h, c) => expect(c).to.not.have.property('jti'), 'PROOF_MISSING_CLAIM'],
    ['set_header', { set_header: { typ: 'JWT' } }, (h) => expect(h.typ).to.equal('JWT'), 'PROOF_BAD_TYP'],
    ['drop_header', { drop_header: ['jwk'] }, (h) => expect(h).to.not.have.property('jwk'), 'PROOF_JWK_MISSING'],
    [
      'iat_shift',
      { iat_shift: -3600 },
      (_h, c) => expect(c.iat).to.be.below(nowSeconds() - 3500),
      'PROOF_IAT_OUT_OF_WINDOW',
    ],
    [
      'sign_with',
      { sign_with: 'client-p256-other' },
      (h) => expect(h.jwk).to.deep.equal(publicJwk(loadInputs().client_keys['client-p256'])),
      'PROOF_BAD_SIGNATURE',
    ],
    ['corrupt_signature', { corrupt_signature: true }, () => undefined, 'PROOF_BAD_SIGNATURE'],
    ['private_jwk', { private_jwk: true }, (h) => expect(h.jwk).to.have.property('d'), 'PROOF_JWK_PRIVATE'],
    [
      'ath_over',
      { ath_over: 'other' },
      (_h, c) => expect(c.ath).to.equal(accessTokenHash('other')),
      'PROOF_ATH_MISMATCH',
    ],
    ['der_signature', { der_signature: true }, () => undefined, 'PROOF_BAD_SIGNATURE'],
    ['use_key', { use_key: 'client-p384' }, (h) => expect(h.alg).to.equal('ES384'), 'valid'],
    [
      'claim_types',
      { claim_types: { iat: 'string' } },
      (_h, c) => expect(c.iat).to.be.a('string'),
      'PROOF_MISSING_CLAIM',
    ],
    [
      'claim_types jti number, htu array',
      { claim_types: { jti: 'number', htu: 'array' } },
      (_h, c) => expect([typeof c.jti, c.htu]).to.deep.equal(['number', [base.htu]]),
      'PROOF_MISSING_CLAIM',
    ],
    ['zero_signature', { zero_signature: true }, () => undefined, 'PROOF_BAD_SIGNATURE'],
    ['mac_with_jwk', { mac_with_jwk: true }, (h) => expect(h.alg).to.equal('HS256'), 'PROOF_ALG_NOT_ALLOWED'],
    ['header_alg', { header_alg: 'RS256' }, (h) => expect(h.alg).to.equal('RS256'), 'PROOF_BAD_SIGNATURE'],
    [
      'set_header crit',
      { set_header: { crit: ['urn:x'], 'urn:x': 1 } },
      (h) => expect(h.crit).to.deep.equal(['urn:x']),
      'PROOF_BAD_SIGNATURE',
    ],
    [
      'set_header alg none',
      { set_header: { alg: 'none' } },
      (h) => expect(h.alg).to.equal('none'),
      'PROOF_ALG_NOT_ALLOWED',
    ],
  ];
  /** Mutations whose proof does not decode (RFC 9449 §4.3 check 2): what is sent, and that it is refused as malformed. */
  const undecodable: [string, Mutation, (proof: string) => void][] = [
    ['raw_value', { raw_value: 'not-a-jwt' }, (p) => expect(p).to.equal('not-a-jwt')],
    ['bad_base64url', { bad_base64url: 'payload' }, (p) => expect(p.split('.')[1]).to.include('*')],
    [
      'part_json header',
      { part_json: { part: 'header', value: ['dpop+jwt'] } },
      (p) => expect(Buffer.from(p.split('.')[0], 'base64url').toString()).to.equal('["dpop+jwt"]'),
    ],
    [
      'part_json payload',
      { part_json: { part: 'payload', value: 'a claims set' } },
      (p) => expect(Buffer.from(p.split('.')[1], 'base64url').toString()).to.equal('"a claims set"'),
    ],
  ];

  it('the cases above cover every mutation kind suites/case.schema.json allows', () => {
    const schema = JSON.parse(readFileSync(fromRoot('suites', 'case.schema.json'), 'utf8'));
    const kinds = Object.keys(schema.definitions.mutation.properties).sort();
    const covered = [...cases, ...undecodable].flatMap(([, mutation]) => Object.keys(mutation));
    expect([...new Set(covered)].sort()).to.deep.equal(kinds);
  });

  for (const [name, mutation, inspect] of undecodable) {
    it(`${name} → PROOF_MALFORMED`, async () => {
      const proof = await buildProof({ ...base, mutation });
      inspect(proof);
      expect(await reason(verifyProof(proof, ctx()))).to.equal('PROOF_MALFORMED');
    });
  }

  for (const [name, mutation, inspect, want] of cases) {
    it(`${name} → ${want}`, async () => {
      const proof = await buildProof({ ...base, mutation });
      inspect(decodeProtectedHeader(proof), decodeJwt(proof));
      expect(await reason(verifyProof(proof, ctx()))).to.equal(want);
    });
  }

  it('a DER signature is a different, longer encoding of a signature that would otherwise verify', async () => {
    const der = (await buildProof({ ...base, mutation: { der_signature: true } })).split('.')[2];
    expect(Buffer.from(der, 'base64url')[0]).to.equal(0x30); // ASN.1 SEQUENCE
    expect(Buffer.from(der, 'base64url').length).to.be.within(68, 72);
  });

  it('symmetric proofs are HS256 dpop-sk+jwt, MACed with the given SK, with a kid for Model B', async () => {
    const sk = new Uint8Array(32).fill(5);
    const proof = await buildProof({ ...base, symmetric: { sk } });
    expect(decodeProtectedHeader(proof)).to.deep.equal({ typ: 'dpop-sk+jwt', alg: 'HS256' });
    expect((await verifySkProof(proof, sk, { ...ctx(), model: 'A' })).claims.ath).to.equal(accessTokenHash('tok'));
    expect(decodeProtectedHeader(await buildProof({ ...base, symmetric: { sk, kid: 't' } })).kid).to.equal('t');
  });
});
