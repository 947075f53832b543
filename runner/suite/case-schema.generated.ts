/* Generated from suites/case.schema.json by scripts/generate-types.mjs (npm run types): do not edit. */
/**
 * Which party is under test: as, rs, or both (end-to-end: the AS's tokens presented to the RS; a run needs both sides).
 */
export type Target = 'as' | 'rs' | 'both';
/**
 * The profile the cases test: RFC 9449 alone, or DPoP-SK Model A or B.
 */
export type Profile = 'rfc9449' | 'dpop-sk-a' | 'dpop-sk-b';
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
 * One status code or a list of acceptable ones.
 */
export type StatusCodes = number | number[];
/**
 * One of the fixed client keys.
 */
export type KeyName =
  | 'client-p256'
  | 'client-p256-other'
  | 'client-p384'
  | 'client-rsa2048'
  | 'client-ed25519'
  | 'client-p256-leading-zero'
  | 'client-p521';
/**
 * One error code or a list of acceptable ones.
 */
export type ErrorCodes = string | string[];

/**
 * A dpop-conformance suite file
 */
export interface SuiteFile {
  /**
   * The suite's name, used by --suite.
   */
  suite: string;
  /**
   * What the suite covers, in a line.
   */
  title: string;
  /**
   * More about the suite: what it covers and how.
   */
  description?: string;
  target: Target;
  profile: Profile;
  /**
   * At least one.
   *
   * @minItems 1
   */
  cases: Case[];
}
export interface Case {
  /**
   * Unique across all suites.
   */
  id: string;
  /**
   * What the case shows, in a line (shown in reports).
   */
  title: string;
  /**
   * Default the suite's.
   */
  target?: Target;
  /**
   * Default the suite's.
   */
  profile?: Profile;
  /**
   * As the spec words the requirement.
   */
  level: 'MUST' | 'SHOULD' | 'MAY';
  /**
   * The section: "RFC n §x" or "DPoP-SK §x".
   */
  ref: string;
  /**
   * The requirement, quoted from the spec (printed on failure).
   */
  quote: string;
  /**
   * Ids of the requirements (suites/requirements/requirements.yaml) this case tests.
   */
  covers?: string[];
  /**
   * positive or negative, plus any others (for --tag).
   *
   * @minItems 1
   */
  tags: string[];
  /**
   * Features the target must declare, else the case is skipped.
   */
  requires?: Feature[];
  /**
   * For negatives: the single change from the valid request, in words.
   */
  mutation?: string;
  /**
   * Run in order; the case stops at the first step whose response fails its expectation.
   *
   * @minItems 1
   */
  steps: Step[];
  /**
   * Applies to the last step, over that step's own expect.
   */
  expect?: Expect;
  /**
   * A proof algorithm RFC 9449 leaves optional (§4.3 check 5: "is supported by the application, and is acceptable per local policy") that the last step depends on. The expectation is chosen at run time from what the server advertises (AS metadata dpop_signing_alg_values_supported, RFC 9449 §5.1; the RS's algs challenge parameter, §7.1): advertised, expect applies; not advertised, a refusal is expected (AS: an RFC 6749 §5.2 error; RS: 400 or 401); no list advertised, a refusal ends the case not-exhibited. The choice is recorded as an assertion.
   */
  optional_alg?: 'ES384' | 'ES512' | 'PS256' | 'RS256' | 'EdDSA';
  /**
   * Where readings of the specification genuinely differ: the last response is judged against each reading, and the case passes under either, its reason naming the one the server takes. With --stance NAME=VALUE the case requires that reading (and fails otherwise). Takes the place of expect on the last step.
   */
  stance?: {
    /**
     * The question the readings answer, as in --stance NAME=VALUE. htu-query: a proof whose htu itself carries a query or fragment (RFC 9449 §4.3 check 9 "ignoring any query and fragment parts" against §4.2 htu "without query and fragment parts"). proxy-internal-htu: behind a reverse proxy, a proof whose htu is the URL the RS is reached at internally rather than the public one the client addressed.
     */
    name: 'htu-query' | 'proxy-internal-htu';
    /**
     * What the last response shows under each reading.
     */
    readings: {
      accept: Expect;
      reject: Expect;
    };
  };
  /**
   * For behaviour the text makes optional (MAY, "can") or a check that needs a precondition: what the last response shows when the server exhibits the behaviour at all. When it does not hold, the case ends not-exhibited (never a failure, never gating) instead of being judged by expect. Not on MUST cases.
   */
  exhibited?: Expect;
}
/**
 * One step: exactly one of these kinds.
 */
