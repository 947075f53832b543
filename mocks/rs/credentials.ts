import type { FastifyRequest } from 'fastify';
import { TokenInvalid } from '../../protocol/errors.js';
import type { RsState } from './state.js';

/** No usable credentials at all: a challenge without error (RFC 6750 §3.1, DPoP-SK §9). */
export class NoCredentials extends Error {}

export interface Credentials {
  scheme: 'dpop' | 'bearer';
  /** The access token. */
  token: string;
}

/** token68 (RFC 9110 §11.2), the syntax of DPoP and Bearer credentials. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The Authorization header: `DPoP token68` (RFC 9449 §7.1) or `Bearer token68` (RFC 6750
 * §2.1), the scheme matched case-insensitively (RFC 9110 §11.1). Anything else is no
 * credentials at all.
 */
export function readCredentials(req: FastifyRequest, s: RsState): Credentials {
  const m = /^(\S+)(?:\s+(.*))?$/s.exec((req.headers.authorization ?? '').trim());
  if (!m) throw new NoCredentials();
  const [, scheme, credentials = ''] = m;
  const caseSensitive = s.fault('rs-scheme-case-sensitive');
  // rs-bearer-scheme-case-sensitive: only "Bearer" as written is Bearer; any other spelling goes to DPoP validation.
  const bearerAsDpop =
    s.fault('rs-bearer-scheme-case-sensitive') && scheme.toLowerCase() === 'bearer' && scheme !== 'Bearer';
  const isDpop = (caseSensitive ? scheme === 'DPoP' : scheme.toLowerCase() === 'dpop') || bearerAsDpop;
  if (!isDpop && scheme.toLowerCase() !== 'bearer') {
    if (caseSensitive && scheme.toLowerCase() === 'dpop') {
      throw new TokenInvalid('TOKEN_MALFORMED', `scheme ${scheme} not recognised`);
    }
    throw new NoCredentials();
  }
  const token = credentials.trim();
  if (!TOKEN68.test(token)) throw new TokenInvalid('TOKEN_MALFORMED', 'the credentials are not a single token68');
  return { scheme: isDpop ? 'dpop' : 'bearer', token };
}
