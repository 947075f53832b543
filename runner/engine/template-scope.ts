import { flipMiddle } from '../../protocol/flip-middle.js';
import type { RunEnv } from '../target/env.js';
import type { Captured } from './captured.js';

const upperScheme = (url: string) => url.replace(/^[a-z]+:/, (s) => s.toUpperCase());

/** The RS URL and equivalent spellings of it (RFC 3986 §6.2.2, §6.2.3) for htu variations. */
function rsScope(resource: string): Record<string, string> {
  const url = new URL(resource);
  const path = url.pathname.replace(/[A-Za-z]/, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return {
    resource,
    origin: url.origin,
    resource_upper_scheme: upperScheme(resource),
    resource_pct_encoded: `${url.origin}${path}`,
  };
}

/** The AS endpoints a case may name: `{as.token_endpoint}` and spellings of it. */
function asScope(as: RunEnv['as']): Record<string, string> {
  return {
    issuer: as.issuer,
    token_endpoint: as.tokenEndpoint,
    origin: new URL(as.tokenEndpoint).origin,
    token_endpoint_upper_scheme: upperScheme(as.tokenEndpoint),
  };
}

/** The strings of a capture a template may name (never the SK). */
function capturedScope(x: Captured): Record<string, string | undefined> {
  return {
    token: x.token,
    refresh_token: x.refresh_token,
    proof: x.proof,
    ticket: x.ticket,
    ticket_tampered: x.ticket
      ?.split('.')
      .map((seg, i) => (i === 3 ? flipMiddle(seg) : seg))
      .join('.'),
  };
}

/**
 * Values a `{…}` template may name at a step: `as.*`, `rs.*`, the current capture's
 * strings (`{token}`, …) and each saved capture's under its name (`{first.token}`).
 */
export function templateScope(
  env: RunEnv,
  current: Captured,
  saved: Readonly<Record<string, Captured>>,
): Record<string, unknown> {
  return {
    as: asScope(env.as),
    rs: rsScope(env.rs.resource),
    ...capturedScope(current),
    ...Object.fromEntries(Object.entries(saved).map(([k, v]) => [k, capturedScope(v)])),
  };
}