export interface Step {
  token?: TokenStep;
  mint_token?: MintStep;
  request?: RequestStep;
  rotate?: RotateStep;
  metadata?: MetadataStep;
  wait?: WaitStep;
  introspect?: IntrospectStep;
  par?: ParStep;
}
/**
 * A token request to the AS of the run (RFC 9449 §5).
 */
export interface TokenStep {
  /**
   * Default client_credentials; authorization_code runs the authorization request (PKCE) first.
   */
  grant?: 'client_credentials' | 'refresh_token' | 'authorization_code';
  /**
   * Which client of the target; default confidential, or for a grant the confidential client does not do, the target's client that does it. bound: the client registered with dpop_bound_access_tokens true (RFC 9449 §5.2), feature bound-client.
   */
  client?: 'confidential' | 'public' | 'bound';
  /**
   * How the confidential client authenticates; default the target's.
   */
  auth?: 'basic' | 'post';
  /**
   * The proof key; default client-p256.
   */
  key?: KeyName;
  /**
   * Send the dpop_sk parameter: true asks for an SK (DPoP-SK §3), another value is sent as written.
   */
  dpop_sk?: boolean | string;
  /**
   * Form parameters to add or override.
   */
  params?: {
    [k: string]: string;
  };
  /**
   * The refresh token to send (a template); default the last one captured.
   */
  refresh_token?: string;
  /**
   * Send dpop_jkt, the thumbprint of this key, in the authorization request (RFC 9449 §10).
   */
  dpop_jkt?: KeyName;
  proof?: Proof;
  /**
   * Keep the step's captures under this name too, for templates ({name.token}, …), replay and sk_from.
   */
  save_as?: string;
  /**
   * What the response must show; default status 200.
   */
  expect?: Expect;
  /**
   * Send no DPoP header.
   */
  no_proof?: true;
  /**
   * Send two DPoP headers.
   */
  duplicate_proof?: true;
  /**
   * Send the DPoP header field under this spelling of its name, e.g. DPOP (field names are case-insensitive, RFC 9110 §5.1); default dpop.
   */
  dpop_field_name?: string;
  /**
   * Send again the proof of the step saved under this name.
   */
  replay?: string;
  /**
   * Answer a use_dpop_nonce challenge once (default true); false when the case handles nonces itself.
   */
  nonce_retry?: boolean;
  /**
   * Authenticate with a wrong client secret.
   */
  wrong_client_secret?: true;
  /**
   * Send a wrong PKCE code_verifier.
   */
  wrong_code_verifier?: true;
  /**
   * With grant authorization_code: authorize with the request_uri of the preceding par step (RFC 9126 §4) instead of sending the request's parameters; the par step's client redeems the code. Feature par.
   */
  pushed?: true;
}
/**
 * The step's DPoP proof: a valid one unless one of its properties makes a change.
 */
export interface Proof {
  /**
   * The key that makes the proof; default the step's key.
   */
  key?: KeyName;
  /**
   * The JWS alg; default the key's.
   */
  alg?: string;
  /**
   * The htm claim, instead of the request's method.
   */
  htm?: string;
  /**
   * The htu claim (a template), instead of the request's URL.
   */
  htu?: string;
  /**
   * A DPoP-SK proof MACed with the captured SK; with Model B its kid is the captured ticket.
   */
  symmetric?: true;
  /**
   * Use the SK captured by this saved step.
   */
  sk_from?: string;
  /**
   * "none" to omit, or a literal/template value; default the last nonce the server gave.
   */
  nonce?: string;
  /**
   * One change to an otherwise valid proof.
   */
  mutation?: Mutation;
}
/**
 * A token signed with the fixed test AS key, without HTTP (for testing a vendor RS).
 */
export interface MintStep {
  /**
   * The client key the token is bound to (cnf.jkt); default client-p256.
   */
  key?: KeyName;
  /**
   * Add cnf.sk (DPoP-SK §3 step 2).
   */
  sk?: {
    /**
     * cnf.sk.v; default the active version.
     */
    version?: string;
    /**
     * The secret version whose S_V derives SK (for an unknown version: which real secret to use).
     */
    secret_from?: string;
    /**
     * cnf.sk.exp relative to now, seconds (default 300; negative = an expired key).
     */
    expires_in?: number;
    /**
     * Bytes of the random R in cnf.sk.r (default 32, what docs/profile.md §2 requires); SK is still HKDF(S_V, R).
     */
    r_length?: number;
  };
  /**
   * Token exp relative to now, seconds (default 600).
   */
  expires_in?: number;
  /**
   * aud; default the run's audience.
   */
  audience?: string;
  /**
   * iss; default the issuer the RS trusts.
   */
  issuer?: string;
  /**
   * Sign with this client key instead of the AS key (kid kept): an untrusted token.
   */
  signed_by?: KeyName;
  /**
   * Replace the token's ECDSA signature with r = s = 0 (CVE-2022-21449): an untrusted token.
   */
  zero_signature?: true;
  /**
   * Leave cnf.jkt out.
   */
  unbound?: true;
  /**
   * The JWT typ header; default at+jwt.
   */
  typ?: string;
  /**
   * Leave the typ header out.
   */
  omit_typ?: true;
  /**
   * Claims to add or override.
   */
  claims?: {
    [k: string]: unknown;
  };
  /**
   * Keep the step's captures under this name too, for templates ({name.token}, …), replay and sk_from.
   */
  save_as?: string;
}
/**
 * A resource request to the RS of the run (RFC 9449 §7; DPoP-SK §5 for symmetric proofs).
 */
