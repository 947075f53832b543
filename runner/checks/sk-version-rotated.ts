import { asText, at } from '../../base/json-value.js';
import { issuedClaims } from './token-claims.js';
import type { NamedCheck } from './types.js';

/** After a rotation retired the version of the token before, the refreshed token carries another one. */
export const skVersionRotated: NamedCheck = {
  name: 'sk-version-rotated',
  ref: 'DPoP-SK §3 step 5, §8',
  requirement:
    'after a rotation, a refresh with dpop_sk=true yields a token with the currently active V, not the retired one',
  async run(i) {
    const claims = issuedClaims(i);
    if (typeof claims === 'string') return claims;
    const before = at(i.previousClaims, 'cnf', 'sk', 'v');
    if (typeof before !== 'string') return 'the token before the refresh had no cnf.sk.v';
    const after = at(claims, 'cnf', 'sk', 'v');
    if (typeof after !== 'string') return 'the refreshed token has no cnf.sk.v';
    return after === before ? `cnf.sk.v is still ${asText(before)}, the version the rotation retired` : undefined;
  },
};
