import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { at } from '../../base/json-value.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { issuedClaims } from './token-claims.js';
import type { NamedCheck } from './types.js';

export const cnfJktIsProofKey: NamedCheck = {
  name: 'cnf-jkt-is-proof-key',
  ref: 'RFC 9449 §6.1',
  requirement: 'the access token cnf.jkt is the SHA-256 JWK thumbprint of the key that signed the token request proof',
  async run(i) {
    const claims = issuedClaims(i);
    if (typeof claims === 'string') return claims;
    const want = await jwkThumbprint(publicJwk(loadInputs().client_keys[i.proofKey]));
    const jkt = at(claims, 'cnf', 'jkt');
    return jkt === want ? undefined : `cnf.jkt is ${JSON.stringify(jkt)}, the proof key thumbprint is ${want}`;
  },
};
