import { at } from '../../base/json-value.js';
import { decodeJws } from '../../protocol/decode-jws.js';
import type { NamedCheck } from './types.js';

export const missingProofConforming: NamedCheck = {
  name: 'missing-proof-conforming',
  ref: 'RFC 9449 §5; RFC 6749 §5.2',
  requirement:
    'a token request without a DPoP header gets an RFC 6749 §5.2 error (400 with any error code: RFC 9449 names none) from a DPoP-only AS, or 200 with token_type Bearer and no cnf.jkt from an AS that also issues Bearer tokens',
  async run({ response, body }) {
    const status = response.status;
    if (status === 400)
      return typeof body.error === 'string' && body.error !== ''
        ? undefined
        : '400 without an error member in a JSON body (RFC 6749 §5.2)';
    if (status === 200) {
      if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer')
        return `200 with token_type ${JSON.stringify(body.token_type)}: a token issued without a proof cannot be DPoP-bound`;
      const claims = decodeJws(typeof body.access_token === 'string' ? body.access_token : undefined)?.claims;
      return at(claims, 'cnf', 'jkt') ? '200 Bearer, but the token carries cnf.jkt' : undefined;
    }
    return `status ${status}`;
  },
};
