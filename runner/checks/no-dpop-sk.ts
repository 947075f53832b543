import { at } from '../../base/json-value.js';
import { issuedClaims } from './token-claims.js';
import type { NamedCheck } from './types.js';

export const noDpopSk: NamedCheck = {
  name: 'no-dpop-sk',
  ref: 'DPoP-SK §3 step 1',
  requirement:
    'for a key that cannot receive a wrapped SK (Ed25519) the AS answers the normal RFC 9449 response, with no dpop_sk and no cnf.sk',
  async run(i) {
    if ('dpop_sk' in i.body) return 'the response has a dpop_sk member';
    const claims = issuedClaims(i);
    return typeof claims !== 'string' && at(claims, 'cnf', 'sk') ? 'the access token has cnf.sk' : undefined;
  },
};
