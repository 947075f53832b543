/* Generated from suites/target.schema.json by scripts/generate-types.mjs (npm run types): do not edit. */
/**
 * Something a target may declare it supports.
 */
export type Feature =
  | 'nonce'
  | 'refresh'
  | 'public-client'
  | 'authorization-code'
  | 'dpop-sk'
  | 'client-secret-post'
  | 'jti-tracking'
  | 'post'
  | 'dpop-sk-b';

/**
 * A dpop-conformance target file: the server(s) under test
 */
export interface TargetFile {
  as?: {
    issuer: string;
    /**
     * Metadata URL; default issuer + /.well-known/oauth-authorization-server
     */
    metadata?: string;
    token_endpoint?: string;
    authorization_endpoint?: string;
    jwks_uri?: string;
    /**
     * aud of the tokens it issues (the bundled mock RS accepts that audience)
     */
    audience?: string;
    redirect_uri?: string;
    clients?: {
      confidential?: {
        client_id: string;
        client_secret: string;
        auth?: 'basic' | 'post';
      };
      public?: {
        client_id: string;
      };
    };
    features?: Feature[];
    /**
     * scope sent in authorization requests (some servers require one)
     */
    scope?: string;
  };
  rs?: {
    resource: string;
    audience?: string;
    features?: Feature[];
    /**
     * 0 picks a free port
     */
    mock_as_port?: number;
    mock_as_issuer?: string;
  };
}
