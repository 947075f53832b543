import type { FastifyRequest } from 'fastify';

/** The longest forwarded value the mock reads; a longer one is ignored (bounded work per request). */
const MAX_VALUE = 1024;

/** What a reverse proxy says the client addressed: scheme, authority and an optional path prefix. */
export interface ForwardedOrigin {
  proto?: string;
  host?: string;
  prefix?: string;
}

function headerText(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.length > MAX_VALUE ? undefined : s;
}

/** The first (client-most) element of a comma-separated list: X-Forwarded-Proto: https, http → https. */
const first = (s: string | undefined): string | undefined => s?.split(',')[0].trim() || undefined;

/**
 * RFC 7239 §4: the first forwarded-element's proto= and host= (values are tokens or quoted
 * strings, §4 `value = token / quoted-string`); other parameters are ignored.
 */
function fromForwardedHeader(value: string): ForwardedOrigin {
  const out: ForwardedOrigin = {};
  const element = /^(?:[^,"]|"(?:[^"\\]|\\.)*")*/.exec(value)?.[0] ?? '';
  for (const pair of element.match(/(?:[^;"]|"(?:[^"\\]|\\.)*")+/g) ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq).trim().toLowerCase();
    let v = pair.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    if (key === 'proto') out.proto = v;
    if (key === 'host') out.host = v;
  }
  return out;
}

/** What the request's proxy headers say: RFC 7239 Forwarded first, else X-Forwarded-Proto/-Host; X-Forwarded-Prefix for the path. */
export function forwardedOrigin(req: FastifyRequest): ForwardedOrigin {
  const forwarded = headerText(req, 'forwarded');
  const base = forwarded
    ? fromForwardedHeader(forwarded)
    : { proto: first(headerText(req, 'x-forwarded-proto')), host: first(headerText(req, 'x-forwarded-host')) };
  return { ...base, prefix: first(headerText(req, 'x-forwarded-prefix')) };
}

/**
 * The URI the client addressed through a reverse proxy, which htu is compared with: with a
 * fixed public base (`--public-url`), that base and the request's path; otherwise the
 * scheme, host and path prefix the forwarded headers give, each falling back to the
 * request's own (`own`, from requestUri) when absent or unusable.
 */
export function publicRequestUri(req: FastifyRequest, own: string, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '') + req.url;
  const mine = new URL(own);
  const f = forwardedOrigin(req);
  const proto = f.proto && /^https?$/i.test(f.proto) ? f.proto.toLowerCase() : mine.protocol.slice(0, -1);
  const prefix = f.prefix && /^\/[^?#]*$/.test(f.prefix) ? f.prefix.replace(/\/+$/, '') : '';
  try {
    const url = new URL(`${proto}://${f.host || mine.host}`);
    if (url.pathname !== '/' || url.username || url.password || url.search || url.hash) return own;
    return `${url.origin}${prefix}${req.url}`;
  } catch {
    return own;
  }
}
