import { randomBytes } from 'node:crypto';
import { base64url, type JWK } from 'jose';
import { PROOF_TYP, SK_PROOF_TYP, SYMMETRIC_ALG } from './algorithms.js';
import { accessTokenHash } from './ath.js';
import { derSigned } from './der-signed.js';
import { corruptSignature } from './flip-middle.js';
import { publicJwk } from './jwk.js';
import { newJti, nowSeconds, signCompact } from './sign.js';
import { jwkAsMacKey, signedWithKeyAlg } from './signed-as-key-alg.js';
import { zeroSignature } from './zero-signature.js';

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
  /** Send this text as the DPoP value instead of a proof (RFC 9449 §4.3 check 2: not a JWT). */
  rawValue?: string;
  /** Make one part of the JWS the base64url of this JSON value: a header or claims set that is not a JSON object. */
  partJson?: { part: 'header' | 'payload'; value: unknown };
  /** Put a character outside the base64url alphabet (`*`, RFC 4648 §5) in the middle of this part. */
  badBase64url?: 'header' | 'payload' | 'signature';
  /** ECDSA proofs: r = s = 0, the "psychic signature" (CVE-2022-21449). */
  zeroSignature?: boolean;
  /** Send these claims' correct values as another JSON type (iat as a string, jti as a number, htu as an array). */
  claimTypes?: Record<string, 'string' | 'number' | 'array'>;
  /** Asymmetric proofs: alg HS256, MACed with the UTF-8 JSON text of the public jwk header as the key (algorithm confusion). */
  macWithJwk?: boolean;
  /** Asymmetric EC proofs: put this alg in the header while signing with the key's own ECDSA algorithm (algorithm confusion). */
  headerAlg?: string;
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
  Object.assign(claims, m.setClaims);
  for (const [name, type] of Object.entries(m.claimTypes ?? {})) claims[name] = retyped(claims[name], type);
  return claims;
}

/** A claim's value as another JSON type: a number stays a number, other values become digits. */
function retyped(value: unknown, type: 'string' | 'number' | 'array'): unknown {
  if (type === 'string') return String(value);
  if (type === 'array') return [value];
  return typeof value === 'number' ? value : Number.parseInt(randomBytes(6).toString('hex'), 16);
}

/** The compact JWS with part `i` (0 header, 1 payload, 2 signature) changed by `edit`. */
function withPart(jws: string, i: number, edit: (part: string) => string): string {
  const parts = jws.split('.');
  parts[i] = edit(parts[i]);
  return parts.join('.');
}

const PART_INDEX = { header: 0, payload: 1, signature: 2 } as const;

/** The structural mutations, applied to the signed JWS (a payload that is not an object is signed as is). */
async function restructured(jws: string, m: ProofMutation, header: Record<string, unknown>, signer: JWK | Uint8Array) {
  if (m.partJson?.part === 'payload') return signCompact(header, m.partJson.value as object, signer);
  if (m.partJson?.part === 'header') {
    return withPart(jws, 0, () => base64url.encode(JSON.stringify(m.partJson!.value)));
  }
  if (m.badBase64url) {
    return withPart(jws, PART_INDEX[m.badBase64url], (p) => `${p.slice(0, p.length >> 1)}*${p.slice(p.length >> 1)}`);
  }
  return jws;
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
  if (m.rawValue !== undefined) return m.rawValue;
  const claims = claimsOf(inputs, m);
  const { header, key } = headerAndKey(inputs, m);
  for (const name of m.dropHeader ?? []) delete header[name];
  Object.assign(header, m.setHeader);
  if (m.macWithJwk) header.alg = 'HS256';
  if (m.headerAlg !== undefined) header.alg = m.headerAlg;
  const signer = m.macWithJwk
    ? jwkAsMacKey(header.jwk as object)
    : isMacAlg(header.alg) && !(key instanceof Uint8Array)
      ? ANY_MAC_KEY
      : key;
  const jws =
    m.headerAlg !== undefined && !(signer instanceof Uint8Array)
      ? signedWithKeyAlg(header, claims, signer)
      : m.derSignature && !(signer instanceof Uint8Array)
        ? derSigned(header, claims, signer)
        : await signCompact(header, claims, signer);
  const changed = await restructured(jws, m, header, signer);
  if (m.zeroSignature) return zeroSignature(changed);
  return m.corruptSignature ? corruptSignature(changed) : changed;
}
