import { randomBytes } from 'node:crypto';
import { base64url, type JWK } from 'jose';
import { deriveSk } from '../../protocol/derive-sk.js';
import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';
import { newJti, nowSeconds, signCompact } from '../../protocol/sign.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { accessTokenHeader, mintAccessToken, type AccessTokenClaims } from '../../protocol/token-mint.js';

/** What a case asks of a token minted with the fixed test AS key (for testing a vendor RS). */
export interface MintSpec {
  /** The client key the token is bound to (cnf.jkt). */
  key?: ClientKeyName;
  /** Add cnf.sk (DPoP-SK §3 step 2). */
  sk?: {
    /** cnf.sk.v; default the active version. */
    version?: string;
    /** The secret version whose S_V derives SK (for an unknown version: which real secret to use). */
    secret_from?: string;
    /** cnf.sk.exp relative to now, seconds (default 300; negative = expired key). */
    expires_in?: number;
  };
  /** Token exp relative to now, seconds (default 600). */
  expires_in?: number;
  audience?: string;
  issuer?: string;
  /** Sign with a client key instead of the AS key (kid kept): an untrusted token. */
  signed_by?: ClientKeyName;
  /** Leave cnf.jkt out. */
  unbound?: boolean;
  typ?: string;
  claims?: Record<string, unknown>;
}

export interface MintedToken {
  token: string;
  claims: AccessTokenClaims;
  /** The SK a symmetric proof must use (when sk was asked for). */
  sk?: Uint8Array;
}

export async function mintTestToken(spec: MintSpec, defaults: { issuer: string; audience: string; now?: number }): Promise<MintedToken> {
  const inputs = loadInputs();
  const now = defaults.now ?? nowSeconds();
  const claims: AccessTokenClaims = {
    iss: spec.issuer ?? defaults.issuer, aud: spec.audience ?? defaults.audience, sub: inputs.clients.confidential.client_id,
    client_id: inputs.clients.confidential.client_id, iat: now, exp: now + (spec.expires_in ?? 600), ...(spec.claims ?? {}),
  };
  if (!spec.unbound) claims.cnf = { jkt: await jwkThumbprint(publicJwk(inputs.client_keys[spec.key ?? 'client-p256'])) };
  let sk: Uint8Array | undefined;
  if (spec.sk) {
    const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
    const version = spec.sk.version ?? active.version;
    const secret = inputs.shared_secrets.find((s) => s.version === (spec.sk!.secret_from ?? version)) ?? active;
    const r = new Uint8Array(randomBytes(32));
    sk = deriveSk(base64url.decode(secret.secret), r);
    claims.cnf = { ...claims.cnf, sk: { v: version, r: base64url.encode(r), exp: now + (spec.sk.expires_in ?? 300) } };
  }
  const signer: JWK & { kid?: string } = spec.signed_by ? { ...inputs.client_keys[spec.signed_by], kid: inputs.as_signing_key.kid } : inputs.as_signing_key;
  const token = spec.typ === undefined
    ? await mintAccessToken(signer, claims)
    : await signCompact({ ...accessTokenHeader(signer), typ: spec.typ }, { jti: newJti(), ...claims }, signer);
  return { token, claims, sk };
}
