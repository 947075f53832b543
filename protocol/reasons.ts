/**
 * Every stable reason code the DPoP / DPoP-SK checks can report, with the OAuth
 * error code it maps to on the wire and the requirement it enforces.
 * docs/errors.md lists the same codes; test/errors-doc.test.ts keeps the two equal.
 */
export const REASONS = {
  // RFC 9449 §4.3 proof checks (asymmetric and symmetric alike)
  PROOF_MALFORMED: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 2',
    text: 'the proof is not a well-formed compact JWS with a JSON claims set',
  },
  PROOF_BAD_TYP: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 4',
    text: 'typ is not dpop+jwt (dpop-sk+jwt for a symmetric proof)',
  },
  PROOF_ALG_NOT_ALLOWED: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 5',
    text: 'alg is none, symmetric where asymmetric is required, or not supported',
  },
  PROOF_JWK_MISSING: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.2',
    text: 'the asymmetric proof header has no jwk',
  },
  PROOF_JWK_PRIVATE: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 7',
    text: 'the jwk header carries private key members',
  },
  PROOF_BAD_SIGNATURE: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 6',
    text: 'the signature does not verify with the jwk header key',
  },
  PROOF_MISSING_CLAIM: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 3',
    text: 'a required claim (jti, htm, htu, iat, ath) is absent or of the wrong type',
  },
  PROOF_HTM_MISMATCH: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 8',
    text: 'htm does not equal the request method',
  },
  PROOF_HTU_MISMATCH: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 9',
    text: 'htu does not equal the request URI without query and fragment',
  },
  PROOF_IAT_OUT_OF_WINDOW: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 11',
    text: 'iat is outside the acceptable window',
  },
  PROOF_ATH_MISMATCH: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 12',
    text: 'ath does not equal the hash of the presented access token',
  },
  PROOF_JKT_MISMATCH: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 12, §7.1',
    text: 'the proof key does not match the access token cnf.jkt',
  },
  PROOF_REPLAYED: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §11.1; DPoP-SK §5 step 6',
    text: 'the jti was already seen within the window',
  },
  PROOF_NONCE_MISMATCH: {
    error: 'use_dpop_nonce',
    ref: 'RFC 9449 §4.3 check 10, §8',
    text: 'a nonce is required and the proof has none or a stale one',
  },
  PROOF_DUPLICATE_HEADER: {
    error: 'invalid_dpop_proof',
    ref: 'RFC 9449 §4.3 check 1',
    text: 'more than one DPoP header field',
  },
  PROOF_FORBIDDEN_HEADER: {
    error: 'invalid_dpop_proof',
    ref: 'DPoP-SK §4',
    text: 'a symmetric proof carries jwk, jku, x5c or x5u',
  },
  PROOF_BAD_MAC: {
    error: 'invalid_dpop_proof',
    ref: 'DPoP-SK §5 step 5',
    text: 'the HS256 MAC does not verify with the derived SK',
  },
  PROOF_KID_UNEXPECTED: {
    error: 'invalid_dpop_proof',
    ref: 'DPoP-SK §4',
    text: 'a Model A symmetric proof carries a kid',
  },
  PROOF_TICKET_INVALID: {
    error: 'invalid_dpop_proof',
    ref: 'DPoP-SK §6 step 4',
    text: 'the Model B ticket (kid) does not decrypt, or is not a well-formed ticket',
  },
  PROOF_TICKET_EXPIRED: {
    error: 'invalid_dpop_proof',
    ref: 'DPoP-SK §6 step 4',
    text: 'the Model B ticket has expired',
  },
  PROOF_TICKET_JKT_MISMATCH: {
    error: 'invalid_dpop_proof',
    ref: 'DPoP-SK §6 step 4',
    text: 'the Model B ticket is bound to another key than the access token',
  },
  // Access token checks at the RS (RFC 9449 §7, RFC 9068, DPoP-SK §5)
  TOKEN_MALFORMED: {
    error: 'invalid_token',
    ref: 'RFC 9068 §4; RFC 6750 §3.1',
    text: 'the access token is not a well-formed JWT',
  },
  TOKEN_BAD_SIGNATURE: {
    error: 'invalid_token',
    ref: 'RFC 9068 §4; DPoP-SK §5 step 1',
    text: 'the token is not signed by a trusted AS key',
  },
  TOKEN_BAD_TYP: { error: 'invalid_token', ref: 'RFC 9068 §4', text: 'the token typ is not at+jwt' },
  TOKEN_EXPIRED: {
    error: 'invalid_token',
    ref: 'RFC 9068 §4; DPoP-SK §5 step 1',
    text: 'the token exp is in the past',
  },
  TOKEN_AUD_MISMATCH: {
    error: 'invalid_token',
    ref: 'RFC 9068 §4; DPoP-SK §5 step 1',
    text: 'the token aud does not name this RS',
  },
  TOKEN_ISS_MISMATCH: { error: 'invalid_token', ref: 'RFC 9068 §4', text: 'the token iss is not the trusted issuer' },
  TOKEN_NOT_DPOP_BOUND: { error: 'invalid_token', ref: 'RFC 9449 §6, §7.1', text: 'the token has no cnf.jkt' },
  TOKEN_NO_CNF_SK: {
    error: 'invalid_dpop_proof',
    ref: 'DPoP-SK §5 step 2',
    text: 'a symmetric proof was sent with a token that has no cnf.sk',
  },
  TOKEN_SK_UNKNOWN_VERSION: {
    error: 'invalid_token',
    ref: 'DPoP-SK §5 step 3',
    text: 'cnf.sk.v names a secret version the RS does not know (bad salt version)',
  },
  TOKEN_SK_RETIRED_VERSION: {
    error: 'invalid_token',
    ref: 'DPoP-SK §5 step 4',
    text: 'cnf.sk.v names a retired secret version',
  },
  TOKEN_SK_EXPIRED: {
    error: 'invalid_token',
    ref: 'DPoP-SK §5 step 4',
    text: 'cnf.sk.exp is in the past (expired key)',
  },
  TOKEN_SK_MALFORMED: { error: 'invalid_token', ref: 'DPoP-SK §3 step 2', text: 'cnf.sk lacks v, r (32 bytes) or exp' },
  // Key derivation (DPoP-SK §2)
  SK_MISMATCH: {
    error: 'invalid_request',
    ref: 'DPoP-SK §2',
    text: 'the stated SK is not HKDF-SHA256(S_V, R, "DPoP-SK-v1", 32)',
  },
  SK_INPUT_LENGTH: {
    error: 'invalid_request',
    ref: 'DPoP-SK §1, §2',
    text: 'R is not 32 bytes or S_V is shorter than 32 bytes',
  },
  // dpop_sk key wrapping (DPoP-SK §3 step 4)
  WRAP_UNSUPPORTED_KEY: {
    error: 'invalid_request',
    ref: 'DPoP-SK §3 step 1',
    text: 'the DPoP key type cannot receive a wrapped SK (e.g. Ed25519)',
  },
  WRAP_ALG_NOT_ALLOWED: {
    error: 'invalid_request',
    ref: 'DPoP-SK §3 step 4',
    text: 'the JWE alg/enc is not the one the profile fixes for the key type',
  },
  WRAP_KID_MISMATCH: {
    error: 'invalid_request',
    ref: 'DPoP-SK §3 step 4',
    text: 'the JWE kid is not the jkt of the recipient key',
  },
  WRAP_BAD_CTY: { error: 'invalid_request', ref: 'DPoP-SK §3 step 4', text: 'the JWE cty is not jwk+json' },
  WRAP_DECRYPT_FAILED: {
    error: 'invalid_request',
    ref: 'DPoP-SK §3 step 4',
    text: 'the JWE does not decrypt with the recipient key (wrong recipient or tampered)',
  },
  WRAP_BAD_PLAINTEXT: {
    error: 'invalid_request',
    ref: 'DPoP-SK §3 step 3',
    text: 'the plaintext is not {"kty":"oct","alg":"HS256","k":<32 bytes>}',
  },
  // Thumbprints and ath (RFC 7638, RFC 9449 §4.2)
  THUMBPRINT_MISMATCH: {
    error: 'invalid_request',
    ref: 'RFC 7638 §3',
    text: 'the stated thumbprint is not the RFC 7638 SHA-256 thumbprint',
  },
  ATH_VALUE_MISMATCH: {
    error: 'invalid_request',
    ref: 'RFC 9449 §4.2',
    text: 'the stated ath is not base64url(SHA-256(ASCII token))',
  },
} as const;

export type Reason = keyof typeof REASONS;
export type OAuthErrorCode = (typeof REASONS)[Reason]['error'];

export const REASON_CODES = Object.keys(REASONS) as Reason[];
