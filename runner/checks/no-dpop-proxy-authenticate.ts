import type { NamedCheck } from './types.js';

/** The auth-scheme of each challenge in a Proxy-Authenticate field value (RFC 9110 §11.6.1, §11.3: token, optionally followed by parameters). */
function schemesOf(value: string): string[] {
  // a challenge starts at the field's start or after a comma, with a token not followed by '='
  return [...value.matchAll(/(?:^|,)\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?=\s|,|$)(?!\s*=)/g)].map((m) => m[1]);
}

export const noDpopProxyAuthenticate: NamedCheck = {
  name: 'no-dpop-proxy-authenticate',
  ref: 'RFC 9449 §7.1',
  requirement: 'the DPoP scheme is not used in a Proxy-Authenticate header field',
  async run({ response }) {
    const value = response.headers['proxy-authenticate'];
    if (value === undefined) return undefined;
    return schemesOf(value).some((s) => s.toLowerCase() === 'dpop')
      ? `Proxy-Authenticate: ${value.slice(0, 200)}`
      : undefined;
  },
};
