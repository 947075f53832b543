import { CaseSetupError } from '../case-errors.js';

/** How a reverse proxy tells the RS what the client addressed. */
export type ForwardedStyle = 'both' | 'x-forwarded' | 'forwarded';

/** RFC 7239 §4: a value that is not a token goes in a quoted-string. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const forwardedValue = (v: string) => (TOKEN.test(v) ? v : `"${v.replace(/["\\]/g, '\\$&')}"`);

/**
 * The headers a reverse proxy in front of `resource` adds for a client that addressed
 * `publicUrl` (scheme, host, and the path prefix it strips, when the public path ends with
 * the resource's path and is longer), and the htu such a client puts in its proof: the
 * public URL without query and fragment (RFC 9449 §4.2). The request itself still goes to
 * `url`, which must be on the resource's origin: the forwarded headers (and the credentials
 * beside them) go only where the user pointed the run.
 */
export function forwardedRequest(
  style: ForwardedStyle,
  url: string,
  resource: string,
  publicUrl: string | undefined,
): { headers: [string, string][]; htu: string } {
  if (!publicUrl)
    throw new CaseSetupError("a forwarded request needs the target's rs.public_url (feature behind-proxy)");
  const target = new URL(url);
  const internal = new URL(resource);
  if (target.origin !== internal.origin)
    throw new CaseSetupError(`a forwarded request goes to the origin of rs.resource only, not ${target.origin}`);
  const pub = new URL(publicUrl);
  const proto = pub.protocol.slice(0, -1);
  const prefix =
    pub.pathname.length > internal.pathname.length && pub.pathname.endsWith(internal.pathname)
      ? pub.pathname.slice(0, -internal.pathname.length).replace(/\/+$/, '')
      : '';
  const headers: [string, string][] = [];
  if (style !== 'x-forwarded') headers.push(['forwarded', `proto=${proto};host=${forwardedValue(pub.host)}`]);
  if (style !== 'forwarded') headers.push(['x-forwarded-proto', proto], ['x-forwarded-host', pub.host]);
  if (prefix) headers.push(['x-forwarded-prefix', prefix]);
  return { headers, htu: `${pub.origin}${pub.pathname}` };
}
