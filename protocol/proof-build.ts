import type { JWK } from 'jose';
import { PROOF_TYP, SK_PROOF_TYP, SYMMETRIC_ALG } from './algorithms.js';
import { accessTokenHash } from './ath.js';
import { derSigned } from './der-signed.js';
import { corruptSignature } from './flip-middle.js';
import { publicJwk } from './jwk.js';
import { newJti, nowSeconds, signCompact } from './sign.js';

/** What the client puts in a proof's claims (RFC 9449 §4.2; DPoP-SK §4 uses the same set, ath required). */
export interface ProofClaimInputs {
  htm: string;
  htu: string;
  /** The access token the proof accompanies; its hash becomes ath (RFC 9449 §4.2). */
  accessToken?: string;
  /** The server-provided nonce (RFC 9449 §8, §9). */
  nonce?: string;
  /** Default: 128 random bits (DPoP-SK §4 asks for at least 96). */
  jti?: string;
  /** Seconds since the epoch; default now. */
  iat?: number;
}

/**
 * A deliberate fault in an otherwise valid proof, for negative tests: a case sets one.
 * Keys are JWKs; the suite's YAML names keys instead (runner/proof/build.ts maps them).
 * Claims are changed in the order iatShift, dropClaims, setClaims; header parameters
 * in the order dropHeader, setHeader. A header `alg` of HS* on an asymmetric proof makes
 * it MACed with an arbitrary key (RFC 9449 §4.3 check 5 forbids MAC algorithms there).
 */
export interface ProofMutation {
  /** Set (or add) claims. */
  setClaims?: Record<string, unknown>;
  /** Remove claims. */
  dropClaims?: string[];
  /** Set (or add) protected header parameters. */
  setHeader?: Record<string, unknown>;
  /** Remove protected header parameters. */
  dropHeader?: string[];
  /** Move iat by this many seconds. */
  iatShift?: number;
  /** Asymmetric proofs: sign with this private JWK while the jwk header keeps the proof key. */
  signWith?: JWK;
  /** Change one character in the middle of the signature (RFC 7515 §5.2 check fails). */
  corruptSignature?: boolean;
  /** Asymmetric proofs: put the private key members in the jwk header (RFC 9449 §4.3 check 7). */
  privateJwk?: boolean;
  /** Compute ath over this string instead of the access token. */
  athOver?: string;
  /** Asymmetric proofs: make the whole proof (jwk header, alg and signature) with this other private JWK. */
  useKey?: JWK;
  /** ECDSA proofs: DER-encoded signature instead of R || S (RFC 7518 §3.4). */
  derSignature?: boolean;
}

/** The proof key: a client's private JWK (RFC 9449 §4.2) or an SK (DPoP-SK §4). */
export type ProofSigner = AsymmetricSigner | SymmetricSigner;

export interface AsymmetricSigner {
  /** The client's private JWK; its public part goes in the jwk header. */
  jwk: JWK;
  /** Default: the key's alg. */
  alg?: string;
  symmetric?: undefined;
}

export interface SymmetricSigner {
  /** HS256 under the SK; kid carries the Model B ticket (DPoP-SK §6). */
  symmetric: { sk: Uint8Array; kid?: string };
  jwk?: undefined;
  alg?: undefined;
}

/** Everything a proof is built from. */
export type ProofInputs = ProofSigner & ProofClaimInputs & { mutation?: ProofMutation };

/**
 * The MAC key of an asymmetric proof given an HS* alg: any key makes the point;
 * 64 bytes suit HS512 (RFC 7518 §3.2).
 */
const ANY_MAC_KEY = new Uint8Array(64).fill(7);

const isMacAlg = (alg: unknown) => typeof alg === 'string' && alg.startsWith('HS');

function claimsOf(inputs: ProofInputs, m: ProofMutation): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    jti: inputs.jti ?? newJti(),
    htm: inputs.htm,
    htu: inputs.htu,
    iat: inputs.iat ?? nowSeconds(),
  };
  const athOf = m.athOver ?? inputs.accessToken;
  if (athOf !== undefined) claims.ath = accessTokenHash(athOf);
  if (inputs.nonce !== undefined) claims.nonce = inputs.nonce;
  if (m.iatShift) claims.iat = (claims.iat as number) + m.iatShift;
  for (const name of m.dropClaims ?? []) delete claims[name];
  return Object.assign(claims, m.setClaims);
}

type HeaderAndKey = { header: Record<string, unknown>; key: JWK | Uint8Array };

function headerAndKey(inputs: ProofInputs, m: ProofMutation): HeaderAndKey {
  if (inputs.symmetric) {
    const { sk, kid } = inputs.symmetric;
    return { header: { typ: SK_PROOF_TYP, alg: SYMMETRIC_ALG, ...(kid !== undefined ? { kid } : {}) }, key: sk };
  }
  const jwk = m.useKey ?? inputs.jwk;
  const alg = m.useKey ? m.useKey.alg : (inputs.alg ?? jwk.alg);
  return { header: { typ: PROOF_TYP, alg, jwk: m.privateJwk ? { ...jwk } : publicJwk(jwk) }, key: m.signWith ?? jwk };
}

/**
 * Builds a DPoP proof: an asymmetric RFC 9449 §4.2 proof (typ dpop+jwt, jwk header)
 * or a symmetric DPoP-SK §4 proof (typ dpop-sk+jwt, HS256 under the SK), valid
 * unless `mutation` says otherwise. The one proof builder of the project: the runner,
 * the mocks' tests and the vectors all build proofs here.
 */
export async function buildDpopProof(inputs: ProofInputs): Promise<string> {
  const m = inputs.mutation ?? {};
  const claims = claimsOf(inputs, m);
  const { header, key } = headerAndKey(inputs, m);
  for (const name of m.dropHeader ?? []) delete header[name];
  Object.assign(header, m.setHeader);
  const signer = isMacAlg(header.alg) && !(key instanceof Uint8Array) ? ANY_MAC_KEY : key;
  const jws =
    m.derSignature && !(signer instanceof Uint8Array)
      ? derSigned(header, claims, signer)
      : await signCompact(header, claims, signer);
  return m.corruptSignature ? corruptSignature(jws) : jws;
}
