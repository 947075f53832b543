import { verifySkProof } from '../../protocol/sk-proof-verify.js';
import { openTicket } from '../../protocol/ticket.js';
import type { AccessTokenClaims } from '../../protocol/token-mint.js';
import type { AcceptedProof, ProofRequest } from './proof-request.js';
import type { RsState } from './state.js';

/** DPoP-SK Model B (§6 step 4): the ticket in kid, bound to the token's key, then the symmetric proof under its SK. */
export async function verifyModelBProof(
  proof: string,
  kid: unknown,
  token: AccessTokenClaims,
  request: ProofRequest,
  s: RsState,
): Promise<AcceptedProof> {
  const ticket = await openTicket(kid, s.ticketKey, request.now, { token, checks: s.checks.ticket });
  const { claims } = await verifySkProof(proof, ticket.sk, { ...request, model: 'B' }, s.checks['symmetric-proof']);
  return { claims, kind: 'symmetric' };
}
