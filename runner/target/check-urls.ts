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
