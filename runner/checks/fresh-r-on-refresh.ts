import { issuedClaims } from './token-claims.js';
import type { NamedCheck } from './types.js';

export const freshROnRefresh: NamedCheck = {
  name: 'fresh-r-on-refresh',
  ref: 'DPoP-SK §3 step 5',
  requirement: 'a refresh with dpop_sk=true yields a token with a fresh R',
  async run(i) {
    const claims = issuedClaims(i);
    if (typeof claims === 'string') return claims;
    const before = (i.previousClaims?.cnf as { sk?: { r?: string } } | undefined)?.sk?.r;
    if (!before) return 'the token before the refresh had no cnf.sk.r';
    if (!claims.cnf?.sk?.r) return 'the refreshed token has no cnf.sk.r';
    return claims.cnf.sk.r === before ? 'cnf.sk.r is the same as before the refresh' : undefined;
  },
};
