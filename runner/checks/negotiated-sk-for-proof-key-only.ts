import { isDpopError } from '../protocol/errors.js';
import { loadInputs } from '../protocol/inputs.js';
import { unwrapSk } from '../protocol/sk-unwrap.js';
import type { NamedCheck } from './types.js';

export const negotiatedSkForProofKeyOnly: NamedCheck = {
  name: 'negotiated-sk-for-proof-key-only',
  ref: 'DPoP-SK §6 step 3',
  requirement: 'the DPoP-SK header is a JWE to the proof key alone (§3 step 4 rules) whose key carries the ticket as kid, with DPoP-SK-Expires-In in seconds',
  async run({ outcome }) {
    const header = outcome.res?.headers['dpop-sk'];
    if (!header) return 'no DPoP-SK header';
    const keys = loadInputs().client_keys;
    const own = outcome.key ?? 'client-p256';
    let kid: unknown;
    try {
      kid = (await unwrapSk(header, keys[own])).jwk.kid;
    } catch (e) {
      return isDpopError(e) ? `it does not open with the proof key (${own}): ${e.reason}: ${e.message}` : String(e);
    }
    if (typeof kid !== 'string' || !kid) return 'the key has no kid (ticket)';
    const other = own === 'client-p256-other' ? 'client-p256' : 'client-p256-other';
    if (await unwrapSk(header, keys[other]).then(() => true, () => false)) return `it also opens with ${other}`;
    const expiresIn = outcome.res?.headers['dpop-sk-expires-in'];
    return expiresIn !== undefined && /^\d+$/.test(expiresIn) ? undefined : `DPoP-SK-Expires-In is ${JSON.stringify(expiresIn)}`;
  },
};
