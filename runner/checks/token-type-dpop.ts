import type { NamedCheck } from './types.js';

export const tokenTypeDpop: NamedCheck = {
  name: 'token-type-dpop',
  ref: 'RFC 9449 §5',
  requirement: 'a DPoP-bound access token is returned with token_type "DPoP"',
  async run({ body }) {
    return typeof body.token_type === 'string' && body.token_type.toLowerCase() === 'dpop'
      ? undefined
      : `token_type is ${JSON.stringify(body.token_type)}`;
  },
};
