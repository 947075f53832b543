import { expect } from 'chai';
import { base64url } from 'jose';
import {
  accessTokenHash,
  createProof,
  createSkProof,
  deriveSk,
  deriveSkB64,
  DpopError,
  encryptJwk,
  htuMatches,
  jwkThumbprint,
  KeyUnwrapFailed,
  mintAccessToken,
  normalizeHtu,
  ProofInvalid,
  publicJwk,
  resolveTokenSk,
  skJwk,
  TokenInvalid,
  unwrapSk,
  verifyAccessToken,
  verifyProof,
  verifySkProof,
  wrapHeaderFor,
  wrapSk,
} from '../protocol/index.js';
import { loadInputs } from '../base/fixed-inputs.js';

const inputs = loadInputs();
const p256 = inputs.client_keys['client-p256'];
const other = inputs.client_keys['client-p256-other'];
const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
const now = 1_800_000_000;

async function rejects(p: Promise<unknown>, cls: typeof DpopError, reason: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(cls);
    expect((e as DpopError).reason).to.equal(reason);
    expect((e as DpopError).code).to.equal(cls.code);
    return;
  }
  expect.fail(`expected ${cls.name} ${reason}`);
}

describe('protocol primitives', () => {
  it('jwkThumbprint ignores private and optional members (RFC 7638 §3.2)', async () => {
    expect(await jwkThumbprint(p256)).to.equal(await jwkThumbprint(publicJwk(p256)));
    expect(await jwkThumbprint(p256)).to.not.equal(await jwkThumbprint(other));
  });

  it('accessTokenHash is base64url SHA-256 of the ASCII token (RFC 9449 §4.2 example)', () => {
    expect(accessTokenHash('Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU')).to.equal(
      'fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo',
    );
  });

  it('deriveSk is 32 bytes, depends on version and R, and refuses short R', () => {
    const [r0, r1] = inputs.sample_r;
    expect(base64url.decode(deriveSkB64(active.secret, r0))).to.have.length(32);
    expect(deriveSkB64(active.secret, r0)).to.not.equal(deriveSkB64(active.secret, r1));
    expect(deriveSkB64(active.secret, r0)).to.not.equal(deriveSkB64(inputs.shared_secrets[0].secret, r0));
    expect(() => deriveSk(base64url.decode(active.secret), new Uint8Array(31)))
      .to.throw(DpopError)
      .with.property('reason', 'SK_INPUT_LENGTH');
  });

  it('normalizeHtu drops query and fragment and normalises case, default port and percent-encoding', () => {
    expect(normalizeHtu('HTTPS://RS.Example.com:443/a/%7euser/../b?q=1#f')).to.equal('https://rs.example.com/a/b');
    expect(normalizeHtu('https://rs.example.com/%7e')).to.equal('https://rs.example.com/~');
    expect(normalizeHtu('https://rs.example.com/%2f')).to.equal('https://rs.example.com/%2F');
    expect(normalizeHtu('urn:x:y')).to.equal(undefined);
    expect(htuMatches('https://rs.example.com/r', 'https://rs.example.com:8443/r')).to.equal(false);
  });

  describe('asymmetric proofs', () => {
    const ctx = { htm: 'POST', htu: 'https://as.example.com/token', now, iatWindow: 60 };
    for (const name of ['client-p256', 'client-p384', 'client-rsa2048', 'client-ed25519'] as const) {
      it(`a ${name} proof verifies and yields the key thumbprint`, async () => {
        const key = inputs.client_keys[name];
        const v = await verifyProof(await createProof(key, { ...ctx, iat: now }), ctx);
        expect(v.jkt).to.equal(await jwkThumbprint(key));
        expect(v.claims.jti).to.have.length.greaterThan(20);
      });
    }
    it('rejects with the failing check as reason', async () => {
      const proof = await createProof(p256, { ...ctx, iat: now, accessToken: 'tok' });
      await rejects(verifyProof(proof, { ...ctx, htm: 'GET' }), ProofInvalid, 'PROOF_HTM_MISMATCH');
      await rejects(
        verifyProof(proof, { ...ctx, htu: 'https://as.example.com/other' }),
        ProofInvalid,
        'PROOF_HTU_MISMATCH',
      );
      await rejects(verifyProof(proof, { ...ctx, now: now + 61 }), ProofInvalid, 'PROOF_IAT_OUT_OF_WINDOW');
      await rejects(verifyProof(proof, { ...ctx, accessToken: 'other' }), ProofInvalid, 'PROOF_ATH_MISMATCH');
      await rejects(verifyProof(proof, { ...ctx, nonces: ['n'] }), ProofInvalid, 'PROOF_NONCE_MISMATCH');
      await rejects(
        verifyProof(proof, { ...ctx, expectedJkt: await jwkThumbprint(other) }),
        ProofInvalid,
        'PROOF_JKT_MISMATCH',
      );
      await rejects(verifyProof('not-a-jwt', ctx), ProofInvalid, 'PROOF_MALFORMED');
      expect(new ProofInvalid('PROOF_NONCE_MISMATCH').oauthError).to.equal('use_dpop_nonce');
    });
  });

  describe('symmetric proofs (DPoP-SK §4)', () => {
    const sk = new Uint8Array(32).fill(9);
    const request = { htm: 'GET', htu: 'https://rs.example.com/r', now, iatWindow: 60, accessToken: 'tok' };
    const ctx = { ...request, model: 'A' as const };
    it('verify with the SK, and only with it', async () => {
      const proof = await createSkProof(sk, { ...ctx, iat: now });
      expect((await verifySkProof(proof, sk, ctx)).claims.ath).to.equal(accessTokenHash('tok'));
      await rejects(verifySkProof(proof, new Uint8Array(32).fill(8), ctx), ProofInvalid, 'PROOF_BAD_MAC');
    });
    it('Model A refuses a kid; Model B accepts it', async () => {
      const proof = await createSkProof(sk, { ...ctx, iat: now }, 'ticket');
      await rejects(verifySkProof(proof, sk, ctx), ProofInvalid, 'PROOF_KID_UNEXPECTED');
      expect((await verifySkProof(proof, sk, { ...ctx, model: 'B' })).header.kid).to.equal('ticket');
    });
  });

  describe('dpop_sk wrapping (DPoP-SK §3 step 4)', () => {
    const sk = new Uint8Array(32).fill(3);
    for (const name of ['client-p256', 'client-p384', 'client-rsa2048'] as const) {
      it(`wraps to ${name} and opens with that key alone`, async () => {
        const jwe = await wrapSk(sk, publicJwk(inputs.client_keys[name]));
        expect((await unwrapSk(jwe, inputs.client_keys[name])).sk).to.deep.equal(sk);
        if (name === 'client-p256') await rejects(unwrapSk(jwe, other), KeyUnwrapFailed, 'WRAP_KID_MISMATCH');
      });
    }
    it('refuses Ed25519 recipients', async () => {
      await rejects(wrapSk(sk, inputs.client_keys['client-ed25519']), KeyUnwrapFailed, 'WRAP_UNSUPPORTED_KEY');
    });
    it('a JWE encrypted to another key under the right kid does not open', async () => {
      const underP256Header = await encryptJwk(await wrapHeaderFor(p256), skJwk(sk), other);
      await rejects(unwrapSk(underP256Header, p256), KeyUnwrapFailed, 'WRAP_DECRYPT_FAILED');
    });
  });

  describe('access tokens and cnf.sk (DPoP-SK §5 steps 1-4)', () => {
    const base = { iss: 'https://as', aud: inputs.audience, sub: 's', client_id: 'c', iat: now, exp: now + 60 };
    const check = {
      trustedKeys: [publicJwk(inputs.as_signing_key) as never],
      issuer: 'https://as',
      audience: inputs.audience,
      now,
    };
    it('mints at+jwt tokens the RS validates, and resolves SK from cnf.sk', async () => {
      const r = inputs.sample_r[0];
      const claims = await verifyAccessToken(
        await mintAccessToken(inputs.as_signing_key, {
          ...base,
          cnf: { jkt: 'x', sk: { v: active.version, r, exp: now + 30 } },
        }),
        check,
      );
      expect(base64url.encode(resolveTokenSk(claims, inputs.shared_secrets, now).sk)).to.equal(
        deriveSkB64(active.secret, r),
      );
      expect(() =>
        resolveTokenSk(
          { ...claims, cnf: { jkt: 'x', sk: { v: '2026-10', r, exp: now + 30 } } },
          inputs.shared_secrets,
          now,
        ),
      )
        .to.throw(TokenInvalid)
        .with.property('reason', 'TOKEN_SK_RETIRED_VERSION');
      expect(() =>
        resolveTokenSk(
          { ...claims, cnf: { jkt: 'x', sk: { v: inputs.unknown_version, r, exp: now + 30 } } },
          inputs.shared_secrets,
          now,
        ),
      )
        .to.throw(TokenInvalid)
        .with.property('reason', 'TOKEN_SK_UNKNOWN_VERSION');
      expect(() =>
        resolveTokenSk(
          { ...claims, cnf: { jkt: 'x', sk: { v: active.version, r, exp: now } } },
          inputs.shared_secrets,
          now,
        ),
      )
        .to.throw(TokenInvalid)
        .with.property('reason', 'TOKEN_SK_EXPIRED');
    });
    it('rejects expired, foreign-audience and untrusted tokens', async () => {
      await rejects(
        verifyAccessToken(await mintAccessToken(inputs.as_signing_key, { ...base, exp: now - 1 }), check),
        TokenInvalid,
        'TOKEN_EXPIRED',
      );
      await rejects(
        verifyAccessToken(await mintAccessToken(inputs.as_signing_key, { ...base, aud: 'x' }), check),
        TokenInvalid,
        'TOKEN_AUD_MISMATCH',
      );
      await rejects(
        verifyAccessToken(await mintAccessToken({ ...p256, kid: inputs.as_signing_key.kid }, base), check),
        TokenInvalid,
        'TOKEN_BAD_SIGNATURE',
      );
    });
  });
});
