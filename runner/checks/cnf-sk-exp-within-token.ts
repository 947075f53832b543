import { issuedClaims } from './token-claims.js';
import type { NamedCheck } from './types.js';

export const cnfSkExpWithinToken: NamedCheck = {
  name: 'cnf-sk-exp-within-token',
  ref: 'DPoP-SK §3 steps 2-3',
  requirement: 'cnf.sk.exp is not after the token exp, and dpop_sk_expires_in is the time until cnf.sk.exp',
  async run(i) {
    const claims = issuedClaims(i);
    if (typeof claims === 'string') return claims;
    const sk = claims.cnf?.sk;
    if (typeof sk?.exp !== 'number') return 'the access token has no numeric cnf.sk.exp';
    if (sk.exp > claims.exp) return `cnf.sk.exp ${sk.exp} is after exp ${claims.exp}`;
    const expiresIn = i.body.dpop_sk_expires_in;
    if (typeof expiresIn !== 'number') return `dpop_sk_expires_in is ${JSON.stringify(expiresIn)}`;
    return Math.abs(claims.iat + expiresIn - sk.exp) <= 5
      ? undefined
      : `iat + dpop_sk_expires_in = ${claims.iat + expiresIn}, cnf.sk.exp = ${sk.exp}`;
  },
};
