import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { base64url, type JWK, type JWSHeaderParameters } from 'jose';
import { PROOF_TYP, SK_PROOF_TYP, SYMMETRIC_ALG } from '../../protocol/algorithms.js';
import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';
import { proofClaims } from '../../protocol/proof-create.js';
import { signCompact } from '../../protocol/sign.js';
import type { Mutation } from '../suite/case-schema.generated.js';

/** One change to an otherwise valid proof; its kinds are defined by suites/case.schema.json (`mutation`). */
export type { Mutation };

export interface ProofSpec {
  /** The client key (asymmetric proofs); default client-p256. */
  key?: ClientKeyName;
  alg?: string;
  htm: string;
  htu: string;
  /** The token the proof accompanies (adds ath). */
  accessToken?: string;
  nonce?: string;
  /** A DPoP-SK proof MACed with this SK (DPoP-SK §4); kid for Model B. */
  symmetric?: { sk: Uint8Array; kid?: string };
  mutation?: Mutation;
  /** Fixed jti/iat for reproducible proofs; default random / now. */
  jti?: string;
  iat?: number;
}

/** An ECDSA JWS whose signature is DER-encoded: what RFC 7518 §3.4 forbids. */
export function derSigned(header: JWSHeaderParameters, claims: object, jwk: JWK): string {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}`;
  const hash = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512' }[String(header.alg)] ?? 'sha256';
  const sig = nodeSign(hash, Buffer.from(input), { key: createPrivateKey({ key: jwk as never, format: 'jwk' }), dsaEncoding: 'der' });
  return `${input}.${base64url.encode(sig)}`;
}

const keyOf = (name: ClientKeyName): JWK => loadInputs().client_keys[name];

/** Changes the middle character of a base64url string (a corrupted signature, tag or ciphertext). */
export function flipMiddle(s: string): string {
  const i = Math.floor(s.length / 2);
  return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
}

/** Builds a proof from a spec: a valid one, or one carrying exactly the spec's mutation. */
export async function buildProof(spec: ProofSpec): Promise<string> {
  const m = spec.mutation ?? {};
  const claims = proofClaims({ htm: spec.htm, htu: spec.htu, jti: spec.jti, iat: spec.iat, nonce: spec.nonce, accessToken: m.ath_over ?? spec.accessToken });
  if (m.iat_shift) claims.iat = (claims.iat as number) + m.iat_shift;
  for (const c of m.drop_claims ?? []) delete claims[c];
  Object.assign(claims, m.set_claims ?? {});

  let header: JWSHeaderParameters;
  let signer: JWK | Uint8Array;
  if (spec.symmetric) {
    header = { typ: SK_PROOF_TYP, alg: SYMMETRIC_ALG, ...(spec.symmetric.kid !== undefined ? { kid: spec.symmetric.kid } : {}) };
    signer = spec.symmetric.sk;
  } else {
    const jwk = keyOf(m.use_key ?? spec.key ?? 'client-p256');
    header = { typ: PROOF_TYP, alg: m.use_key ? jwk.alg! : (spec.alg ?? jwk.alg!), jwk: m.private_jwk ? { ...jwk } : publicJwk(jwk) };
    signer = m.sign_with ? keyOf(m.sign_with) : jwk;
  }
  for (const h of m.drop_header ?? []) delete (header as Record<string, unknown>)[h];
  Object.assign(header, m.set_header ?? {});
  if (typeof header.alg === 'string' && header.alg.startsWith('HS') && !(signer instanceof Uint8Array)) {
    signer = new Uint8Array(48).fill(7); // a MAC alg on an asymmetric proof: any key makes the point
  }
  const jws = m.der_signature && !(signer instanceof Uint8Array) ? derSigned(header, claims, signer) : await signCompact(header, claims, signer);
  if (!m.corrupt_signature) return jws;
  const [h, p, s] = jws.split('.');
  return `${h}.${p}.${flipMiddle(s)}`;
}
