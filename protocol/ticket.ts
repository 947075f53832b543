import { base64url, compactDecrypt, CompactEncrypt } from 'jose';
import { runChecks, type Check } from './check.js';
import { ProofInvalid } from './errors.js';
import { TICKET_CHECKS, type TicketSubject } from './ticket-checks.js';
import type { AccessTokenClaims } from './token-mint.js';

/** What a Model B ticket holds (DPoP-SK §6 step 2). */
export interface Ticket {
  sk: Uint8Array;
  jkt: string;
  exp: number;
}

/** A ticket: compact JWE, alg dir, enc A256GCM, under a key only the RS knows (DPoP-SK §6 step 2). */
export function createTicket(rsKey: Uint8Array, t: Ticket): Promise<string> {
  const plaintext = new TextEncoder().encode(JSON.stringify({ k: base64url.encode(t.sk), jkt: t.jkt, exp: t.exp }));
  return new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(rsKey);
}

/** The ticket's plaintext: it must decrypt (dir, A256GCM) under the RS key to a JSON object (DPoP-SK §6 step 4). */
export async function decryptTicket(ticket: unknown, rsKey: Uint8Array): Promise<Record<string, unknown>> {
  if (typeof ticket !== 'string') throw new ProofInvalid('PROOF_TICKET_INVALID', 'no kid');
  let body: unknown;
  try {
    const options = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] };
    body = JSON.parse(new TextDecoder().decode((await compactDecrypt(ticket, rsKey, options)).plaintext));
  } catch (e) {
    throw new ProofInvalid('PROOF_TICKET_INVALID', (e as Error).message);
  }
  if (typeof body !== 'object' || body === null) throw new ProofInvalid('PROOF_TICKET_INVALID', 'not a JSON object');
  return body as Record<string, unknown>;
}

export interface OpenTicketOptions {
  /** The (validated) access token presented with the ticket: the ticket must be bound to its cnf.jkt. */
  token?: AccessTokenClaims;
  checks?: readonly Check<TicketSubject>[];
}

/**
 * Opens a ticket and runs `checks` on it (by default DPoP-SK §6 step 4): failure or tampering
 * → PROOF_TICKET_INVALID; past exp → PROOF_TICKET_EXPIRED; bound to another key → PROOF_TICKET_JKT_MISMATCH.
 */
export async function openTicket(
  ticket: unknown,
  rsKey: Uint8Array,
  now: number,
  o: OpenTicketOptions = {},
): Promise<Ticket> {
  return checkTicket(await decryptTicket(ticket, rsKey), now, o);
}

/** The checks of openTicket on a plaintext already decrypted (a server may keep plaintexts it opened). */
export async function checkTicket(
  body: Record<string, unknown>,
  now: number,
  o: OpenTicketOptions = {},
): Promise<Ticket> {
  await runChecks(o.checks ?? TICKET_CHECKS, { body, now, token: o.token });
  return { sk: base64url.decode(String(body.k)), jkt: body.jkt as string, exp: body.exp as number };
}
