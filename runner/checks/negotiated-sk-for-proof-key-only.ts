import { opensWithProofKeyOnly } from './opens-with-proof-key-only.js';
import type { NamedCheck } from './types.js';

export const negotiatedSkForProofKeyOnly: NamedCheck = {
  name: 'negotiated-sk-for-proof-key-only',
  ref: 'DPoP-SK §6 step 3',
  requirement:
    'the DPoP-SK header is a JWE to the proof key alone (§3 step 4 rules) whose key carries the ticket as kid, with DPoP-SK-Expires-In in seconds',
  async run({ response, proofKey }) {
    const header = response.headers['dpop-sk'];
    if (!header) return 'no DPoP-SK header';
    const result = await opensWithProofKeyOnly(header, proofKey);
    if (typeof result === 'string') return result;
    if (typeof result.jwk.kid !== 'string' || !result.jwk.kid) return 'the key has no kid (ticket)';
    const expiresIn = response.headers['dpop-sk-expires-in'];
    return expiresIn !== undefined && /^\d+$/.test(expiresIn)
      ? undefined
      : `DPoP-SK-Expires-In is ${JSON.stringify(expiresIn)}`;
  },
};
