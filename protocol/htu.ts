/**
 * The htu a client puts in a proof for a request to `url` (RFC 9449 §4.2: "The HTTP target
 * URI … without query and fragment parts"), as written, not normalised.
 */
export function htuOf(url: string): string {
  return url.split('#')[0].split('?')[0];
}

/**
 * The form of a URI that `htu` is compared in: RFC 9449 §4.3 check 9 compares the
 * request URI without query and fragment, and recommends the syntax-based and
 * scheme-based normalisation of RFC 3986 §6.2.2 and §6.2.3. WHATWG URL parsing
 * lower-cases scheme and host, drops the default port, resolves dot segments and
 * gives an empty path "/"; percent-encodings are then put in one case and
 * unreserved characters decoded (RFC 3986 §6.2.2.1, §6.2.2.2).
 * Returns undefined for anything that is not an absolute http(s) URI.
 */
export function normalizeHtu(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const path = url.pathname.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : '%' + hex.toUpperCase();
  });
  return `${url.protocol}//${url.host}${path}`;
}

export function htuMatches(proofHtu: string, requestUri: string): boolean {
  const a = normalizeHtu(proofHtu);
  return a !== undefined && a === normalizeHtu(requestUri);
}
