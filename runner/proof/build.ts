import { buildDpopProof, type ProofMutation } from '../../protocol/proof-build.js';
import { clientKey, DEFAULT_CLIENT_KEY, type ClientKeyName } from '../../base/fixed-inputs.js';
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

/** The YAML's mutation as protocol/proof-build.ts takes it: each key name replaced by the fixed key it names. */
function withKeys(m: Mutation): ProofMutation {
  return {
    setClaims: m.set_claims,
    dropClaims: m.drop_claims,
    setHeader: m.set_header,
    dropHeader: m.drop_header,
    iatShift: m.iat_shift,
    corruptSignature: m.corrupt_signature,
    privateJwk: m.private_jwk,
    athOver: m.ath_over,
    derSignature: m.der_signature,
    rawValue: m.raw_value,
    partJson: m.part_json,
    badBase64url: m.bad_base64url,
    claimTypes: m.claim_types,
    zeroSignature: m.zero_signature,
    macWithJwk: m.mac_with_jwk,
    headerAlg: m.header_alg,
    signWith: m.sign_with !== undefined ? clientKey(m.sign_with) : undefined,
    useKey: m.use_key !== undefined ? clientKey(m.use_key) : undefined,
  };
}

/** Builds a proof from a spec (protocol/proof-build.ts): a valid one, or one carrying exactly the spec's mutation. */
export function buildProof(spec: ProofSpec): Promise<string> {
  const { htm, htu, accessToken, nonce, jti, iat } = spec;
  const claims = { htm, htu, accessToken, nonce, jti, iat };
  const mutation = spec.mutation ? withKeys(spec.mutation) : undefined;
  if (spec.symmetric) return buildDpopProof({ symmetric: spec.symmetric, ...claims, mutation });
  return buildDpopProof({ jwk: clientKey(spec.key ?? DEFAULT_CLIENT_KEY), alg: spec.alg, ...claims, mutation });
}
