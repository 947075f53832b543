import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { loadInputs } from '../../base/fixed-inputs.js';

export const OIDC_PROVIDER_SCOPE = 'openid offline_access read';

/**
 * panva's oidc-provider as an authorization server under test: DPoP on (its own
 * implementation), JWT access tokens for the audience urn:dpop-conformance:rs, the
 * client_credentials, authorization_code and refresh_token grants, and nonces when
 * asked. Configured the way a vendor would set up a test instance for the suite: the
 * fixed test clients and AS key (and conformance-bound, registered with
 * dpop_bound_access_tokens: true, RFC 9449 §5.2), oidc-provider's DEFAULT DPoP algorithms
 * (enabledJWA.dPoPSigningAlgValues left alone: ES256, Ed25519, EdDSA, advertised in its
 * metadata), and interactions (login, consent) that approve at once.
 */
export async function startOidcProvider(o: { nonce: boolean }): Promise<{ issuer: string; close(): Promise<void> }> {
  const inputs = loadInputs();
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const audience = inputs.audience;
  const common = {
    redirect_uris: ['http://127.0.0.1/callback'],
    response_types: ['code'],
    id_token_signed_response_alg: 'ES256',
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        ...common,
        client_id: inputs.clients.confidential.client_id,
        client_secret: inputs.clients.confidential.client_secret,
        grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        ...common,
        client_id: inputs.clients.bound.client_id,
        client_secret: inputs.clients.bound.client_secret,
        grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'client_secret_basic',
        dpop_bound_access_tokens: true,
      },
      {
        ...common,
        client_id: inputs.clients.public.client_id,
        grant_types: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'none',
      },
    ],
    jwks: { keys: [{ ...inputs.as_signing_key, use: 'sig' }] },
    scopes: ['openid', 'offline_access', 'read'],
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      dPoP: { enabled: true, nonceSecret: Buffer.alloc(32, 7), requireNonce: () => o.nonce },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'read',
          audience,
          accessTokenTTL: 600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  });
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) return approve(provider, req, res);
    return callback(req, res);
  });
  return { issuer, close: () => new Promise((r) => server.close(() => r())) };
}

/** The test instance's interaction: log in a fixed account and grant whatever is asked. */
async function approve(provider: any, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const { prompt, params, session, grantId } = await provider.interactionDetails(req, res);
    if (prompt.name === 'login') {
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: 'conformance-user' } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const d = prompt.details;
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(d.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, (scopes as string[]).join(' '));
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  } catch (e) {
    res.statusCode = 500;
    res.end(String(e));
  }
}
