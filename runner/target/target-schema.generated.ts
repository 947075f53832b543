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
  | 'dpop-sk-b'
  | 'bound-client'
  | 'rs-fleet'
  | 'behind-proxy'
  | 'proxy-x-forwarded'
  | 'proxy-forwarded'
  | 'key-rotation'
  | 'client-credentials-refresh'
  | 'introspection'
  | 'par'
  | 'jwt-access-token';

/**
 * A dpop-conformance target file: the server(s) under test
 */
export interface TargetFile {
  /**
   * Certificates to trust beside the system's, as --ca does; turning the check off (--insecure) is the command line's only
   */
  tls?: {
    /**
     * PEM files, each relative to the target file's folder (for a target given as a value, to the working directory)
     *
     * @minItems 1
     * @maxItems 16
     */
    ca: string[];
  };
  as?: {
    issuer: string;
    /**
     * Metadata URL; default: RFC 8414 §3.1 (/.well-known/oauth-authorization-server inserted before the issuer's path), then issuer + /.well-known/openid-configuration
     */
    metadata?: string;
    token_endpoint?: string;
    authorization_endpoint?: string;
    /**
     * RFC 7662 introspection endpoint (default: the metadata's introspection_endpoint); the confidential client authenticates there
     */
    introspection_endpoint?: string;
    /**
     * RFC 9126 PAR endpoint (default: the metadata's pushed_authorization_request_endpoint, RFC 9126 §5); the client authenticates there as at the token endpoint
     */
    pushed_authorization_request_endpoint?: string;
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
        /**
         * The grants this client is registered for; default all. A token step uses a client that does its grant (the confidential client first).
         */
        grants?: ('client_credentials' | 'authorization_code' | 'refresh_token')[];
      };
      public?: {
        client_id: string;
        /**
         * The grants this client is registered for; default all. A token step uses a client that does its grant (the confidential client first).
         */
        grants?: ('client_credentials' | 'authorization_code' | 'refresh_token')[];
      };
      /**
       * A confidential client registered with dpop_bound_access_tokens true (RFC 9449 §5.2); declare the feature bound-client.
       */
      bound?: {
        client_id: string;
        client_secret: string;
        auth?: 'basic' | 'post';
        /**
         * The grants this client is registered for; default all. A token step uses a client that does its grant (the confidential client first).
         */
        grants?: ('client_credentials' | 'authorization_code' | 'refresh_token')[];
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
    /**
     * One RS served at several addresses: the resource's URL at each node (same path as resource); enables the rs-fleet cases (docs/deployment.md)
     *
     * @minItems 2
     * @maxItems 16
     */
    nodes?: string[];
    /**
     * Behind a reverse proxy: the resource's URL as clients see it (resource is where the runner connects); the behind-proxy cases use it
     */
    public_url?: string;
    /**
     * Your RS rotates its shared secret or ticket key by itself (feature key-rotation): a rotate step waits for it, repeating a valid request every poll_interval seconds until it is refused, for at most max_wait seconds.
     */
    rotation?: {
      max_wait: number;
      /**
       * default 5
       */
      poll_interval?: number;
    };
    /**
     * Seconds a Model B ticket lives (DPoP-SK §6 step 4): the ticket-expiry cases wait this long, plus 2 s; undeclared, they are skipped. Set the RS to a short lifetime for testing.
     */
    ticket_lifetime?: number;
  };
}
