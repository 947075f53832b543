import type { ProofCheck } from '../protocol/proof-claims.js';

/**
 * Fault injection: each fault disables or breaks exactly one check the mocks make,
 * so the suite can show that each negative case is able to fail. `dpop-conformance
 * mock --list-faults` prints this table.
 */
export interface FaultInfo {
  side: 'as' | 'rs';
  does: string;
  /** For proof-check faults: the check that is skipped. */
  skips?: ProofCheck;
}

const proofChecks: [ProofCheck, string][] = [
  ['typ', 'accepts a proof whose typ is wrong'],
  ['alg', 'accepts a proof with alg none or a MAC alg (and so checks no signature for it)'],
  ['signature', 'does not verify the proof signature (or DPoP-SK MAC)'],
  ['jwk-private', 'accepts a jwk header carrying private key members'],
  ['claims', 'does not require jti/htm/htu/iat/ath: checks each only when present'],
  ['htm', 'does not compare htm with the request method'],
  ['htu', 'does not compare htu with the request URI'],
  ['iat', 'does not check that iat is within the window'],
  ['nonce', 'does not require the server nonce even in nonce mode'],
];

const table: Record<string, FaultInfo> = {};
for (const side of ['as', 'rs'] as const) {
  for (const [check, does] of proofChecks) table[`${side}-skip-${check}`] = { side, does, skips: check };
}
Object.assign(table, {
  'rs-skip-ath': { side: 'rs', does: 'does not compare ath with the presented token', skips: 'ath' },
  'rs-skip-jkt': { side: 'rs', does: 'does not compare the proof key with the token cnf.jkt', skips: 'jkt' },
  'rs-sk-skip-header-rules': { side: 'rs', does: 'accepts jwk/jku/x5c/x5u or kid in a Model A symmetric proof', skips: 'sk-header' },
} satisfies Record<string, FaultInfo>);

