import { at } from '../../base/json-value.js';
import { decodeJws } from '../../protocol/decode-jws.js';
import type { NamedCheck } from './types.js';

export const missingProofConforming: NamedCheck = {
  name: 'missing-proof-conforming',
  ref: 'RFC 9449 §5; DPoP-SK §9',
  requirement:
    'a token request without a DPoP header gets 400 (invalid_dpop_proof or invalid_request) from a DPoP-only AS, or 200 with token_type Bearer and no cnf.jkt from an AS that also issues Bearer tokens',
  async run({ response, body }) {
    const status = response.status;
    if (status === 400)
      return ['invalid_dpop_proof', 'invalid_request'].includes(String(body.error))
        ? undefined
        : `400 with error ${JSON.stringify(body.error)}`;
    if (status === 200) {
      if (String(body.token_type).toLowerCase() !== 'bearer')
        return `200 with token_type ${JSON.stringify(body.token_type)}: a token issued without a proof cannot be DPoP-bound`;
      const claims = decodeJws(typeof body.access_token === 'string' ? body.access_token : undefined)?.claims;
      return at(claims, 'cnf', 'jkt') ? '200 Bearer, but the token carries cnf.jkt' : undefined;
    }
    return `status ${status}`;
  },
};
