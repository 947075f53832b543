import { DEFAULT_REDIRECT_URI } from '../../base/constants.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import type { AsEndpoint } from './env.js';

/** The bundled mock AS at `baseUrl` as the AS of a run, with the fixed test clients. */
export function bundledAsEndpoint(baseUrl: string, issuer = baseUrl): AsEndpoint {
  const { clients } = loadInputs();
  return {
    issuer,
    tokenEndpoint: `${baseUrl}/token`,
    authorizationEndpoint: `${baseUrl}/authorize`,
    introspectionEndpoint: `${baseUrl}/introspect`,
    parEndpoint: `${baseUrl}/par`,
    redirectUri: DEFAULT_REDIRECT_URI,
    clients: {
      confidential: {
        client_id: clients.confidential.client_id,
        client_secret: clients.confidential.client_secret,
        auth: 'basic',
      },
      public: { client_id: clients.public.client_id },
      bound: { client_id: clients.bound.client_id, client_secret: clients.bound.client_secret, auth: 'basic' },
    },
  };
}
