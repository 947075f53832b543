import type { NamedCheck } from './types.js';

export const dpopNonceHeader: NamedCheck = {
  name: 'dpop-nonce-header',
  ref: 'RFC 9449 §8, §9',
  requirement: 'a use_dpop_nonce answer carries the nonce to use in a DPoP-Nonce header',
  async run({ response }) {
    const v = response.headers['dpop-nonce'];
    if (!v) return 'no DPoP-Nonce header';
    return /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(v)
      ? undefined
      : `DPoP-Nonce ${JSON.stringify(v)} is not NQCHAR (RFC 9449 §8.1)`;
  },
};
