import { opensWithProofKeyOnly } from './opens-with-proof-key-only.js';
import type { NamedCheck } from './types.js';

export const dpopSkForProofKeyOnly: NamedCheck = {
  name: 'dpop-sk-for-proof-key-only',
  ref: 'DPoP-SK §3 step 4',
  requirement:
    "dpop_sk is a JWE to the proof key and no other: it opens with that key, its kid is that key's jkt, its alg/enc/cty are the profile's, and another key cannot open it",
  async run({ body, proofKey }) {
    if (typeof body.dpop_sk !== 'string') return 'the response has no dpop_sk';
    const result = await opensWithProofKeyOnly(body.dpop_sk, proofKey);
    return typeof result === 'string' ? result : undefined;
  },
};
