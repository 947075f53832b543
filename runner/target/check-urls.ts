import { ConfigError } from '../../base/errors.js';

/** The schemes the runner fetches; `file:`, `javascript:`, `data:` and the rest are refused. */
const FETCHED_SCHEMES = ['http:', 'https:'];

/**
 * A URL the runner will fetch, checked before any case runs: it parses (WHATWG URL) and is
 * http or https; a ConfigError naming `what` and the value as shown (secrets replaced)
 * otherwise.
 */
export function fetchableUrl(what: string, value: string, shown = value): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${what}: ${JSON.stringify(shown.slice(0, 200))} is not a URL`);
  }
  if (!FETCHED_SCHEMES.includes(url.protocol))
    throw new ConfigError(`${what}: a ${url.protocol} URL; the runner fetches http and https URLs only`);
  return url;
}

/** The origin of a URL (RFC 6454 §4): scheme, host and port. */
export const originOf = (url: string): string => new URL(url).origin;

/** Whether a URL's host is this machine's loopback (RFC 6761 §6.3 localhost, 127.0.0.0/8, ::1). */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '[::1]'
  );
}

/**
 * A warning for each origin among `urls` that is plain http on a host other than loopback:
 * RFC 9449 §2 says DPoP "MUST always be used in conjunction with HTTPS". The run goes on
 * (a lab may have its reasons); `urls` are [what, URL used, URL as shown] and only the
 * shown form is printed.
 */
export function plainHttpWarnings(urls: [what: string, value: string, shown: string][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [what, value, shown] of urls) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' || isLoopback(url) || seen.has(url.origin)) continue;
    seen.add(url.origin);
    out.push(
      `WARNING: ${what} ${shown} is plain http to another machine: RFC 9449 §2 says DPoP "MUST always be used in conjunction with HTTPS"; the client secret, tokens and proofs cross the network readable`,
    );
  }
  return out;
}
