import { expect } from 'chai';
import { base64url } from 'jose';
import { clientKey, loadInputs } from '../base/fixed-inputs.js';
import { PRIVATE_MEMBERS, publicJwk } from '../protocol/jwk.js';
import { buildDpopProof } from '../protocol/proof-build.js';
import { signCompact } from '../protocol/sign.js';
import { REDACTED, Redactor } from '../runner/http/redact.js';
import { transcriptEntry } from '../runner/engine/transcript.js';

const inputs = loadInputs();
const clientSecret = inputs.clients.confidential.client_secret;
const request = { htm: 'POST', htu: 'https://as.example/token' };

/** The string members of a JWK that belong to the private key. */
const privateValues = (jwk: object) =>
  PRIVATE_MEMBERS.map((m) => (jwk as Record<string, unknown>)[m]).filter((v): v is string => typeof v === 'string');

describe('Redactor (runner/http/redact.ts): what reaches a report or log holds no secret', () => {
  it('hides the confidential client secret, in a form body and in JSON', () => {
    const r = new Redactor();
    const form = r.text(`grant_type=client_credentials&client_id=conformance-client&client_secret=${clientSecret}`);
    expect(form).to.equal(`grant_type=client_credentials&client_id=conformance-client&client_secret=${REDACTED}`);
    expect(r.text(JSON.stringify({ client_secret: clientSecret }))).to.not.include(clientSecret);
  });

  it('hides every shared secret S_v (DPoP-SK §2)', () => {
    const r = new Redactor();
    for (const s of inputs.shared_secrets) {
      const out = r.text(`secret ${s.version}: ${s.secret}`);
      expect(out, s.version).to.not.include(s.secret);
      expect(out).to.include(REDACTED);
    }
  });

  it('hides every private member of the fixed keys and keeps their public members', () => {
    const r = new Redactor();
    for (const jwk of [inputs.as_signing_key, ...Object.values(inputs.client_keys)]) {
      const out = r.text(JSON.stringify(jwk));
      expect(privateValues(jwk)).to.have.lengthOf.above(0);
      for (const v of privateValues(jwk)) expect(out).to.not.include(v);
      for (const m of ['x', 'y', 'n', 'e'] as const) if (jwk[m]) expect(out).to.include(jwk[m]);
    }
  });

  it('hides a secret added during the run (an SK learnt, a secret a target file names)', () => {
    const r = new Redactor();
    const sk = base64url.encode(new Uint8Array(32).fill(42));
    expect(r.text(`sk ${sk}`)).to.include(sk);
    r.add(sk);
    expect(r.text(`sk ${sk}`)).to.equal(`sk ${REDACTED}`);
  });

  it('masks the credentials of a header the request builder marks sensitive, keeping the scheme', () => {
    const r = new Redactor();
    const credentials = Buffer.from(`conformance-client:${clientSecret}`).toString('base64');
    const entry = transcriptEntry(
      { step: 1, kind: 'token' },
      {
        method: 'POST',
        url: 'https://as.example/token',
        headers: [['Authorization', `Basic ${credentials}`]],
        body: 'grant_type=client_credentials&client_secret=abc',
        sensitive: { headers: ['authorization'], formFields: ['client_secret'] },
      },
      undefined,
      r,
    );
    expect(entry.request.headers).to.deep.equal([['Authorization', `Basic ${REDACTED}`]]);
    expect(entry.request.body).to.equal(`grant_type=client_credentials&client_secret=${REDACTED}`);
  });

  it('hides a JWS segment whose decoded JSON holds a secret: a private jwk in a proof header', async () => {
    const r = new Redactor();
    const proof = await buildDpopProof({ jwk: clientKey('client-p256'), ...request, mutation: { privateJwk: true } });
    const out = r.text(`DPoP: ${proof}`);
    expect(out).to.not.include(proof.split('.')[0]);
    expect(out).to.include(REDACTED);
    const decoded = out
      .split(/[ .]/)
      .map((seg) => Buffer.from(seg, 'base64url').toString('utf8'))
      .join('\n');
    for (const v of privateValues(clientKey('client-p256'))) expect(decoded).to.not.include(v);
  });

  it('hides a JWS payload that carries the client secret', async () => {
    const r = new Redactor();
    const jws = await signCompact({ alg: 'ES256' }, { client_secret: clientSecret }, clientKey('client-p256'));
    expect(r.text(jws)).to.not.include(jws.split('.')[1]);
  });

  it('hides a secret written URL-encoded', () => {
    const r = new Redactor();
    const secret = 'p@ss/w0rd+with=specials&more';
    r.add(secret);
    const out = r.text(`client_secret=${encodeURIComponent(secret)}&scope=openid`);
    expect(out).to.equal(`client_secret=${REDACTED}&scope=openid`);
  });

  it('leaves ordinary text alone: URLs, error bodies, public proofs and keys, access tokens', async () => {
    const r = new Redactor();
    const proof = await buildDpopProof({ jwk: clientKey('client-rsa2048'), ...request, accessToken: 'at-123' });
    const ordinary = [
      'POST https://as.example/token HTTP/1.1',
      JSON.stringify({ error: 'invalid_dpop_proof', error_description: 'htm does not match' }),
      'WWW-Authenticate: DPoP error="invalid_token", algs="ES256 PS256"',
      `DPoP: ${proof}`,
      'Authorization: DPoP at-123',
      JSON.stringify({ keys: [inputs.as_signing_key, clientKey('client-p384')].map(publicJwk) }),
      'client_id=conformance-client',
    ];
    for (const text of ordinary) expect(r.text(text)).to.equal(text);
  });

  it('value() redacts every string of a deep copy and leaves the original unchanged', () => {
    const r = new Redactor();
    const exchange = (secret: string) => ({
      request: { headers: [['x-secret', secret]], body: `client_secret=${secret}` },
      status: 200,
    });
    const original = exchange(clientSecret);
    expect(r.value(original)).to.deep.equal(exchange(REDACTED));
    expect(original.request.body).to.include(clientSecret);
  });
});
