import { hkdfSync } from 'node:crypto';
import type { JWK } from 'jose';
import { SK_LENGTH } from '../../protocol/derive-sk.js';
import { encryptJwk, skJwk, wrapAlgFor, wrapHeaderFor } from '../../protocol/sk-wrap.js';
import { loadInputs } from '../../base/fixed-inputs.js';

/**
 * Deliberately wrong DPoP-SK artifacts for the faults that produce them (mocks/faults.ts),
 * built from the protocol primitives the correct ones are made of.
 */

/** The HKDF info of the wrong-info faults: not DPoP-SK §2's "DPoP-SK-v1". */
export const WRONG_SK_INFO = 'DPoP-SK-v0';

/** SK derived as DPoP-SK §2 says, but with the wrong HKDF info. */
export function deriveSkWithWrongInfo(secret: Uint8Array, r: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, r, Buffer.from(WRONG_SK_INFO, 'ascii'), SK_LENGTH));
}

/** The key a wrongly wrapped SK is encrypted to: client-p256-other. */
function otherKey(): JWK {
  return loadInputs().client_keys['client-p256-other'];
}

/** A dpop_sk encrypted to client-p256-other, its header still naming the proof key (kid = its jkt). */
export async function wrapSkToOtherKey(sk: Uint8Array, recipient: JWK, extra: object = {}): Promise<string> {
  const header = { ...(await wrapHeaderFor(recipient)), alg: wrapAlgFor(otherKey())! };
  return encryptJwk(header, skJwk(sk, extra), otherKey());
}

/** A dpop_sk whose kid is not the recipient key's jkt. */
export async function wrapSkWithWrongKid(sk: Uint8Array, recipient: JWK): Promise<string> {
  return encryptJwk({ ...(await wrapHeaderFor(recipient)), kid: 'not-the-proof-key-thumbprint' }, skJwk(sk), recipient);
}

/** A dpop_sk wrapped with ECDH-ES+A256KW / RSA-OAEP instead of the ECDH-ES / RSA-OAEP-256 DPoP-SK §3 step 4 fixes. */
export async function wrapSkWithWrongAlg(sk: Uint8Array, recipient: JWK): Promise<string> {
  const alg = recipient.kty === 'RSA' ? 'RSA-OAEP' : 'ECDH-ES+A256KW';
  return encryptJwk({ ...(await wrapHeaderFor(recipient)), alg }, skJwk(sk), recipient);
}
