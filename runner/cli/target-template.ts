import { DEFAULT_AS_PORT, DEFAULT_REDIRECT_URI } from '../../base/constants.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import type { Feature, Side } from '../suite/types.js';

/** What each feature means, as a target file's comment (docs/targets.md, "Features"); typed so that none is missing. */
export const FEATURE_MEANINGS: Record<Feature, string> = {
  nonce: 'the server demands DPoP nonces (RFC 9449 §8, §9)',
  refresh: 'the AS issues refresh tokens',
  'public-client': 'the AS has the public test client',
  'authorization-code': 'the authorization code grant with PKCE, approving the test clients without a user',
  'client-secret-post': 'the AS accepts client_secret_post',
  'jti-tracking': 'the AS rejects a replayed token-request proof (RFC 9449 §11.1 "can")',
  'dpop-sk': 'DPoP-SK Model A (dpop_sk=true at the token endpoint; cnf.sk at the RS)',
  'dpop-sk-b': 'DPoP-SK Model B (the RS answers DPoP-SK-Request with a key and a ticket)',
  post: 'the protected resource accepts POST',
  'bound-client': 'a client registered with dpop_bound_access_tokens (as.clients.bound)',
  'rs-fleet': 'one RS at several addresses: added by rs.nodes (declared without them, an error)',
  'behind-proxy': 'the RS is behind a reverse proxy at rs.public_url (declared by naming rs.public_url)',
  'proxy-x-forwarded': 'behind a proxy, the RS takes the public URL from X-Forwarded-Proto/-Host/-Prefix',
  'proxy-forwarded': 'behind a proxy, the RS takes the public URL from RFC 7239 Forwarded (and X-Forwarded-Prefix)',
  'key-rotation': 'the DPoP-SK shared secret or ticket key rotates during the run (an RS sets rotation.max_wait)',
  introspection: 'an RFC 7662 introspection endpoint the confidential client may call (RFC 9449 §6.2)',
  par: 'a pushed authorization request endpoint (RFC 9126) that takes dpop_jkt and DPoP proofs (RFC 9449 §10.1)',
  'jwt-access-token': 'the RS validates RFC 9068 JWT access tokens: typ at+jwt and iss the AS issuer (RFC 9068 §4)',
  'client-credentials-refresh':
    'the AS issues refresh tokens to client_credentials grants (RFC 6749 §4.4.3: SHOULD NOT)',
};

function featureLines(features: readonly Feature[]): string[] {
  const width = Math.max(...features.map((f) => f.length));
  return [
    '  # What it supports. A case that needs a feature not declared here is skipped, with the',
    '  # reason. `run --detect` probes for some and prints what it found; `run --features a,b`',
    '  # adds some for one run. Put the names that apply between the brackets:',
    ...features.map((f) => `  #   ${f.padEnd(width)}  ${FEATURE_MEANINGS[f]}`),
    '  features: []',
  ];
}

const HEAD = [
  '# A dpop-conformance target file: the server under test (docs/targets.md).',
  '# Checked against suites/target.schema.json when read; ${env:NAME} reads a value from the',
  '# environment (use it for secrets: they never appear in reports or logs).',
];

function asTemplate(file: string, features: readonly Feature[]): string[] {
  const inputs = loadInputs();
  return [
    ...HEAD,
    `#   npx dpop-conformance run --target ${file}`,
    'as:',
    '  # The issuer; its metadata is read from <issuer>/.well-known/oauth-authorization-server',
    '  # (then /.well-known/openid-configuration). Replace with your AS.',
    '  issuer: https://as.example.com',
    '  # aud of the access tokens it issues; the bundled mock RS accepts this audience.',
    `  audience: ${inputs.audience}`,
    '  # Registered for the test clients (the authorization-code cases).',
    `  redirect_uri: ${DEFAULT_REDIRECT_URI}`,
    '  # scope: openid offline_access      # if your authorization requests need one',
    `  # The test clients; by default ${inputs.clients.confidential.client_id} (client_secret_basic) and ${inputs.clients.public.client_id}.`,
    '  # Name your own, with the secret from the environment:',
    '  # clients:',
    '  #   confidential: { client_id: my-client, client_secret: "${env:AS_CLIENT_SECRET}", auth: basic }',
    '  #   public: { client_id: my-public-client }',
    ...featureLines(features),
  ];
}

function rsTemplate(file: string, features: readonly Feature[]): string[] {
  const inputs = loadInputs();
  return [
    ...HEAD,
    `#   npx dpop-conformance run --target ${file}`,
    'rs:',
    '  # A protected resource of your RS (GET; POST too with the post feature). Replace it.',
    '  resource: https://rs.example.com/api/resource',
    '  # aud put in the access tokens the runner mints with the fixed test AS key.',
    `  audience: ${inputs.audience}`,
    '  # The bundled mock AS serves that key (metadata, /jwks) on this port while the run lasts;',
    `  # configure your RS to trust http://127.0.0.1:${DEFAULT_AS_PORT}/jwks (0: any free port).`,
    `  mock_as_port: ${DEFAULT_AS_PORT}`,
    '  # mock_as_issuer: http://host.docker.internal:9440   # iss of minted tokens, if your RS expects another',
    '  # One RS served at several addresses (docs/deployment.md): the resource at each node, 2 to 16.',
    '  # nodes: [http://10.0.0.1:8080/api/resource, http://10.0.0.2:8080/api/resource]',
    '  # public_url: https://api.example.com/v1/resource   # behind a reverse proxy: the URL clients use (behind-proxy cases)',
    '  # rotation: { max_wait: 120, poll_interval: 5 }  # key-rotation: how long to wait for your RS to rotate',
    '  # ticket_lifetime: 5   # seconds a Model B ticket lives; the ticket-expiry case waits it out',
    ...featureLines(features),
  ];
}

/** The TLS member, commented out: a private CA's certificates, beside the target file. */
const TLS_LINES = [
  '# An https server under a private CA: its PEM certificates, relative to this file (as --ca does).',
  '# tls:',
  '#   ca: [staging-ca.pem]',
];

/** The commented target file `dpop-conformance init as|rs` writes; `features` are those the side's cases use. */
export function targetTemplate(side: Side, file: string, features: readonly Feature[]): string {
  return [...(side === 'as' ? asTemplate(file, features) : rsTemplate(file, features)), ...TLS_LINES].join('\n') + '\n';
}