export interface RequestStep {
  /**
   * Default GET.
   */
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /**
   * A template; default {rs.resource}.
   */
  url?: string;
  /**
   * A query appended to the URL (the proof's htu leaves it out).
   */
  query?: string;
  /**
   * The access token to present (a template); default the last one captured.
   */
  token?: string;
  /**
   * The Authorization scheme instead of DPoP.
   */
  scheme?: string;
  /**
   * Send neither Authorization nor a proof.
   */
  no_authorization?: true;
  /**
   * Present the token as an RFC 6750 bearer token: Authorization: Bearer and no DPoP header.
   */
  bearer_only?: true;
  proof?: Proof;
  /**
   * Keep the step's captures under this name too, for templates ({name.token}, …), replay and sk_from.
   */
  save_as?: string;
  /**
   * What the response must show; default status 200.
   */
  expect?: Expect;
  /**
   * Send no DPoP header.
   */
  no_proof?: true;
  /**
   * Send two DPoP headers.
   */
  duplicate_proof?: true;
  /**
   * Send the DPoP header field under this spelling of its name, e.g. DPOP (field names are case-insensitive, RFC 9110 §5.1); default dpop.
   */
  dpop_field_name?: string;
  /**
   * Send again the proof of the step saved under this name.
   */
  replay?: string;
  /**
   * Answer a use_dpop_nonce challenge once (default true); false when the case handles nonces itself.
   */
  nonce_retry?: boolean;
  /**
   * Arrive as a reverse proxy forwards the request (feature behind-proxy): sent to {rs.resource} with headers describing the target's rs.public_url — X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-Prefix (x-forwarded; feature proxy-x-forwarded), RFC 7239 Forwarded proto= and host= with X-Forwarded-Prefix (forwarded; feature proxy-forwarded), or all of them, consistent (both). The prefix is sent when the public path ends with the resource's path and is longer. The proof's htu is the public URL.
   */
  forwarded?: 'both' | 'x-forwarded' | 'forwarded';
  /**
   * Send DPoP-SK-Request: HS256 (DPoP-SK §6) and capture the DPoP-SK key and ticket (Model B).
   */
  sk_request?: true;
  /**
   * Send the request to this node of the target's rs.nodes (feature rs-fleet): connected to that address, with the URL's Host and the same htu, as a load balancer delivers it.
   */
  node?: number;
}
/**
 * A key rotation at the RS of the run (feature key-rotation): the bundled mocks rotate at once (POST /admin/rotate) and the step waits out their grace period; a vendor's RS rotates on its own schedule, and the step repeats a valid request with the probe capture until the RS refuses it, for at most the target file's rs.rotation.max_wait (without it the case is skipped).
 */
export interface RotateStep {
  /**
   * shared-secret: the Model A secret S_V (DPoP-SK §5 step 4; the mock AS issues the new version); ticket-key: the RS's Model B ticket key (§6 step 4).
   */
  what: 'shared-secret' | 'ticket-key';
  /**
   * The saved capture (save_as) whose token, SK and ticket the vendor wait repeats a request with; default the current one.
   */
  probe?: string;
}
/**
 * A GET of the AS metadata document the run discovered (RFC 8414 §3; RFC 9449 §5.1). A target file that names as.token_endpoint without as.metadata, for an AS that serves none, has none: the case is skipped.
 */
export interface MetadataStep {
  /**
   * What the response must show; default status 200.
   */
  expect?: Expect;
}
/**
 * Waits out a lifetime the target declares, plus 2 seconds, before the next step (at most 300 s). A target that declares none: the case is skipped.
 */
export interface WaitStep {
  /**
   * ticket_lifetime: the lifetime of a Model B ticket the RS declares (rs.ticket_lifetime; DPoP-SK §6 step 4).
   */
  for: 'ticket_lifetime';
}
/**
 * An RFC 7662 introspection request for a token, authenticated as the target's confidential client (RFC 9449 §6.2); feature introspection.
 */
