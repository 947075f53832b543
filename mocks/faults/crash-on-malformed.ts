import { readProof } from '../../protocol/proof-header.js';

/**
 * The *-malformed-proof-500 faults: a server whose JWT parser throws something its error
 * handling does not expect, so a DPoP value that does not decode (RFC 9449 §4.3 check 2)
 * ends in a 500 instead of the role's refusal.
 */
export function crashOnUndecodable(proof: string): void {
  try {
    readProof(proof);
  } catch (e) {
    throw new Error(`unhandled decode failure: ${(e as Error).message}`, { cause: e });
  }
}
