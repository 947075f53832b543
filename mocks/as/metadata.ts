import { publicJwk } from '../../protocol/jwk.js';
import type { AsState } from './state.js';

/** RFC 8414 authorization server metadata, with RFC 9449 §5.1 dpop_signing_alg_values_supported and RFC 9126 §5 PAR. */
export function metadata(s: AsState): Record<string, unknown> {
  return {
    issuer: s.fault('as-metadata-issuer-trailing-slash') ? `${s.issuer}/` : s.issuer,
    authorization_endpoint: `${s.issuer}/authorize`,
    token_endpoint: `${s.issuer}/token`,
    jwks_uri: `${s.issuer}/jwks`,
    introspection_endpoint: `${s.issuer}/introspect`,
    // RFC 9126 §5
    pushed_authorization_request_endpoint: `${s.issuer}/par`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    dpop_signing_alg_values_supported: s.fault('as-metadata-algs-string') ? s.config.algs.join(' ') : s.config.algs,
    dpop_sk_supported: true,
  };
}

export function jwks(s: AsState): { keys: object[] } {
  return { keys: [{ ...publicJwk(s.config.asKey), use: 'sig' }] };
}
