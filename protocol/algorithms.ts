/** Asymmetric JWS algorithms the reference implementation accepts for DPoP proofs (RFC 9449 §4.3 check 5). */
export const ASYMMETRIC_ALGS = [
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'RS256',
  'RS384',
  'RS512',
  'EdDSA',
  'Ed25519',
];

/** The only MAC algorithm of a DPoP-SK symmetric proof (DPoP-SK §4). */
export const SYMMETRIC_ALG = 'HS256';

export const PROOF_TYP = 'dpop+jwt';
export const SK_PROOF_TYP = 'dpop-sk+jwt';
