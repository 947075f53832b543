import { formEncode } from './basic-auth.js';

/**
 * The spellings a value can take in what the runner sends and receives: as is,
 * percent-encoded as a URI component (RFC 3986 §2.1, upper- and lower-case hex), form-encoded
 * (application/x-www-form-urlencoded, WHATWG URL §5.2: space as "+", and `'~!*()`
 * percent-encoded), as a URL parser leaves it in a path or a query, and escaped inside a
 * JSON string (RFC 8259 §7). The backstop of the
 * redactor searches for each; the structural redaction needs none of them.
 */
export function spellingsOf(value: string): string[] {
  const uri = encodeURIComponent(value);
  const form = formEncode(value);
  const json = JSON.stringify(value).slice(1, -1);
  // As a URL parser normalizes it inside a path or a query (WHATWG URL §4.4 percent-encode sets).
  const parsed = (prefix: string, part: (u: URL) => string) => {
    try {
      return part(new URL(`${prefix}${value}`)).slice(1);
    } catch {
      return value;
    }
  };
  const inPath = parsed('http://h/', (u) => u.pathname);
  const inQuery = parsed('http://h/?', (u) => u.search);
  const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  return [...new Set([value, uri, lowerHex(uri), form, lowerHex(form), json, inPath, inQuery])];
}