export interface IntrospectStep {
  /**
   * The token to introspect (a template); default the last one captured.
   */
  token?: string;
  /**
   * What the response must show; default status 200.
   */
  expect?: Expect;
}
/**
 * A pushed authorization request (RFC 9126 §2) at the AS's PAR endpoint, authenticated as the client authenticates at the token endpoint, for the code flow that a following token step with pushed: true completes (RFC 9449 §10.1); feature par.
 */
export interface ParStep {
  /**
   * Which client of the target pushes the request (and then redeems the code); default as for a token step's authorization_code grant.
   */
  client?: 'confidential' | 'public' | 'bound';
  /**
   * Send dpop_jkt, the thumbprint of this key, in the PAR request body (RFC 9449 §10.1).
   */
  dpop_jkt?: KeyName;
  /**
   * Send a DPoP header on the PAR request (RFC 9449 §10.1), this proof: {} is a valid proof made with client-p256 for POST at the PAR endpoint. Absent: no DPoP header.
   */
  proof?: Proof;
  /**
   * What the response must show; default status 201 (RFC 9126 §2.2).
   */
  expect?: Expect;
}
/**
 * What a response must show.
 */
export interface Expect {
  status?: StatusCodes;
  /**
   * The error code, from the JSON body or the WWW-Authenticate error parameter.
   */
  error?: ErrorCodes;
  /**
   * The WWW-Authenticate challenge.
   */
  www_authenticate?: {
    /**
     * A challenge of this scheme is present.
     */
    scheme?: string;
    /**
     * Its error parameter.
     */
    error?: ErrorCodes;
    /**
     * It has no error parameter.
     */
    no_error?: true;
    /**
     * Parameters it carries.
     */
    has?: string[];
    /**
     * At least one challenge, of any scheme (RFC 9110 §15.5.2).
     */
    challenge?: true;
    /**
     * Check the challenge only when the status is 401 (a 400 need not carry one).
     */
    if_401?: true;
  };
  /**
   * Header name to a regular expression its value matches ("" = present).
   */
  headers?: {
    /**
     * a regular expression; "" means present
     */
    [k: string]: string;
  };
  /**
   * Headers that must be absent.
   */
  no_headers?: string[];
  /**
   * A JSON Schema the JSON body satisfies.
   */
  body_schema?: {
    [k: string]: unknown;
  };
  /**
   * Named checks (runner/checks/) that must hold.
   */
  checks?: string[];
}
/**
 * One change to an otherwise valid proof: exactly one of these kinds.
 */
export interface Mutation {
  /**
   * Set (or add) claims.
   */
  set_claims?: {
    [k: string]: unknown;
  };
  /**
   * Remove claims.
   *
   * @minItems 1
   */
  drop_claims?: string[];
  /**
   * Set (or add) protected header parameters.
   */
  set_header?: {
    [k: string]: unknown;
  };
  /**
   * Remove protected header parameters.
   *
   * @minItems 1
   */
  drop_header?: string[];
  /**
   * Move iat by this many seconds.
   */
  iat_shift?: number;
  /**
   * Sign with another fixed key while the jwk header keeps the case key.
   */
  sign_with?: KeyName;
  /**
   * Change one character in the middle of the signature.
   */
  corrupt_signature?: true;
  /**
   * Put the private key members (d, …) in the jwk header.
   */
  private_jwk?: true;
  /**
   * Compute ath over this text instead of the access token.
   */
  ath_over?: string;
  /**
   * An ECDSA signature in ASN.1 DER instead of R||S (RFC 7518 §3.4).
   */
  der_signature?: true;
  /**
   * Make the whole proof (jwk header and signature) with this other key.
   */
  use_key?: KeyName;
  /**
   * Send this text (a template) as the DPoP field value instead of a proof.
   */
  raw_value?: string;
  /**
   * Make this part of the JWS the base64url of this JSON value (a payload is signed as usual; a header cannot be).
   */
  part_json?: {
    part: 'header' | 'payload';
    value: unknown;
  };
  /**
   * Put a character outside the base64url alphabet (*) in the middle of this part.
   */
  bad_base64url?: 'header' | 'payload' | 'signature';
  /**
   * Send these claims' correct values as another JSON type: string ("1764640000"), number (digits), array ([value]).
   */
  claim_types?: {
    [k: string]: 'string' | 'number' | 'array';
  };
  /**
   * An ECDSA signature with r = s = 0, the "psychic signature" (CVE-2022-21449).
   */
  zero_signature?: true;
  /**
   * alg HS256, MACed with the UTF-8 JSON text of the public jwk header as the key (algorithm confusion).
   */
  mac_with_jwk?: true;
  /**
   * Put this alg in the header while the signature is made with the EC key's own ECDSA algorithm (algorithm confusion).
   */
  header_alg?: string;
}
