import { isDpopError } from '../protocol/errors.js';
import { loadInputs } from '../protocol/inputs.js';
import { unwrapSk } from '../protocol/sk-unwrap.js';
import type { NamedCheck } from './types.js';

export const dpopSkForProofKeyOnly: NamedCheck = {
  name: 'dpop-sk-for-proof-key-only',
  ref: 'DPoP-SK §3 step 4',
  requirement: 'dpop_sk is a JWE to the proof key and no other: it opens with that key, its kid is that key\'s jkt, its alg/enc/cty are the profile\'s, and another key cannot open it',
  async run({ body, outcome }) {
    if (typeof body.dpop_sk !== 'string') return 'the response has no dpop_sk';
    const keys = loadInputs().client_keys;
    const own = outcome.key ?? 'client-p256';
    try {
      await unwrapSk(body.dpop_sk, keys[own]);
    } catch (e) {
      return isDpopError(e) ? `it does not open with the proof key (${own}): ${e.reason}: ${e.message}` : String(e);
    }
    const other = own === 'client-p256-other' ? 'client-p256' : 'client-p256-other';
    const opened = await unwrapSk(body.dpop_sk, keys[other]).then(() => true, () => false);
    return opened ? `it also opens with ${other}` : undefined;
  },
};
