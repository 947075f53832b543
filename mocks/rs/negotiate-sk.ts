import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JWK } from 'jose';
import { publicJwk } from '../../protocol/jwk.js';
import { wrapAlgFor, wrapSk } from '../../protocol/sk-wrap.js';
import { createTicket } from '../../protocol/ticket.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { wrapSkToOtherKey } from '../faults/wrong-sk-delivery.js';
import type { RsState } from './state.js';

/**
 * DPoP-SK Model B negotiation (§6 steps 1-3): after an asymmetric request with
 * `DPoP-SK-Request: HS256` passed every RFC 9449 check, draw SK, seal it with the key
 * binding in a ticket only this RS can open, and hand SK (with the ticket as kid) to the
 * proof key in a `DPoP-SK` header. Keys that cannot receive a wrapped SK get none.
 */
export async function negotiateSk(req: FastifyRequest, reply: FastifyReply, s: RsState, jwk: JWK): Promise<void> {
  if (req.headers['dpop-sk-request'] !== 'HS256' || !wrapAlgFor(jwk)) return;
  const now = s.config.clock.now();
  const sk = new Uint8Array(randomBytes(32));
  const exp = now + s.config.ticketTtl;
  const ticket = await createTicket(s.config.rotation.ticketKey, { sk, jkt: await jwkThumbprint(publicJwk(jwk)), exp });
  const extra = s.fault('rs-b-omit-ticket-kid') ? {} : { kid: ticket };
  const wrapped = await (s.fault('rs-b-wrap-other-key') ? wrapSkToOtherKey : wrapSk)(sk, jwk, extra);
  reply
    .header('dpop-sk', wrapped)
    .header('dpop-sk-expires-in', String(s.config.ticketTtl))
    .header('cache-control', 'no-store');
}
