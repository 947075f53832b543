import { base64url, compactDecrypt, CompactEncrypt } from 'jose';
import { ProofInvalid } from './errors.js';

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

/** Opens a ticket (DPoP-SK §6 step 4): failure or tampering → PROOF_TICKET_INVALID; past exp → PROOF_TICKET_EXPIRED. */
export async function openTicket(ticket: unknown, rsKey: Uint8Array, now: number, ignoreExp = false): Promise<Ticket> {
  if (typeof ticket !== 'string') throw new ProofInvalid('PROOF_TICKET_INVALID', 'no kid');
  let body: { k?: unknown; jkt?: unknown; exp?: unknown };
  try {
    const { plaintext } = await compactDecrypt(ticket, rsKey, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    body = JSON.parse(new TextDecoder().decode(plaintext));
  } catch (e) {
    throw new ProofInvalid('PROOF_TICKET_INVALID', (e as Error).message);
  }
  const sk = typeof body.k === 'string' ? base64url.decode(body.k) : new Uint8Array();
  if (sk.length !== 32 || typeof body.jkt !== 'string' || typeof body.exp !== 'number') throw new ProofInvalid('PROOF_TICKET_INVALID', 'not a k/jkt/exp ticket');
  if (body.exp <= now && !ignoreExp) throw new ProofInvalid('PROOF_TICKET_EXPIRED', `exp ${body.exp}, now ${now}`);
  return { sk, jkt: body.jkt, exp: body.exp };
}
