import { UnknownFault } from '../base/errors.js';
import type { CheckNameIn, CommonCheckName, ListCheck, ListId } from './faults/check-lists.js';
import {
  activeSecretFallbackCheck,
  anyNonceCheck,
  anyRLengthCheck,
  coercingClaimsCheck,
  ignoreCritCheck,
  jwkAsMacKeyAlgCheck,
  keyAlgSignatureCheck,
  nonceWhenPresentCheck,
  psychicProofSignatureCheck,
  psychicTokenSignatureCheck,
} from './faults/lax-checks.js';
import {
  es256OnlyCheck,
  htuExactStringCheck,
  htuWithQueryCheck,
  narrowIatCheck,
  noFutureIatCheck,
  noExtraClaimsCheck,
  noncanonicalJktCheck,
  minimalCoordinatesJktCheck,
  shortTypOnlyCheck,
} from './faults/over-strict-checks.js';
import { htuQueryRefusedCheck } from './faults/stance-checks.js';

/**
 * Fault injection: each fault disables or breaks exactly one thing the mocks do, so the
 * suite can show that each negative case is able to fail and each positive case is not
 * stricter than the specifications. `dpop-conformance mock --list-faults` prints this
 * table in its order. A verification fault removes one named check from the check lists
 * it names (protocol/*-checks.ts, by id in mocks/faults/check-lists.ts), or replaces it
 * with a laxer or stricter one (mocks/faults/*-checks.ts); the mocks build their lists
 * from the table (mocks/faults/checks-for.ts). Every other fault is a switch the mock
 * code asks about by name (`fault('as-token-type-bearer')`).
 */

export type Side = 'as' | 'rs';

/** A fault the mock code switches on by name. */
export interface BehaviourFault {
  side: Side;
  does: string;
  /**
   * For a fault that puts in one reading where readings of the RFC differ: the --stance the
   * self-test runs it under (the other reading), since without one either reading passes.
   */
  stance?: Readonly<Record<string, string>>;
}

/** A fault that takes the named check out of each of `lists`. */
export interface CheckRemoval extends BehaviourFault {
  lists: readonly ListId[];
  removes: CheckNameIn<ListId>;
}

/** A fault that puts `with` in place of the named check in each of `lists`. */
export interface CheckReplacement extends BehaviourFault {
  lists: readonly ListId[];
  replaces: CheckNameIn<ListId>;
  with: ListCheck<never>;
}

export type FaultInfo = BehaviourFault | CheckRemoval | CheckReplacement;

function removes<L extends ListId>(
  side: Side,
  lists: readonly L[],
  check: CommonCheckName<L>,
  does: string,
): CheckRemoval {
  return { side, does, lists, removes: check as CheckNameIn<ListId> };
}

function replaces<L extends ListId>(
  side: Side,
  lists: readonly L[],
  check: CommonCheckName<L>,
  by: ListCheck<L>,
  does: string,
  stance?: Readonly<Record<string, string>>,
): CheckReplacement {
  return { side, does, lists, replaces: check as CheckNameIn<ListId>, with: by, ...(stance ? { stance } : {}) };
}

/** The proof check list of the AS; the RS has one for each kind of proof. */
const AS_PROOF = ['asymmetric-proof'] as const;
const RS_PROOFS = ['asymmetric-proof', 'symmetric-proof'] as const;
const RS_ASYMMETRIC = ['asymmetric-proof'] as const;

const SKIP = {
  typ: 'accepts a proof whose typ is wrong',
  alg: 'accepts a proof with alg none or a MAC alg (and so checks no signature for it)',
  signature: 'does not verify the proof signature (or DPoP-SK MAC)',
  jwkPrivate: 'accepts a jwk header carrying private key members',
  claims: 'does not require jti/htm/htu/iat/ath: checks each only when present',
  htm: 'does not compare htm with the request method',
  htu: 'does not compare htu with the request URI',
  iat: 'does not check that iat is within the window',
  nonce: 'does not require the server nonce even in nonce mode',
} as const;

