import { verifySkProof } from '../../protocol/sk-proof-verify.js';
import { checkTicket, decryptTicket } from '../../protocol/ticket.js';
import type { AccessTokenClaims } from '../../protocol/token-mint.js';
import { deepFreeze } from './caches.js';
import type { AcceptedProof, ProofRequest } from './proof-request.js';
import type { RsState } from './state.js';

/** Longest an opened ticket stays cached when its exp does not bound it. */
const TICKET_CACHE_MAX_TTL = 600;

/**
 * The ticket decrypted under the current ticket key or one still in its grace period (a key
 * retired by a rotation opens nothing, DPoP-SK §6 step 4; except under rs-b-accept-retired-ticket-key).
 */
async function decryptUnderTicketKeys(kid: unknown, s: RsState): Promise<Record<string, unknown>> {
  const r = s.config.rotation;
  const keys = [r.ticketKey, ...r.retiringTicketKeys];
  if (s.fault('rs-b-accept-retired-ticket-key')) keys.push(...r.retiredTicketKeys);
  let first: unknown;
  for (const key of keys) {
    try {
      return await decryptTicket(kid, key);
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

/** The ticket's plaintext: decrypted once per ticket and cached (bounded) until its exp. */
async function openedTicket(kid: unknown, s: RsState, now: number): Promise<Record<string, unknown>> {
  const cached = typeof kid === 'string' ? s.caches.tickets.get(kid, now) : undefined;
  if (cached) return cached;
  const body = deepFreeze(await decryptUnderTicketKeys(kid, s));
  const exp = typeof body.exp === 'number' && body.exp > now ? body.exp : now;
  s.caches.tickets.set(kid as string, body, Math.min(exp, now + TICKET_CACHE_MAX_TTL), 2 * (kid as string).length, now);
  return body;
}

/**
 * DPoP-SK Model B (§6 step 4): the ticket in kid (its checks — well-formed, not expired,
 * bound to the token's key — on every request), then the symmetric proof under its SK.
 */
export async function verifyModelBProof(
  proof: string,
  kid: unknown,
  token: AccessTokenClaims,
  request: ProofRequest,
  s: RsState,
): Promise<AcceptedProof> {
  const body = await openedTicket(kid, s, request.now);
  const ticket = await checkTicket(body, request.now, { token, checks: s.checks.ticket });
  const { claims } = await verifySkProof(proof, ticket.sk, { ...request, model: 'B' }, s.checks['symmetric-proof']);
  return { claims, kind: 'symmetric' };
}
