import { readProofHeader } from '../../protocol/proof-header.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';

/**
 * The as-par-skip-proof-check fault: the thumbprint of the `jwk` header of a DPoP proof
 * taken without checking the proof (RFC 9449 §4.3), as an AS does that reads the key off
 * the PAR request's proof and nothing else; undefined when there is no key to read.
 */
export async function uncheckedProofKey(proof: string): Promise<string | undefined> {
  try {
    const jwk = readProofHeader(proof).jwk;
    return jwk && typeof jwk === 'object' ? await jwkThumbprint(jwk) : undefined;
  } catch {
    return undefined;
  }
}
