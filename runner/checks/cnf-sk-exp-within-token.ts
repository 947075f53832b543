import { at } from '../../base/json-value.js';
import { issuedClaims } from './token-claims.js';
import type { NamedCheck } from './types.js';

export const cnfSkExpWithinToken: NamedCheck = {
  name: 'cnf-sk-exp-within-token',
  ref: 'DPoP-SK §3 steps 2-3',
  requirement: 'cnf.sk.exp is not after the token exp, and dpop_sk_expires_in is the time until cnf.sk.exp',
  async run(i) {
    const claims = issuedClaims(i);
    if (typeof claims === 'string') return claims;
    const skExp = at(claims, 'cnf', 'sk', 'exp');
    if (typeof skExp !== 'number') return 'the access token has no numeric cnf.sk.exp';
    const { exp, iat } = claims;
    // a token without exp does not expire, so no cnf.sk.exp is after it; an exp that is there must be a number
    if (exp !== undefined && typeof exp !== 'number') return `the access token exp is ${JSON.stringify(exp)}`;
    if (exp !== undefined && skExp > exp) return `cnf.sk.exp ${skExp} is after exp ${exp}`;
    const expiresIn = i.body.dpop_sk_expires_in;
    if (typeof expiresIn !== 'number') return `dpop_sk_expires_in is ${JSON.stringify(expiresIn)}`;
    if (typeof iat !== 'number') return `the access token iat is ${JSON.stringify(iat)}`;
    return Math.abs(iat + expiresIn - skExp) <= 5
      ? undefined
      : `iat + dpop_sk_expires_in = ${iat + expiresIn}, cnf.sk.exp = ${skExp}`;
  },
};
