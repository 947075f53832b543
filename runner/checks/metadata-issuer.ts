import type { NamedCheck } from './types.js';

export const metadataIssuer: NamedCheck = {
  name: 'metadata-issuer',
  ref: 'RFC 8414 §3.3',
  requirement:
    'the metadata\'s "issuer" is identical to the issuer identifier the well-known URL was built from (the target\'s issuer)',
  async run({ body, issuer }) {
    const got = body.issuer;
    return got === issuer
      ? undefined
      : `issuer is ${typeof got === 'string' ? JSON.stringify(got.slice(0, 200)) : 'not a string'}, not ${JSON.stringify(issuer)}`;
  },
};
