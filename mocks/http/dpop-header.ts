import type { FastifyRequest } from 'fastify';
import { ProofInvalid } from '../../runner/protocol/errors.js';

/** Longest DPoP header accepted; longer ones are refused as malformed, not with a 431. */
export const MAX_PROOF_LENGTH = 8192;

/**
 * The DPoP header field values as sent (Node joins repeated unknown headers, so
 * the raw list is read). RFC 9449 §4.3 check 1: exactly one.
 */
export function dpopHeaders(req: FastifyRequest): string[] {
  const raw = req.raw.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === 'dpop') values.push(raw[i + 1]);
  return values;
}

/** The single proof, or undefined when none was sent; throws for two or more, or an oversized one. */
export function singleProof(req: FastifyRequest, allowDuplicate: boolean): string | undefined {
  const values = dpopHeaders(req);
  if (values.length > 1 && !allowDuplicate) throw new ProofInvalid('PROOF_DUPLICATE_HEADER', `${values.length} DPoP header fields`);
  const proof = values[0];
  if (proof !== undefined && proof.length > MAX_PROOF_LENGTH) throw new ProofInvalid('PROOF_MALFORMED', `DPoP header of ${proof.length} characters`);
  return proof;
}
