import { expect } from 'chai';
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { clientKey, loadInputs } from '../base/fixed-inputs.js';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { buildDpopProof } from '../protocol/proof-build.js';
import { cli } from './helpers/run-cli.js';

/**
 * Issue 15, "Servers in containers": the mock AS serves its metadata where OpenID Connect
 * Discovery looks too, and an issuer other than its listening address (the name a vendor's
 * container reaches the host by) is what its metadata, tokens and redirects carry.
 */
const inputs = loadInputs();
const basic = `Basic ${Buffer.from(`${inputs.clients.confidential.client_id}:${inputs.clients.confidential.client_secret}`).toString('base64')}`;

const getJson = async (url: string) => {
  const res = await fetch(url);
  expect(res.status, url).to.equal(200);
  return (await res.json()) as Record<string, unknown>;
};

describe('mock AS discovery: openid-configuration and --issuer', () => {
  let mocks: RunningMocks | undefined;
  afterEach(async () => {
    await mocks?.close();
    mocks = undefined;
  });

  it('serves the same metadata at /.well-known/openid-configuration, and an OIDC discovery client finds it', async () => {
    mocks = await startMocks({ rs: false });
    const rfc8414 = await getJson(`${mocks.asUrl}/.well-known/oauth-authorization-server`);
    expect(await getJson(`${mocks.asUrl}/.well-known/openid-configuration`)).to.deep.equal(rfc8414);
    const issuer = new URL(mocks.asUrl!);
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oidc', [oauth.allowInsecureRequests]: true }),
    );
    expect(as.token_endpoint).to.equal(`${mocks.asUrl}/token`);
    expect(as.jwks_uri).to.equal(`${mocks.asUrl}/jwks`);
  });

  it('an issuer other than its address: reflected in both metadata documents, issued tokens and authorization responses', async () => {
    const issuer = 'http://host.docker.internal:9440';
    mocks = await startMocks({ rs: false, issuer });
    for (const doc of ['oauth-authorization-server', 'openid-configuration']) {
      const meta = await getJson(`${mocks.asUrl}/.well-known/${doc}`);
      expect(meta, doc).to.include({
        issuer,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        authorization_endpoint: `${issuer}/authorize`,
      });
    }
    // the proof names the URI the request was sent to (RFC 9449 §4.2), as a container's client would
    const proof = await buildDpopProof({ jwk: clientKey('client-p256'), htm: 'POST', htu: `${mocks.asUrl}/token` });
    const res = await fetch(`${mocks.asUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic, dpop: proof },
      body: 'grant_type=client_credentials',
    });
    const body = (await res.json()) as { access_token?: string };
    expect(res.status, JSON.stringify(body)).to.equal(200);
    expect(decodeJwt(body.access_token!).iss).to.equal(issuer);

    const authorize = new URL(`${mocks.asUrl}/authorize`);
    for (const [k, v] of Object.entries({
      response_type: 'code',
      client_id: inputs.clients.public.client_id,
      redirect_uri: 'http://127.0.0.1/callback',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 's1',
    }))
      authorize.searchParams.set(k, v);
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const location = new URL(redirect.headers.get('location')!);
    expect(location.searchParams.get('code')).to.be.a('string');
    expect(location.searchParams.get('iss')).to.equal(issuer);
  });

  for (const bad of ['ftp://host.docker.internal:9440', 'http://h:9440/?x=1', 'http://h:9440/#f', 'not a url'])
    it(`mock --issuer ${bad}: a usage error, exit 2, before anything listens`, async () => {
      const r = await cli(['mock', 'as', '--port', '0', '--issuer', bad]);
      expect(r.code).to.equal(2);
      expect(r.errors).to.match(/--issuer must be an http\(s\) URL without query or fragment/);
      expect(r.errors.trim().split('\n')).to.have.length.below(3);
    });
});
