import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { loadInputs } from '../../runner/protocol/inputs.js';

/**
 * panva's oidc-provider as an authorization server under test: DPoP on (its own
 * implementation), JWT access tokens for the audience urn:dpop-conformance:rs, the
 * client_credentials grant, and nonces when asked. Configured the way a vendor
 * would configure a test instance for the suite (the fixed test client and AS key).
 */
export async function startOidcProvider(o: { nonce: boolean }): Promise<{ issuer: string; close(): Promise<void> }> {
  const inputs = loadInputs();
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const audience = inputs.audience;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: inputs.clients.confidential.client_id, client_secret: inputs.clients.confidential.client_secret,
      grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: 'ES256',
    }],
    jwks: { keys: [{ ...inputs.as_signing_key, use: 'sig' }] },
    enabledJWA: { dPoPSigningAlgValues: ['ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'Ed25519'] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      dPoP: { enabled: true, nonceSecret: Buffer.alloc(32, 7), requireNonce: () => o.nonce },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'read', audience, accessTokenTTL: 600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } }),
      },
    },
  } as never);
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise((r) => server.close(() => r())) };
}
