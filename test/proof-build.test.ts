import { expect } from 'chai';
import { base64url, decodeJwt, decodeProtectedHeader } from 'jose';
import { clientKey } from '../base/fixed-inputs.js';
import { accessTokenHash } from '../protocol/ath.js';
import { isDpopError } from '../protocol/errors.js';
import { corruptSignature, flipMiddle } from '../protocol/flip-middle.js';
import { publicJwk } from '../protocol/jwk.js';
import { buildDpopProof, type ProofMutation } from '../protocol/proof-build.js';
import { createProof, createSkProof } from '../protocol/proof-create.js';
import { verifyProof } from '../protocol/proof-verify.js';
import { nowSeconds } from '../protocol/sign.js';
import { verifySkProof } from '../protocol/sk-proof-verify.js';

const p256 = clientKey('client-p256');
const request = { htm: 'GET', htu: 'https://rs.example/r', accessToken: 'tok' };
const judged = () => ({ ...request, now: nowSeconds(), iatWindow: 60 });
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'valid',
    (e) => (isDpopError(e) ? e.reason : `unexpected ${e}`),
  );
const parts = (jws: string) => ({
  header: decodeProtectedHeader(jws) as Record<string, unknown>,
  claims: decodeJwt(jws),
});

describe('protocol proof builder (protocol/proof-build.ts)', () => {
  it('an asymmetric proof (RFC 9449 §4.2): typ, alg, public jwk; claims jti, htm, htu, iat, ath, nonce', async () => {
    const proof = await buildDpopProof({ jwk: p256, ...request, nonce: 'n-1', jti: 'j-1', iat: 1_700_000_000 });
    const { header, claims } = parts(proof);
    expect(header).to.deep.equal({ typ: 'dpop+jwt', alg: 'ES256', jwk: publicJwk(p256) });
    expect(claims).to.deep.equal({
      jti: 'j-1',
      htm: 'GET',
      htu: 'https://rs.example/r',
      iat: 1_700_000_000,
      ath: accessTokenHash('tok'),
      nonce: 'n-1',
    });
    expect(Object.keys(claims)).to.deep.equal(['jti', 'htm', 'htu', 'iat', 'ath', 'nonce']);
  });

  it("defaults: a random 128-bit jti, iat now, the key's alg; alg can be named", async () => {
    const before = nowSeconds();
    const { claims } = parts(await buildDpopProof({ jwk: p256, htm: 'POST', htu: 'https://as.example/token' }));
    expect(base64url.decode(claims.jti as string)).to.have.length(16);
    expect(claims.iat).to.be.within(before, nowSeconds());
    expect(claims).to.not.have.property('ath');
    const rsa = clientKey('client-rsa2048');
    const proof = await buildDpopProof({ jwk: rsa, alg: 'RS256', ...request });
    expect(decodeProtectedHeader(proof).alg).to.equal('RS256');
    expect(await reasonOf(verifyProof(proof, judged()))).to.equal('valid');
  });

  it('a symmetric proof (DPoP-SK §4): dpop-sk+jwt, HS256 under the SK, no key header, kid for Model B', async () => {
    const sk = new Uint8Array(32).fill(5);
    const proof = await buildDpopProof({ symmetric: { sk }, ...request });
    expect(decodeProtectedHeader(proof)).to.deep.equal({ typ: 'dpop-sk+jwt', alg: 'HS256' });
    expect((await verifySkProof(proof, sk, { ...judged(), model: 'A' })).claims.ath).to.equal(accessTokenHash('tok'));
    const modelB = await buildDpopProof({ symmetric: { sk, kid: 'ticket-1' }, ...request });
    expect((await verifySkProof(modelB, sk, { ...judged(), model: 'B' })).header.kid).to.equal('ticket-1');
  });

  const asymmetric: [string, ProofMutation, string][] = [
    ['setClaims', { setClaims: { htu: 'https://rs.example/other' } }, 'PROOF_HTU_MISMATCH'],
    ['dropClaims', { dropClaims: ['htm'] }, 'PROOF_MISSING_CLAIM'],
    ['setHeader', { setHeader: { typ: 'JWT' } }, 'PROOF_BAD_TYP'],
    ['dropHeader', { dropHeader: ['typ'] }, 'PROOF_BAD_TYP'],
    ['iatShift', { iatShift: 3600 }, 'PROOF_IAT_OUT_OF_WINDOW'],
    ['signWith', { signWith: clientKey('client-p256-other') }, 'PROOF_BAD_SIGNATURE'],
    ['corruptSignature', { corruptSignature: true }, 'PROOF_BAD_SIGNATURE'],
    ['privateJwk', { privateJwk: true }, 'PROOF_JWK_PRIVATE'],
    ['athOver', { athOver: 'DPoP tok' }, 'PROOF_ATH_MISMATCH'],
    ['useKey', { useKey: clientKey('client-ed25519') }, 'valid'],
    ['derSignature', { derSignature: true }, 'PROOF_BAD_SIGNATURE'],
    ['a MAC alg on an asymmetric proof', { setHeader: { alg: 'HS256' } }, 'PROOF_ALG_NOT_ALLOWED'],
  ];
  for (const [name, mutation, want] of asymmetric) {
    it(`asymmetric mutation ${name} → ${want}`, async () => {
      const proof = await buildDpopProof({ jwk: p256, ...request, mutation });
      expect(await reasonOf(verifyProof(proof, judged()))).to.equal(want);
    });
  }

  it('mutations take JWKs: useKey changes jwk and alg; signWith keeps the jwk; privateJwk exposes d', async () => {
    const ed = clientKey('client-ed25519');
    const used = parts(await buildDpopProof({ jwk: p256, alg: 'ES256', ...request, mutation: { useKey: ed } })).header;
    expect(used).to.deep.include({ alg: 'EdDSA', jwk: publicJwk(ed) });
    const signedWith = { jwk: p256, ...request, mutation: { signWith: clientKey('client-p256-other') } };
    expect(parts(await buildDpopProof(signedWith)).header.jwk).to.deep.equal(publicJwk(p256));
    const exposed = parts(await buildDpopProof({ jwk: p256, ...request, mutation: { privateJwk: true } })).header;
    expect(exposed.jwk).to.deep.equal(p256);
  });

  it('a MAC alg on an asymmetric proof is really MACed: a 32-byte HS256 tag', async () => {
    const proof = await buildDpopProof({ jwk: p256, ...request, mutation: { setHeader: { alg: 'HS256' } } });
    expect(parts(proof).header).to.deep.include({ typ: 'dpop+jwt', alg: 'HS256' });
    expect(base64url.decode(proof.split('.')[2])).to.have.length(32);
  });

  it('alg none yields an unsecured JWS with an empty signature (RFC 7515 Appendix A.5)', async () => {
    const proof = await buildDpopProof({ jwk: p256, ...request, mutation: { setHeader: { alg: 'none' } } });
    expect(proof.split('.')[2]).to.equal('');
    expect(await reasonOf(verifyProof(proof, judged()))).to.equal('PROOF_ALG_NOT_ALLOWED');
  });

  it('claims change as iatShift, dropClaims, then setClaims; new claims and header parameters go last', async () => {
    const mutation = { iatShift: 10, dropClaims: ['iat'], setClaims: { extra: 1 }, setHeader: { kid: 'k' } };
    const { header, claims } = parts(await buildDpopProof({ jwk: p256, ...request, iat: 100, mutation }));
    expect(Object.keys(claims)).to.deep.equal(['jti', 'htm', 'htu', 'ath', 'extra']);
    expect(Object.keys(header)).to.deep.equal(['typ', 'alg', 'jwk', 'kid']);
    const shifted = await buildDpopProof({ jwk: p256, ...request, iat: 100, mutation: { iatShift: -30 } });
    expect(parts(shifted).claims.iat).to.equal(70);
  });

  const symmetric: [string, ProofMutation, string][] = [
    ['dropClaims ath', { dropClaims: ['ath'] }, 'PROOF_MISSING_CLAIM'],
    ['athOver', { athOver: 'other' }, 'PROOF_ATH_MISMATCH'],
    ['setHeader alg HS384', { setHeader: { alg: 'HS384' } }, 'PROOF_ALG_NOT_ALLOWED'],
    ['setHeader jwk', { setHeader: { jwk: publicJwk(p256) } }, 'PROOF_FORBIDDEN_HEADER'],
    ['corruptSignature', { corruptSignature: true }, 'PROOF_BAD_MAC'],
  ];
  for (const [name, mutation, want] of symmetric) {
    it(`symmetric mutation ${name} → ${want}`, async () => {
      const sk = new Uint8Array(32).fill(6);
      const proof = await buildDpopProof({ symmetric: { sk }, ...request, mutation });
      expect(await reasonOf(verifySkProof(proof, sk, { ...judged(), model: 'A' }))).to.equal(want);
    });
  }

  it('createProof and createSkProof are the builder without a mutation', async () => {
    const fixed = { ...request, jti: 'j', iat: 1_700_000_000 };
    const ed = clientKey('client-ed25519'); // EdDSA and HMAC are deterministic: equal inputs, equal proofs
    expect(await createProof(ed, fixed)).to.equal(await buildDpopProof({ jwk: ed, ...fixed }));
    const sk = new Uint8Array(32).fill(1);
    const built = await buildDpopProof({ symmetric: { sk, kid: 't' }, ...fixed });
    expect(await createSkProof(sk, fixed, 't')).to.equal(built);
  });

  it('flipMiddle changes exactly the middle character; corruptSignature only the signature segment', () => {
    expect(flipMiddle('xxxxAxxxx')).to.equal('xxxxBxxxx');
    expect(flipMiddle('xxxxZxxxx')).to.equal('xxxxAxxxx');
    expect(corruptSignature('hhh.ppp.sAs')).to.equal('hhh.ppp.sBs');
  });
});
