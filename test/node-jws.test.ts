import { expect } from 'chai';
import { base64url, CompactSign, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { loadInputs } from '../base/fixed-inputs.js';
import { ASYMMETRIC_ALGS } from '../protocol/algorithms.js';
import { publicJwk } from '../protocol/jwk.js';
import { signPlainly, verifiesPlainly } from '../protocol/node-jws.js';
import { signCompact } from '../protocol/sign.js';

const PROOF_HEADER = new Set(['typ', 'alg', 'jwk']);
const keys: [string, JWK][] = Object.entries(loadInputs().client_keys);
const claims = { htm: 'GET', htu: 'https://rs.test/r', iat: 1, jti: 'j' };

async function joseAccepts(jws: string, jwk: JWK, alg: string): Promise<boolean> {
  try {
    await compactVerify(jws, await importJWK(publicJwk(jwk), alg), { algorithms: [...ASYMMETRIC_ALGS] });
    return true;
  } catch {
    return false;
  }
}

const tamper = (jws: string) => {
  const [h, p, s] = jws.split('.');
  const sig = Buffer.from(s, 'base64url');
  sig[0] = sig[0] ^ 1;
  return `${h}.${p}.${sig.toString('base64url')}`;
};

describe("protocol/node-jws.ts: node's synchronous JWS path agrees with jose", () => {
  for (const [name, jwk] of keys) {
    it(`${name}: what signCompact signs jose verifies, and node verifies what jose accepts, never what it refuses`, async () => {
      const alg = jwk.alg!;
      const header = { typ: 'dpop+jwt', alg, jwk: publicJwk(jwk) };
      const jws = await signCompact(header, claims, jwk);
      expect(await joseAccepts(jws, jwk, alg)).to.equal(true);
      const decoded = decodeProtectedHeader(jws) as Record<string, unknown>;
      const byJose = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader(header)
        .sign(await importJWK(jwk, alg));
      for (const signed of [jws, byJose]) {
        const node = verifiesPlainly(signed, decoded, publicJwk(jwk), ASYMMETRIC_ALGS, PROOF_HEADER);
        // RSA is left to jose: not decided here
        expect(node).to.equal(jwk.kty !== 'RSA');
        expect(verifiesPlainly(tamper(signed), decoded, publicJwk(jwk), ASYMMETRIC_ALGS, PROOF_HEADER)).to.equal(false);
        expect(await joseAccepts(tamper(signed), jwk, alg)).to.equal(false);
      }
    });
  }

  it('leaves to jose what is not plain: crit, an alg not allowed, a key of another curve, key_ops, an extra header', async () => {
    const jwk = loadInputs().client_keys['client-p256'];
    const other = loadInputs().client_keys['client-p384'];
    const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: publicJwk(jwk) };
    const jws = await signCompact(header, claims, jwk);
    const decoded = decodeProtectedHeader(jws) as Record<string, unknown>;
    expect(verifiesPlainly(jws, decoded, publicJwk(jwk), ['ES384'], PROOF_HEADER)).to.equal(false);
    expect(verifiesPlainly(jws, decoded, publicJwk(other), ASYMMETRIC_ALGS, PROOF_HEADER)).to.equal(false);
    expect(
      verifiesPlainly(jws, decoded, { ...publicJwk(jwk), key_ops: ['sign'] }, ASYMMETRIC_ALGS, PROOF_HEADER),
    ).to.equal(false);
    expect(verifiesPlainly(jws, { ...decoded, kid: 'k' }, publicJwk(jwk), ASYMMETRIC_ALGS, PROOF_HEADER)).to.equal(
      false,
    );
    expect(signPlainly('ES256', { ...header, crit: ['x'] }, 'a.b', jwk)).to.equal(undefined);
    expect(signPlainly('ES384', header, 'a.b', jwk)).to.equal(undefined);
    expect(signPlainly('ES256', header, 'a.b', publicJwk(jwk))).to.equal(undefined);
    expect(signPlainly('HS256', header, 'a.b', new Uint8Array(0))).to.equal(undefined);
  });

  it('HS256: the same MAC jose computes', async () => {
    const sk = new Uint8Array(32).fill(7);
    const header = { typ: 'dpop-sk+jwt', alg: 'HS256' };
    const ours = await signCompact(header, claims, sk);
    const payload = base64url.encode(JSON.stringify(claims));
    const byJose = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader(header)
      .sign(sk);
    expect(ours).to.equal(byJose);
    expect(ours.split('.')[1]).to.equal(payload);
  });
});
