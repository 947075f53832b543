import { expect } from 'chai';
import * as dpop from 'dpop';
import * as oauth from 'oauth4webapi';
import { loadInputs } from '../base/fixed-inputs.js';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { cryptoKeyPair } from './helpers/keys.js';

const inputs = loadInputs();
const insecure = { [oauth.allowInsecureRequests]: true } as const;

/** Runs `call`, retrying once when the server asks for a nonce (RFC 9449 §8, §9); the handle remembers it. */
async function withNonceRetry<T>(call: () => Promise<T>): Promise<{ value: T; retried: boolean }> {
  try {
    return { value: await call(), retried: false };
  } catch (e) {
    if (!oauth.isDPoPNonceError(e)) throw e;
    return { value: await call(), retried: true };
  }
}

for (const nonce of [false, true]) {
  describe(`mocks driven by oauth4webapi and dpop (nonce mode ${nonce ? 'on' : 'off'})`, () => {
    let mocks: RunningMocks;
    let as: oauth.AuthorizationServer;
    const client: oauth.Client = { client_id: inputs.clients.confidential.client_id };
    const publicClient: oauth.Client = { client_id: inputs.clients.public.client_id };

    before(async () => {
      mocks = await startMocks({ nonce });
      const issuer = new URL(mocks.asUrl!);
      as = await oauth.processDiscoveryResponse(
        issuer,
        await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }),
      );
    });
    after(() => mocks.close());

    async function clientCredentials(auth: oauth.ClientAuth, handle: oauth.DPoPHandle) {
      return withNonceRetry(async () =>
        oauth.processClientCredentialsResponse(
          as,
          client,
          await oauth.clientCredentialsGrantRequest(as, client, auth, { scope: 'read' }, { DPoP: handle, ...insecure }),
        ),
      );
    }

    async function callResource(token: string, handle: oauth.DPoPHandle, url = mocks.resourceUrl!) {
      return withNonceRetry(async () => {
        const res = await oauth.protectedResourceRequest(token, 'GET', new URL(url), new Headers(), null, {
          DPoP: handle,
          ...insecure,
        });
        return { status: res.status, body: await res.json() };
      });
    }

    it('metadata advertises the token endpoint and dpop_signing_alg_values_supported', () => {
      expect(as.token_endpoint).to.equal(`${mocks.asUrl}/token`);
      expect(as.dpop_signing_alg_values_supported).to.include.members(['ES256', 'PS256', 'EdDSA']);
    });

    for (const [name, auth] of [
      ['client_secret_basic', oauth.ClientSecretBasic],
      ['client_secret_post', oauth.ClientSecretPost],
    ] as const) {
      it(`client_credentials with ${name} yields a DPoP token the RS accepts`, async () => {
        const handle = oauth.DPoP(client, await cryptoKeyPair('client-p256'));
        const { value: tokens, retried } = await clientCredentials(
          auth(inputs.clients.confidential.client_secret),
          handle,
        );
        expect(retried).to.equal(nonce);
        expect(tokens.token_type).to.equal('dpop');
        const res = await callResource(tokens.access_token, handle, `${mocks.resourceUrl}?page=1`);
        expect(res.value.status).to.equal(200);
        expect(res.value.body).to.include({ resource: 'ok', proof: 'asymmetric', client_id: client.client_id });
      });
    }

    it('refresh_token grant returns a new DPoP token for the same key', async () => {
      const handle = oauth.DPoP(client, await cryptoKeyPair('client-p384'));
      const auth = oauth.ClientSecretBasic(inputs.clients.confidential.client_secret);
      const first = (await clientCredentials(auth, handle)).value;
      expect(first.refresh_token).to.be.a('string');
      const { value: refreshed } = await withNonceRetry(async () =>
        oauth.processRefreshTokenResponse(
          as,
          client,
          await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token!, { DPoP: handle, ...insecure }),
        ),
      );
      expect(refreshed.access_token).to.not.equal(first.access_token);
      expect((await callResource(refreshed.access_token, handle)).value.status).to.equal(200);
    });

    it('authorization_code with PKCE and dpop_jkt (RFC 9449 §10), public client, then a resource call', async () => {
      const keys = await cryptoKeyPair('client-rsa2048');
      const handle = oauth.DPoP(publicClient, keys);
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const redirectUri = 'http://127.0.0.1:1/callback';
      const url = new URL(as.authorization_endpoint!);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: publicClient.client_id,
        redirect_uri: redirectUri,
        state,
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        dpop_jkt: await dpop.calculateThumbprint(keys.publicKey),
      }).toString();
      const redirect = await fetch(url, { redirect: 'manual' });
      expect(redirect.status).to.equal(302);
      const params = oauth.validateAuthResponse(as, publicClient, new URL(redirect.headers.get('location')!), state);
      const { value: tokens } = await withNonceRetry(async () =>
        oauth.processAuthorizationCodeResponse(
          as,
          publicClient,
          await oauth.authorizationCodeGrantRequest(as, publicClient, oauth.None(), params, redirectUri, verifier, {
            DPoP: handle,
            ...insecure,
          }),
        ),
      );
      expect(tokens.token_type).to.equal('dpop');
      expect((await callResource(tokens.access_token, handle)).value.status).to.equal(200);
    });

    it('proofs made by the dpop package are accepted at the token endpoint and the RS', async () => {
      const keys = await cryptoKeyPair('client-p256');
      const basic =
        'Basic ' + Buffer.from(`${client.client_id}:${inputs.clients.confidential.client_secret}`).toString('base64');
      const tokenUrl = `${mocks.asUrl}/token`;
      const post = (nonceValue?: string) =>
        dpop.generateProof(keys, tokenUrl, 'POST', nonceValue).then((proof) =>
          fetch(tokenUrl, {
            method: 'POST',
            headers: { authorization: basic, dpop: proof, 'content-type': 'application/x-www-form-urlencoded' },
            body: 'grant_type=client_credentials',
          }),
        );
      let res = await post();
      if (nonce) {
        expect(res.status).to.equal(400);
        expect((await res.json()).error).to.equal('use_dpop_nonce');
        res = await post(res.headers.get('dpop-nonce')!);
      }
      expect(res.status).to.equal(200);
      const { access_token } = await res.json();
      const get = (nonceValue?: string) =>
        dpop
          .generateProof(keys, mocks.resourceUrl!, 'GET', nonceValue, access_token)
          .then((proof) =>
            fetch(mocks.resourceUrl!, { headers: { authorization: `DPoP ${access_token}`, dpop: proof } }),
          );
      let r = await get();
      if (nonce) {
        expect(r.status).to.equal(401);
        expect(r.headers.get('www-authenticate')).to.match(/^DPoP error="use_dpop_nonce"/);
        r = await get(r.headers.get('dpop-nonce')!);
      }
      expect(r.status).to.equal(200);
    });
  });
}
