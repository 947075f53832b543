import { at } from '../../base/json-value.js';
import { issuedClaims } from './token-claims.js';
import type { NamedCheck } from './types.js';

export const freshROnRefresh: NamedCheck = {
  name: 'fresh-r-on-refresh',
  ref: 'DPoP-SK §3 step 5',
  requirement: 'a refresh with dpop_sk=true yields a token with a fresh R',
  async run(i) {
    const claims = issuedClaims(i);
    if (typeof claims === 'string') return claims;
    const before = at(i.previousClaims, 'cnf', 'sk', 'r');
    if (!before) return 'the token before the refresh had no cnf.sk.r';
    const after = at(claims, 'cnf', 'sk', 'r');
    if (!after) return 'the refreshed token has no cnf.sk.r';
    return after === before ? 'cnf.sk.r is the same as before the refresh' : undefined;
  },
};
