import type { FastifyRequest } from 'fastify';
import { ProofInvalid } from '../../protocol/errors.js';

/** Longest DPoP header accepted; longer ones are refused as malformed, not with a 431. */
export const MAX_PROOF_LENGTH = 8192;

/**
 * The DPoP field values as sent. RFC 9449 §4.3 check 1 wants exactly one. Repeated
 * fields are read from the raw list (Node joins them), and a comma-joined value is
 * split too: HTTP treats the two as the same (RFC 9110 §5.3), and a compact JWS has
 * no comma.
 */
export function dpopHeaders(req: FastifyRequest, caseSensitiveName = false): string[] {
  const raw = req.raw.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    // caseSensitiveName: the *-dpop-field-name-case-sensitive faults (RFC 9110 §5.1 makes names case-insensitive).
    if (
      caseSensitiveName
        ? raw[i] !== 'DPoP' && raw[i] !== 'dpop'
        : raw[i].length !== 4 || raw[i].toLowerCase() !== 'dpop'
    )
      continue;
    for (const part of raw[i + 1].split(',')) {
      const value = part.trim();
      if (value) values.push(value);
    }
  }
  return values;
}

/** The single proof, or undefined when none was sent; throws for two or more, or one longer than maxLength. */
export function singleProof(
  req: FastifyRequest,
  allowDuplicate: boolean,
  caseSensitiveName = false,
  maxLength = MAX_PROOF_LENGTH,
): string | undefined {
  const values = dpopHeaders(req, caseSensitiveName);
  if (values.length > 1 && !allowDuplicate)
    throw new ProofInvalid('PROOF_DUPLICATE_HEADER', `${values.length} DPoP header fields`);
  const proof = values[0];
  if (proof !== undefined && proof.length > maxLength)
    throw new ProofInvalid('PROOF_MALFORMED', `DPoP header of ${proof.length} characters`);
  return proof;
}
