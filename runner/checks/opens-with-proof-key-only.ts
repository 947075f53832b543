import { isDpopError } from '../../protocol/errors.js';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';
import { unwrapSk, type UnwrappedSk } from '../../protocol/sk-unwrap.js';

/**
 * DPoP-SK §3 step 4 rules for a wrapped key: it opens with the proof key (header and
 * plaintext as the profile fixes them) and not with another key. The opened key, or
 * what was wrong.
 */
export async function opensWithProofKeyOnly(jwe: string, own: ClientKeyName): Promise<UnwrappedSk | string> {
  const keys = loadInputs().client_keys;
  let opened: UnwrappedSk;
  try {
    opened = await unwrapSk(jwe, keys[own]);
  } catch (e) {
    return isDpopError(e) ? `it does not open with the proof key (${own}): ${e.reason}: ${e.message}` : String(e);
  }
  const other = own === 'client-p256-other' ? 'client-p256' : 'client-p256-other';
  return (await unwrapSk(jwe, keys[other]).then(
    () => true,
    () => false,
  ))
    ? `it also opens with ${other}`
    : opened;
}
