import { decodeJwt, decodeProtectedHeader } from 'jose';

/** The protected header and the claims of a compact JWS, as read without verifying it. */
export interface DecodedJws {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/**
 * Decodes a compact JWS with a JSON claims set (a proof, a JWT access token) without
 * verifying anything: for transcripts and for checks that read claims. undefined when
 * the value is absent or not such a JWS.
 */
export function decodeJws(jws: string | undefined): DecodedJws | undefined {
  if (!jws || jws.split('.').length !== 3) return undefined;
  try {
    const header = decodeProtectedHeader(jws) as Record<string, unknown>;
    return { header, claims: decodeJwt(jws) };
  } catch {
    return undefined;
  }
}
