/**
 * A value encoded with the application/x-www-form-urlencoded serializer (WHATWG URL §5.2):
 * space as "+", everything but ASCII letters, digits and `*-._` percent-encoded — the
 * encoding a token request's form body uses, so `'~!()` are encoded too (encodeURIComponent
 * would leave them, and write a space as %20).
 */
export const formEncode = (value: string): string => new URLSearchParams([['', value]]).toString().slice(1);

/**
 * The credentials of client_secret_basic: RFC 6749 §2.3.1 encodes the client identifier
 * and the password with application/x-www-form-urlencoded (Appendix B) before they are
 * joined with a colon and base64-encoded for the Basic scheme (RFC 7617 §2).
 */
export const basicCredentials = (clientId: string, secret: string): string =>
  Buffer.from(`${formEncode(clientId)}:${formEncode(secret)}`).toString('base64');
