import { base64url } from 'jose';
import { defineCheck } from './check.js';
import { ProofInvalid } from './errors.js';
import type { AccessTokenClaims } from './token-mint.js';
import { shownValue } from './shown-value.js';

/** What the ticket checks read: the opened ticket and what the RS knows. */
export interface TicketSubject {
  /** The decrypted plaintext of the ticket (DPoP-SK §6 step 2). */
  body: Record<string, unknown>;
  now: number;
  /** The claims of the access token presented with the ticket, when the ticket is to be bound to it. */
  token?: AccessTokenClaims;
}

/** The length of a base64url value in bytes, or -1 when it is not one. */
function byteLength(value: unknown): number {
  try {
    return typeof value === 'string' ? base64url.decode(value).length : -1;
  } catch {
    return -1;
  }
}

/** The plaintext is {k: 32 bytes base64url, jkt: string, exp: NumericDate}. */
export const ticketWellFormedCheck = defineCheck('well-formed', 'DPoP-SK §6 step 2', ({ body }: TicketSubject) => {
  if (byteLength(body.k) !== 32 || typeof body.jkt !== 'string' || typeof body.exp !== 'number') {
    throw new ProofInvalid('PROOF_TICKET_INVALID', 'not a k/jkt/exp ticket');
  }
});

export const ticketNotExpiredCheck = defineCheck('not-expired', 'DPoP-SK §6 step 4', ({ body, now }: TicketSubject) => {
  const exp = body.exp as number;
  if (exp <= now) throw new ProofInvalid('PROOF_TICKET_EXPIRED', `exp ${exp}, now ${now}`);
});

/** The ticket is bound to the key the presented token is bound to (ticket.jkt = cnf.jkt; no cnf.jkt, no match). */
export const ticketBoundCheck = defineCheck('bound-to-token-key', 'DPoP-SK §6 step 4', (s: TicketSubject) => {
  const { body, token } = s;
  const tokenJkt = token?.cnf?.jkt;
  if (token !== undefined && body.jkt !== tokenJkt) {
    throw new ProofInvalid(
      'PROOF_TICKET_JKT_MISMATCH',
      `ticket jkt ${shownValue(body.jkt)}, token cnf.jkt ${tokenJkt}`,
    );
  }
});

/** DPoP-SK §6 step 4, in order: what must hold of an opened Model B ticket before its SK is used. */
export const TICKET_CHECKS = [ticketWellFormedCheck, ticketNotExpiredCheck, ticketBoundCheck] as const;
