/**
 * Changes the middle character of a base64url string: a signature, tag or
 * ciphertext that no longer verifies (RFC 7515 §5.2, RFC 7516 §5.2), while the
 * string stays well-formed.
 */
export function flipMiddle(s: string): string {
  const i = Math.floor(s.length / 2);
  return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
}

/** A compact JWS whose signature segment has its middle character changed. */
export function corruptSignature(jws: string): string {
  const [header, payload, signature] = jws.split('.');
  return `${header}.${payload}.${flipMiddle(signature)}`;
}
