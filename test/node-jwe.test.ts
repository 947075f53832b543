import { expect } from 'chai';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader, importJWK } from 'jose';
import { loadInputs } from '../base/fixed-inputs.js';
import { publicJwk } from '../protocol/jwk.js';
import { decryptPlainly, encryptPlainly } from '../protocol/node-jwe.js';

const text = new TextEncoder().encode(JSON.stringify({ kty: 'oct', alg: 'HS256', k: 'x'.repeat(43) }));
const header = { alg: 'ECDH-ES', enc: 'A256GCM', kid: 'k', cty: 'jwk+json' };

describe("protocol/node-jwe.ts: node's synchronous ECDH-ES/A256GCM wrap agrees with jose", () => {
  for (const name of ['client-p256', 'client-p384'] as const) {
    const key = loadInputs().client_keys[name];
    it(`${name}: jose opens what node seals, node opens what jose seals, and neither a tampered one`, async () => {
      const ours = encryptPlainly(header, text, publicJwk(key))!;
      const theirs = await new CompactEncrypt(text)
        .setProtectedHeader(header)
        .encrypt(await importJWK(publicJwk(key), 'ECDH-ES'));
      const opened = await compactDecrypt(ours, await importJWK(key, 'ECDH-ES'));
      expect(Buffer.from(opened.plaintext).equals(Buffer.from(text))).to.equal(true);
      for (const jwe of [ours, theirs]) {
        const h = decodeProtectedHeader(jwe) as Record<string, unknown>;
        expect(Buffer.from(decryptPlainly(jwe, h, key)!).equals(Buffer.from(text))).to.equal(true);
        const parts = jwe.split('.');
        parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
        expect(decryptPlainly(parts.join('.'), h, key)).to.equal(undefined);
      }
    });
  }

  it('leaves to jose what is not plain: another alg or enc, apu, an RSA or OKP key', () => {
    const key = loadInputs().client_keys['client-p256'];
    expect(encryptPlainly({ ...header, alg: 'ECDH-ES+A256KW' }, text, key)).to.equal(undefined);
    expect(encryptPlainly({ ...header, enc: 'A128GCM' }, text, key)).to.equal(undefined);
    expect(encryptPlainly({ ...header, apu: 'YQ' }, text, key)).to.equal(undefined);
    expect(encryptPlainly(header, text, loadInputs().client_keys['client-rsa2048'])).to.equal(undefined);
    expect(encryptPlainly(header, text, loadInputs().client_keys['client-ed25519'])).to.equal(undefined);
    const jwe = encryptPlainly(header, text, key)!;
    const h = decodeProtectedHeader(jwe) as Record<string, unknown>;
    expect(decryptPlainly(jwe, { ...h, apv: 'YQ' }, key)).to.equal(undefined);
    expect(decryptPlainly(jwe, h, loadInputs().client_keys['client-p256-other'])).to.equal(undefined);
  });
});
