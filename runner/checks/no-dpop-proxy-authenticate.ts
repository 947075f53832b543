import { parseChallenges } from '../../base/www-authenticate.js';
import type { NamedCheck } from './types.js';

export const noDpopProxyAuthenticate: NamedCheck = {
  name: 'no-dpop-proxy-authenticate',
  ref: 'RFC 9449 §7.1',
  requirement: 'the DPoP scheme is not used in a Proxy-Authenticate header field',
  async run({ response }) {
    const value = response.headers['proxy-authenticate'];
    if (value === undefined) return undefined;
    // Proxy-Authenticate has WWW-Authenticate's challenge syntax (RFC 9110 §11.7.1, §11.6.1)
    return parseChallenges(value).some((c) => c.scheme === 'dpop')
      ? `Proxy-Authenticate: ${value.slice(0, 200)}`
      : undefined;
  },
};
