import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { at } from '../../base/json-value.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import type { NamedCheck } from './types.js';

export const introspectionCnfJkt: NamedCheck = {
  name: 'introspection-cnf-jkt',
  ref: 'RFC 9449 §6.2',
  requirement:
    'the introspection response carries, as a top-level cnf member, the jkt (SHA-256 JWK thumbprint) of the key the token is bound to',
  async run(i) {
    const want = await jwkThumbprint(publicJwk(loadInputs().client_keys[i.proofKey]));
    const jkt = at(i.body, 'cnf', 'jkt');
    return jkt === want ? undefined : `cnf.jkt is ${JSON.stringify(jkt)}, the proof key thumbprint is ${want}`;
  },
};
