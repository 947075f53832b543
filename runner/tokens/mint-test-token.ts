import { randomBytes } from 'node:crypto';
import { base64url, type JWK, type JWSHeaderParameters } from 'jose';
import { deriveSk, hkdfSk } from '../../protocol/derive-sk.js';
import { publicJwk } from '../../protocol/jwk.js';
import { DEFAULT_CLIENT_KEY, loadInputs } from '../../base/fixed-inputs.js';
import { newJti, nowSeconds, signCompact } from '../../protocol/sign.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { zeroSignature } from '../../protocol/zero-signature.js';
import { accessTokenHeader, mintAccessToken, type AccessTokenClaims } from '../../protocol/token-mint.js';
import type { MintStep } from '../suite/case-schema.generated.js';

/** What a case asks of a token minted with the fixed test AS key (for testing a vendor RS): a mint_token step. */
export type MintSpec = Omit<MintStep, 'save_as'>;

export interface MintedToken {
  token: string;
  claims: AccessTokenClaims;
  /** The SK a symmetric proof must use (when sk was asked for). */
  sk?: Uint8Array;
}

/** The token header a mint step asks for: its typ in place of at+jwt, or none (omit_typ). */
function headerWithTyp(signer: JWK & { kid?: string }, spec: MintSpec): JWSHeaderParameters {
  const header = { ...accessTokenHeader(signer), typ: spec.typ };
  if (spec.omit_typ) delete header.typ;
  return header;
}

export async function mintTestToken(
  spec: MintSpec,
  defaults: { issuer: string; audience: string; now?: number },
): Promise<MintedToken> {
  const inputs = loadInputs();
  const now = defaults.now ?? nowSeconds();
  const claims: AccessTokenClaims = {
    iss: spec.issuer ?? defaults.issuer,
    aud: spec.audience ?? defaults.audience,
    sub: inputs.clients.confidential.client_id,
    client_id: inputs.clients.confidential.client_id,
    iat: now,
    exp: now + (spec.expires_in ?? 600),
    ...(spec.claims ?? {}),
  };
  const boundKey = inputs.client_keys[spec.key ?? DEFAULT_CLIENT_KEY];
  if (!spec.unbound) claims.cnf = { jkt: await jwkThumbprint(publicJwk(boundKey)) };
  let sk: Uint8Array | undefined;
  if (spec.sk) {
    const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
    const version = spec.sk.version ?? active.version;
    const secret = inputs.shared_secrets.find((s) => s.version === (spec.sk!.secret_from ?? version)) ?? active;
    const r = new Uint8Array(randomBytes(spec.sk.r_length ?? 32));
    // An R of another length (docs/profile.md §2 wants 32 bytes) still gets the SK a lax verifier would derive.
    sk = (r.length === 32 ? deriveSk : hkdfSk)(base64url.decode(secret.secret), r);
    claims.cnf = { ...claims.cnf, sk: { v: version, r: base64url.encode(r), exp: now + (spec.sk.expires_in ?? 300) } };
  }
  const signer: JWK & { kid?: string } = spec.signed_by
    ? { ...inputs.client_keys[spec.signed_by], kid: inputs.as_signing_key.kid }
    : inputs.as_signing_key;
  const token =
    spec.typ === undefined && !spec.omit_typ
      ? await mintAccessToken(signer, claims)
      : await signCompact(headerWithTyp(signer, spec), { jti: newJti(), ...claims }, signer);
  return { token: spec.zero_signature ? zeroSignature(token) : token, claims, sk };
}