const others: Record<string, FaultInfo> = {
  'as-skip-replay': { side: 'as', does: 'keeps no jti replay cache at the token endpoint' },
  'as-allow-duplicate-dpop': { side: 'as', does: 'accepts a request with two DPoP header fields (uses the first)' },
  'as-accept-missing-proof': { side: 'as', does: 'answers a request with no DPoP proof with token_type DPoP (a token bound to nothing)' },
  'as-token-type-bearer': { side: 'as', does: 'answers token_type Bearer for DPoP-bound tokens' },
  'as-omit-cnf-jkt': { side: 'as', does: 'issues access tokens without cnf.jkt' },
  'as-refresh-unbound': { side: 'as', does: "accepts a public client's refresh token with a proof from another key" },
  'as-ignore-dpop-jkt': { side: 'as', does: 'does not enforce the dpop_jkt of the authorization request' },
  'as-nonce-no-header': { side: 'as', does: 'answers use_dpop_nonce without a DPoP-Nonce header' },
  'as-nonce-presence-only': { side: 'as', does: 'requires a nonce but accepts any value (stale, unknown)' },
  'as-skip-client-auth': { side: 'as', does: 'accepts a wrong client secret' },
  'as-skip-pkce': { side: 'as', does: 'does not check the PKCE code_verifier' },
  'as-noncanonical-thumbprint': { side: 'as', does: 'puts a thumbprint over the jwk as sent, not the RFC 7638 one, in cnf.jkt' },
  'as-es256-only': { side: 'as', does: 'accepts ES256 proofs only (over-strict for clients with other keys)' },
  'as-htu-exact-string': { side: 'as', does: 'compares htu as an exact string, without RFC 3986 normalisation (over-strict)' },
  'as-reject-extra-claims': { side: 'as', does: 'rejects proofs carrying claims beyond those RFC 9449 defines (over-strict)' },
  'as-sk-retired-version': { side: 'as', does: 'derives SK from the retired secret version' },
  'as-sk-wrap-other-key': { side: 'as', does: 'encrypts dpop_sk to client-p256-other (kid still the proof key jkt)' },
  'as-sk-wrong-kid': { side: 'as', does: 'puts a kid other than the proof key jkt in the dpop_sk header' },
  'as-sk-wrong-wrap-alg': { side: 'as', does: 'wraps with ECDH-ES+A256KW / RSA-OAEP instead of ECDH-ES / RSA-OAEP-256' },
  'as-sk-wrong-info': { side: 'as', does: 'derives SK with HKDF info "DPoP-SK-v0"' },
  'as-sk-omit-cnf-sk': { side: 'as', does: 'returns dpop_sk but leaves cnf.sk out of the token' },
  'as-sk-error-for-ed25519': { side: 'as', does: 'answers 400 to dpop_sk=true with an Ed25519 key instead of a plain response' },
  'as-sk-accept-bad-param': { side: 'as', does: 'treats any dpop_sk value as true' },
  'as-sk-reuse-r': { side: 'as', does: 'reuses the R of the refreshed token on refresh' },
  'as-sk-exp-beyond-token': { side: 'as', does: 'sets cnf.sk.exp after the token exp' },
  'rs-skip-replay': { side: 'rs', does: 'keeps no jti replay cache' },
  'rs-allow-duplicate-dpop': { side: 'rs', does: 'accepts a request with two DPoP header fields (uses the first)' },
  'rs-accept-bearer': { side: 'rs', does: 'accepts a DPoP-bound access token under the Bearer scheme' },
  'rs-accept-missing-proof': { side: 'rs', does: 'accepts the DPoP scheme with no DPoP header (checks the token only)' },
  'rs-skip-token-signature': { side: 'rs', does: 'does not verify the access token signature' },
  'rs-skip-token-exp': { side: 'rs', does: 'accepts expired access tokens' },
  'rs-skip-token-aud': { side: 'rs', does: 'accepts access tokens for another audience' },
  'rs-challenge-without-error': { side: 'rs', does: 'sends WWW-Authenticate: DPoP without error= on rejections' },
  'rs-challenge-without-algs': { side: 'rs', does: 'sends WWW-Authenticate: DPoP without algs=' },
  'rs-nonce-no-header': { side: 'rs', does: 'answers use_dpop_nonce without a DPoP-Nonce header' },
  'rs-nonce-presence-only': { side: 'rs', does: 'requires a nonce but accepts any value (stale, unknown)' },
  'rs-htu-with-query': { side: 'rs', does: 'compares htu with the request URI including its query (over-strict)' },
  'rs-htu-exact-string': { side: 'rs', does: 'compares htu as an exact string, without RFC 3986 normalisation (over-strict)' },
  'rs-scheme-case-sensitive': { side: 'rs', does: 'accepts the authorization scheme only as "DPoP" in that case (over-strict)' },
  'rs-reject-extra-claims': { side: 'rs', does: 'rejects proofs carrying claims beyond those RFC 9449 defines (over-strict)' },
  'rs-error-without-credentials': { side: 'rs', does: 'puts error="invalid_token" in the challenge to a request with no credentials' },
  'rs-accept-unbound-token': { side: 'rs', does: 'accepts a token without cnf.jkt under the DPoP scheme when the proof is valid' },
  'rs-noncanonical-thumbprint': { side: 'rs', does: 'computes the proof key thumbprint over the jwk as sent, not the RFC 7638 canonical form (over-strict)' },
  'rs-es256-only': { side: 'rs', does: 'accepts ES256 proofs only (over-strict for clients with other keys)' },
  'rs-narrow-iat-window': { side: 'rs', does: 'accepts iat only within 5 seconds of now (over-strict)' },
  'rs-b-skip-ticket-jkt': { side: 'rs', does: 'Model B: accepts a ticket bound to another key than the token' },
  'rs-b-wrap-other-key': { side: 'rs', does: 'Model B: encrypts the DPoP-SK header to client-p256-other' },
  'rs-b-omit-ticket-kid': { side: 'rs', does: 'Model B: leaves the ticket (kid) out of the DPoP-SK key' },
  'rs-sk-accept-unknown-version': { side: 'rs', does: 'derives with the active secret when cnf.sk.v is unknown' },
  'rs-sk-accept-retired': { side: 'rs', does: 'accepts tokens whose cnf.sk.v is retired' },
  'rs-sk-ignore-exp': { side: 'rs', does: 'ignores cnf.sk.exp' },
  'rs-sk-wrong-info': { side: 'rs', does: 'derives SK with HKDF info "DPoP-SK-v0"' },
};
Object.assign(table, others);

export const FAULTS: Readonly<Record<string, FaultInfo>> = table;
export type FaultName = string;

export class UnknownFault extends Error {
  readonly code = 'ERR_UNKNOWN_FAULT';
  constructor(name: string) {
    super(`unknown fault ${JSON.stringify(name)}; see dpop-conformance mock --list-faults`);
  }
}

/** Validates fault names. */
export function parseFaults(names: readonly string[]): Set<FaultName> {
  for (const n of names) if (!(n in FAULTS)) throw new UnknownFault(n);
  return new Set(names);
}

/** The proof checks a side skips under the active faults. */
export function laxChecks(faults: ReadonlySet<FaultName>, side: 'as' | 'rs'): Set<ProofCheck> {
  const out = new Set<ProofCheck>();
  for (const f of faults) {
    const info = FAULTS[f];
    if (info?.side === side && info.skips) out.add(info.skips);
  }
  return out;
}