const OVER_STRICT = {
  es256: 'accepts ES256 proofs only (over-strict for clients with other keys)',
  htuExact: 'compares htu as an exact string, without RFC 3986 normalisation (over-strict)',
  extraClaims: 'rejects proofs carrying claims beyond those RFC 9449 defines (over-strict)',
} as const;

const PRESENCE_ONLY = 'requires a nonce but accepts any value (stale, unknown)';
const NONCE_NO_HEADER = 'answers use_dpop_nonce without a DPoP-Nonce header';
const DUPLICATE_DPOP = 'accepts a request with two DPoP header fields (uses the first)';
const WRONG_INFO = 'derives SK with HKDF info "DPoP-SK-v0"';
const MALFORMED_500 =
  'answers a DPoP value that does not decode (not a JWT, bad base64url, a header or claims set that is not a JSON object) with a 500';
const COERCE =
  'coerces claims to their types (iat "123" to 123, a number or array jti/htu to a string) before checking them';
const PSYCHIC = 'accepts an ECDSA signature with r = s = 0 (CVE-2022-21449)';
const JWK_AS_MAC_KEY =
  'accepts an HS256 proof MACed with the JSON text of its own jwk header as the key (algorithm confusion)';
const ALG_FROM_KEY =
  "verifies an EC proof with the key's own ECDSA algorithm whatever alg the header names (algorithm confusion)";
const NONCE_WHEN_PRESENT =
  'checks a nonce only when the proof carries one (a proof without a nonce claim gets through)';
const NO_FUTURE_IAT = 'refuses a proof whose iat is ahead of its clock, even by a second (over-strict)';
const MINIMAL_COORDINATES =
  'computes the proof key thumbprint after dropping leading zero bytes from EC coordinates (RFC 7638 hashes the members as sent)';
const FIELD_NAME_CASE =
  'reads the DPoP header field only under the names "DPoP" and "dpop" (field names are case-insensitive)';
const HTU_QUERY_REFUSED =
  'refuses a proof whose htu carries a query or fragment (one reading of §4.3 check 9; self-tested under --stance htu-query=accept)';
const IGNORE_CRIT = 'treats the extension header parameters a proof lists in crit as understood';

export const FAULTS = {
  'as-skip-typ': removes('as', AS_PROOF, 'typ', SKIP.typ),
  'as-skip-alg': removes('as', AS_PROOF, 'alg', SKIP.alg),
  'as-skip-signature': removes('as', AS_PROOF, 'signature', SKIP.signature),
  'as-skip-jwk-private': removes('as', AS_PROOF, 'jwk-public', SKIP.jwkPrivate),
  'as-skip-claims': removes('as', AS_PROOF, 'required-claims', SKIP.claims),
  'as-skip-htm': removes('as', AS_PROOF, 'htm', SKIP.htm),
  'as-skip-htu': removes('as', AS_PROOF, 'htu', SKIP.htu),
  'as-skip-iat': removes('as', AS_PROOF, 'iat', SKIP.iat),
  'as-skip-nonce': removes('as', AS_PROOF, 'nonce', SKIP.nonce),
  'rs-skip-typ': removes('rs', RS_PROOFS, 'typ', SKIP.typ),
  'rs-skip-alg': removes('rs', RS_PROOFS, 'alg', SKIP.alg),
  'rs-skip-signature': removes('rs', RS_PROOFS, 'signature', SKIP.signature),
  'rs-skip-jwk-private': removes('rs', RS_ASYMMETRIC, 'jwk-public', SKIP.jwkPrivate),
  'rs-skip-claims': removes('rs', RS_PROOFS, 'required-claims', SKIP.claims),
  'rs-skip-htm': removes('rs', RS_PROOFS, 'htm', SKIP.htm),
  'rs-skip-htu': removes('rs', RS_PROOFS, 'htu', SKIP.htu),
  'rs-skip-iat': removes('rs', RS_PROOFS, 'iat', SKIP.iat),
  'rs-skip-nonce': removes('rs', RS_PROOFS, 'nonce', SKIP.nonce),
  'rs-skip-ath': removes('rs', RS_PROOFS, 'ath', 'does not compare ath with the presented token'),
  'rs-skip-jkt': removes('rs', RS_ASYMMETRIC, 'jkt', 'does not compare the proof key with the token cnf.jkt'),
  'rs-sk-skip-header-rules': removes(
    'rs',
    ['symmetric-proof'],
    'sk-header-rules',
    'accepts jwk/jku/x5c/x5u or kid in a Model A symmetric proof',
  ),
  'as-skip-replay': { side: 'as', does: 'keeps no jti replay cache at the token endpoint' },
  'as-allow-duplicate-dpop': { side: 'as', does: DUPLICATE_DPOP },
  'as-accept-missing-proof': {
    side: 'as',
    does: 'answers a request with no DPoP proof with token_type DPoP (a token bound to nothing)',
  },
  'as-token-type-bearer': { side: 'as', does: 'answers token_type Bearer for DPoP-bound tokens' },
  'as-omit-cnf-jkt': { side: 'as', does: 'issues access tokens without cnf.jkt' },
  'as-refresh-unbound': { side: 'as', does: "accepts a public client's refresh token with a proof from another key" },
  'as-ignore-dpop-jkt': { side: 'as', does: 'does not enforce the dpop_jkt of the authorization request' },
  'as-nonce-no-header': { side: 'as', does: NONCE_NO_HEADER },
  'as-nonce-presence-only': replaces('as', AS_PROOF, 'nonce', anyNonceCheck, PRESENCE_ONLY),
  'as-skip-client-auth': { side: 'as', does: 'accepts a wrong client secret' },
  'as-skip-pkce': { side: 'as', does: 'does not check the PKCE code_verifier' },
  'as-noncanonical-thumbprint': {
    side: 'as',
    does: 'puts a thumbprint over the jwk as sent, not the RFC 7638 one, in cnf.jkt',
  },
  'as-es256-only': replaces('as', AS_PROOF, 'alg', es256OnlyCheck, OVER_STRICT.es256),
  'as-htu-exact-string': replaces('as', AS_PROOF, 'htu', htuExactStringCheck, OVER_STRICT.htuExact),
  'as-reject-extra-claims': replaces('as', AS_PROOF, 'required-claims', noExtraClaimsCheck, OVER_STRICT.extraClaims),
  'as-sk-retired-version': { side: 'as', does: 'derives SK from the retired secret version' },
  'as-sk-wrap-other-key': { side: 'as', does: 'encrypts dpop_sk to client-p256-other (kid still the proof key jkt)' },
  'as-sk-wrong-kid': { side: 'as', does: 'puts a kid other than the proof key jkt in the dpop_sk header' },
  'as-sk-wrong-wrap-alg': {
    side: 'as',
    does: 'wraps with ECDH-ES+A256KW / RSA-OAEP instead of ECDH-ES / RSA-OAEP-256',
  },
  'as-sk-wrong-info': { side: 'as', does: WRONG_INFO },
  'as-sk-omit-cnf-sk': { side: 'as', does: 'returns dpop_sk but leaves cnf.sk out of the token' },
  'as-sk-error-for-ed25519': {
    side: 'as',
    does: 'answers 400 to dpop_sk=true with an Ed25519 key instead of a plain response',
  },
  'as-sk-accept-bad-param': { side: 'as', does: 'treats any dpop_sk value as true' },
  'as-sk-reuse-r': { side: 'as', does: 'reuses the R of the refreshed token on refresh' },
  'as-sk-exp-beyond-token': { side: 'as', does: 'sets cnf.sk.exp after the token exp' },
  'as-rs-secret-mismatch': {
    side: 'as',
    does: 'does not share S_V with the RS: derives SK from the retired secret, labelled with the active version',
  },
  'as-sk-ignore-rotation': { side: 'as', does: 'keeps issuing the secret version active at start after a rotation' },
  'rs-sk-ignore-rotation': {
    side: 'rs',
    does: 'still accepts a secret version a rotation retired, after its grace period',
  },
  'rs-b-accept-retired-ticket-key': {
    side: 'rs',
    does: 'still opens tickets sealed under a ticket key a rotation retired',
  },
  'rs-skip-replay': { side: 'rs', does: 'keeps no jti replay cache' },
  'rs-allow-duplicate-dpop': { side: 'rs', does: DUPLICATE_DPOP },
  'rs-accept-bearer': { side: 'rs', does: 'accepts a DPoP-bound access token under the Bearer scheme' },
  'rs-accept-missing-proof': {
    side: 'rs',
    does: 'accepts the DPoP scheme with no DPoP header (checks the token only)',
  },
  'rs-skip-token-signature': removes('rs', ['access-token'], 'signature', 'does not verify the access token signature'),
  'rs-skip-token-exp': removes('rs', ['access-token'], 'exp', 'accepts expired access tokens'),
  'rs-skip-token-aud': removes('rs', ['access-token'], 'aud', 'accepts access tokens for another audience'),
  'rs-skip-token-typ': removes(
    'rs',
    ['access-token'],
    'typ',
    'accepts access tokens whose typ is not at+jwt, or absent',
  ),
  'rs-skip-token-iss': removes('rs', ['access-token'], 'iss', 'accepts access tokens whose iss is another issuer'),
  'rs-token-typ-short-form-only': replaces(
    'rs',
    ['access-token'],
    'typ',
    shortTypOnlyCheck,
    'accepts the access token typ "at+jwt" only, refusing "application/at+jwt" (over-strict)',
  ),
  'rs-challenge-without-error': { side: 'rs', does: 'sends WWW-Authenticate: DPoP without error= on rejections' },
  'rs-challenge-without-algs': { side: 'rs', does: 'sends WWW-Authenticate: DPoP without algs=' },
  'rs-nonce-no-header': { side: 'rs', does: NONCE_NO_HEADER },
  'rs-nonce-presence-only': replaces('rs', RS_PROOFS, 'nonce', anyNonceCheck, PRESENCE_ONLY),
  'rs-htu-with-query': replaces(
    'rs',
    RS_PROOFS,
    'htu',
    htuWithQueryCheck,
    'compares htu with the request URI including its query (over-strict)',
  ),
  'rs-htu-exact-string': replaces('rs', RS_PROOFS, 'htu', htuExactStringCheck, OVER_STRICT.htuExact),
  'rs-scheme-case-sensitive': {
    side: 'rs',
    does: 'accepts the authorization scheme only as "DPoP" in that case (over-strict)',
  },
  'rs-reject-extra-claims': replaces('rs', RS_PROOFS, 'required-claims', noExtraClaimsCheck, OVER_STRICT.extraClaims),
  'rs-error-without-credentials': {
    side: 'rs',
    does: 'puts error="invalid_token" in the challenge to a request with no credentials',
  },
  'rs-bare-401-without-credentials': {
    side: 'rs',
    does: 'answers a request with no credentials with a 401 that has no WWW-Authenticate header',
  },
  'rs-dpop-proxy-authenticate': {
    side: 'rs',
    does: 'repeats its DPoP challenge in a Proxy-Authenticate header field',
  },
  'rs-accept-unbound-token': {
    side: 'rs',
    does: 'accepts a token without cnf.jkt under the DPoP scheme when the proof is valid',
  },
  'rs-noncanonical-thumbprint': replaces(
    'rs',
    RS_ASYMMETRIC,
    'jkt',
    noncanonicalJktCheck,
    'computes the proof key thumbprint over the jwk as sent, not the RFC 7638 canonical form (over-strict)',
  ),
  'rs-es256-only': replaces('rs', RS_ASYMMETRIC, 'alg', es256OnlyCheck, OVER_STRICT.es256),
  'rs-narrow-iat-window': replaces(
    'rs',
    RS_PROOFS,
    'iat',
    narrowIatCheck,
    'accepts iat only within 5 seconds of now (over-strict)',
  ),
  'rs-b-skip-ticket-jkt': removes(
    'rs',
    ['ticket'],
    'bound-to-token-key',
    'Model B: accepts a ticket bound to another key than the token',
  ),
  'rs-b-wrap-other-key': { side: 'rs', does: 'Model B: encrypts the DPoP-SK header to client-p256-other' },
  'rs-b-omit-ticket-kid': { side: 'rs', does: 'Model B: leaves the ticket (kid) out of the DPoP-SK key' },
  'rs-sk-accept-unknown-version': replaces(
    'rs',
    ['cnf-sk'],
    'version-known',
    activeSecretFallbackCheck,
    'derives with the active secret when cnf.sk.v is unknown',
  ),
  'rs-sk-accept-retired': removes('rs', ['cnf-sk'], 'version-active', 'accepts tokens whose cnf.sk.v is retired'),
  'rs-sk-ignore-exp': removes('rs', ['cnf-sk'], 'not-expired', 'ignores cnf.sk.exp'),
  'rs-sk-accept-any-r-length': replaces(
    'rs',
    ['cnf-sk'],
    'well-formed',
    anyRLengthCheck,
    'derives SK from a cnf.sk.r of any length, not only 32 bytes',
  ),
  'rs-sk-wrong-info': { side: 'rs', does: WRONG_INFO },
  'as-malformed-proof-500': { side: 'as', does: MALFORMED_500 },
  'rs-malformed-proof-500': { side: 'rs', does: MALFORMED_500 },
  'as-coerce-claim-types': replaces('as', AS_PROOF, 'required-claims', coercingClaimsCheck, COERCE),
  'rs-coerce-claim-types': replaces('rs', RS_PROOFS, 'required-claims', coercingClaimsCheck, COERCE),
  'as-ignore-crit': replaces('as', AS_PROOF, 'signature', ignoreCritCheck, IGNORE_CRIT),
  'rs-ignore-crit': replaces('rs', RS_ASYMMETRIC, 'signature', ignoreCritCheck, IGNORE_CRIT),
  'as-accept-psychic-signature': replaces('as', AS_PROOF, 'signature', psychicProofSignatureCheck, PSYCHIC),
  'rs-accept-psychic-signature': replaces('rs', RS_ASYMMETRIC, 'signature', psychicProofSignatureCheck, PSYCHIC),
  'rs-accept-psychic-token': replaces(
    'rs',
    ['access-token'],
    'signature',
    psychicTokenSignatureCheck,
    `${PSYCHIC} on an access token`,
  ),
  'as-missing-proof-bare-400': {
    side: 'as',
    does: 'answers a token request without a DPoP proof with a bare 400 (no error code, no body)',
  },
  'rs-accept-bearer-without-proof': {
    side: 'rs',
    does: 'accepts a DPoP-bound token under the Bearer scheme when no DPoP header comes with it',
  },
  'rs-bearer-scheme-case-sensitive': {
    side: 'rs',
    does: 'recognises the Bearer scheme only as "Bearer" and validates any other spelling as DPoP',
  },
  'rs-token-error-as-proof-error': {
    side: 'rs',
    does: 'names a failed access-token validation invalid_dpop_proof instead of invalid_token',
  },
  'rs-replay-key-with-query': {
    side: 'rs',
    does: 'keys the jti replay cache by jti and the request URI with its query (DPoP-SK §9 rules this out)',
  },
  'as-jwk-as-mac-key': replaces('as', AS_PROOF, 'alg', jwkAsMacKeyAlgCheck, JWK_AS_MAC_KEY),
  'rs-jwk-as-mac-key': replaces('rs', RS_ASYMMETRIC, 'alg', jwkAsMacKeyAlgCheck, JWK_AS_MAC_KEY),
  'as-alg-from-key': replaces('as', AS_PROOF, 'signature', keyAlgSignatureCheck, ALG_FROM_KEY),
  'rs-alg-from-key': replaces('rs', RS_ASYMMETRIC, 'signature', keyAlgSignatureCheck, ALG_FROM_KEY),
  'as-nonce-only-when-present': replaces('as', AS_PROOF, 'nonce', nonceWhenPresentCheck, NONCE_WHEN_PRESENT),
  'rs-nonce-only-when-present': replaces('rs', RS_PROOFS, 'nonce', nonceWhenPresentCheck, NONCE_WHEN_PRESENT),
  'as-reject-future-iat': replaces('as', AS_PROOF, 'iat', noFutureIatCheck, NO_FUTURE_IAT),
  'rs-reject-future-iat': replaces('rs', RS_PROOFS, 'iat', noFutureIatCheck, NO_FUTURE_IAT),
  'as-refresh-bearer-without-proof': {
    side: 'as',
    does: 'answers a refresh request without a DPoP proof with a Bearer token, even for a refresh token bound to a DPoP key',
  },
  'as-token-cacheable': {
    side: 'as',
    does: 'leaves Cache-Control: no-store out of its token responses',
  },
  'as-thumbprint-minimal-coordinates': {
    side: 'as',
    does: `puts in cnf.jkt a thumbprint that ${MINIMAL_COORDINATES.slice(9)}`,
  },
  'rs-thumbprint-minimal-coordinates': replaces(
    'rs',
    RS_ASYMMETRIC,
    'jkt',
    minimalCoordinatesJktCheck,
    MINIMAL_COORDINATES,
  ),
  'as-dpop-field-name-case-sensitive': { side: 'as', does: FIELD_NAME_CASE },
  'rs-dpop-field-name-case-sensitive': { side: 'rs', does: FIELD_NAME_CASE },
  'as-htu-query-refused': replaces('as', AS_PROOF, 'htu', htuQueryRefusedCheck, HTU_QUERY_REFUSED, {
    'htu-query': 'accept',
  }),
  'rs-htu-query-refused': replaces('rs', RS_PROOFS, 'htu', htuQueryRefusedCheck, HTU_QUERY_REFUSED, {
    'htu-query': 'accept',
  }),
  'rs-per-node-replay-cache': {
    side: 'rs',
    does: 'a fleet (rsNodes, mock rs --nodes): each node keeps its own jti replay cache',
  },
  'rs-per-node-ticket-key': {
    side: 'rs',
    does: 'a fleet (rsNodes, mock rs --nodes): each node seals Model B tickets with its own key',
  },
  'rs-ignore-forwarded-headers': {
    side: 'rs',
    does: 'behind a proxy, compares htu with its own address, not the public one the forwarded headers give',
    stance: { 'proxy-internal-htu': 'reject' },
  },
  'as-metadata-algs-string': {
    side: 'as',
    does: 'advertises dpop_signing_alg_values_supported as one space-separated string, not a JSON array',
  },
  'as-metadata-issuer-trailing-slash': {
    side: 'as',
    does: 'serves metadata whose issuer ends in "/", unlike the issuer its well-known URL was built from',
  },
  'rs-b-ignore-ticket-exp': removes('rs', ['ticket'], 'not-expired', 'Model B: accepts an expired ticket'),
  'as-introspect-token-type-bearer': {
    side: 'as',
    does: 'answers token_type Bearer in the introspection response of a DPoP-bound token',
  },
  'as-par-ignore-dpop-jkt': {
    side: 'as',
    does: 'drops the dpop_jkt of a pushed authorization request (PAR): its code is bound to no key',
  },
  'as-par-ignore-dpop-header': {
    side: 'as',
    does: 'binds the code of a pushed authorization request to nothing when the PAR request has only a DPoP proof',
  },
  'as-par-accept-jkt-mismatch': {
    side: 'as',
    does: "accepts a PAR request whose dpop_jkt is not its DPoP proof's key (binds the code to dpop_jkt)",
  },
  'as-par-skip-proof-check': {
    side: 'as',
    does: "binds a PAR request's code to the jwk of its DPoP proof without checking the proof (RFC 9449 §4.3)",
  },
  'rs-sk-dispatch-by-alg': removes(
    'rs',
    ['symmetric-proof'],
    'typ',
    'takes any HS256 proof for a DPoP-SK proof and never checks its typ (dispatches on alg)',
  ),
} as const satisfies Record<string, FaultInfo>;

/** A fault's name: a typo does not compile. */
export type FaultName = keyof typeof FAULTS;

/** Every fault's entry, for code that reads any of them. */
export const FAULT_INFO: Readonly<Record<FaultName, FaultInfo>> = FAULTS;

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}

/** Validates fault names (from the command line or a test). */
export function parseFaults(names: readonly string[]): Set<FaultName> {
  const out = new Set<FaultName>();
  for (const n of names) {
    if (!isFaultName(n)) throw new UnknownFault(n);
    out.add(n);
  }
  return out;
}
