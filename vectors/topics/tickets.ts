import { createHash } from 'node:crypto';
import { base64url, CompactEncrypt } from 'jose';
import { flipMiddle } from '../../protocol/flip-middle.js';
import { deriveSkB64 } from '../../protocol/derive-sk.js';
import { ProofInvalid, ValueMismatch } from '../../protocol/errors.js';
import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { createTicket, openTicket } from '../../protocol/ticket.js';
import { FileBuilder, verdictFields } from '../lib/builder.js';
import type { Topic } from '../lib/types.js';
import { verdictOf } from '../lib/verdict.js';
import { VECTOR_NOW } from './vector-clock.js';

/**
 * A fixed test RS ticket key (Model B tickets are sealed with a key only the RS knows;
 * this one is public, for vectors only).
 */
const RS_KEY = base64url.encode(createHash('sha256').update('dpop-conformance Model B test ticket key').digest());
const OTHER_KEY = base64url.encode(createHash('sha256').update('dpop-conformance another RS').digest());

const seal = (key: string, body: object, alg = 'dir') =>
  new CompactEncrypt(new TextEncoder().encode(JSON.stringify(body)))
    .setProtectedHeader({ alg, enc: 'A256GCM' })
    .encrypt(base64url.decode(key));

export const tickets: Topic = {
  name: 'tickets',
  async generate(keep) {
    const inputs = loadInputs();
    const sk = deriveSkB64(inputs.shared_secrets[1].secret, inputs.sample_r[0]);
    const jkt = await jwkThumbprint(publicJwk(inputs.client_keys['client-p256']));
    const otherJkt = await jwkThumbprint(publicJwk(inputs.client_keys['client-p256-other']));
    const good = { k: sk, jkt, exp: VECTOR_NOW + 600 };
    const f = new FileBuilder();
    const g = f.group('ModelBTicket', {
      rsKey: RS_KEY,
      note: 'rsKey is a test value; a real RS keeps its ticket key secret',
    });
    const add = async (
      comment: string,
      make: () => Promise<string>,
      o: { reason?: string; flag?: string; tokenJkt?: string; expect?: object } = {},
    ) => {
      const ticket = await keep.test(g.nextId(), 'ticket', make);
      g.add({
        ...verdictFields({ comment, flags: o.flag ? [o.flag] : [], reason: o.reason }),
        ticket,
        now: VECTOR_NOW,
        tokenJkt: o.tokenJkt ?? jkt,
        ...(o.reason ? {} : { expected: o.expect ?? good }),
      });
    };
    await add('ticket for client-p256, used with a token bound to client-p256', () =>
      createTicket(base64url.decode(RS_KEY), { sk: base64url.decode(sk), jkt, exp: good.exp }),
    );
    await add(
      'ticket that expires one second after now',
      () => createTicket(base64url.decode(RS_KEY), { sk: base64url.decode(sk), jkt, exp: VECTOR_NOW + 1 }),
      { expect: { ...good, exp: VECTOR_NOW + 1 } },
    );
    await add(
      'ciphertext altered',
      async () => {
        const p = (await seal(RS_KEY, good)).split('.');
        p[3] = flipMiddle(p[3]);
        return p.join('.');
      },
      { reason: 'PROOF_TICKET_INVALID', flag: 'Tampered' },
    );
    await add(
      'authentication tag altered',
      async () => {
        const p = (await seal(RS_KEY, good)).split('.');
        p[4] = flipMiddle(p[4]);
        return p.join('.');
      },
      { reason: 'PROOF_TICKET_INVALID', flag: 'Tampered' },
    );
    await add('sealed by another RS', () => seal(OTHER_KEY, good), {
      reason: 'PROOF_TICKET_INVALID',
      flag: 'WrongKey',
    });
    await add('alg A256KW instead of dir', () => seal(RS_KEY, good, 'A256KW'), {
      reason: 'PROOF_TICKET_INVALID',
      flag: 'WrongAlg',
    });
    await add('plaintext without jkt', () => seal(RS_KEY, { k: sk, exp: good.exp }), {
      reason: 'PROOF_TICKET_INVALID',
      flag: 'Malformed',
    });
    await add(
      'k of 16 bytes',
      () => seal(RS_KEY, { ...good, k: base64url.encode(base64url.decode(sk).subarray(0, 16)) }),
      { reason: 'PROOF_TICKET_INVALID', flag: 'Malformed' },
    );
    await add('exp is now', () => seal(RS_KEY, { ...good, exp: VECTOR_NOW }), {
      reason: 'PROOF_TICKET_EXPIRED',
      flag: 'Expired',
    });
    await add('exp an hour ago', () => seal(RS_KEY, { ...good, exp: VECTOR_NOW - 3600 }), {
      reason: 'PROOF_TICKET_EXPIRED',
      flag: 'Expired',
    });
    await add('ticket for client-p256 used with a token bound to client-p256-other', () => seal(RS_KEY, good), {
      reason: 'PROOF_TICKET_JKT_MISMATCH',
      flag: 'OtherKey',
      tokenJkt: otherJkt,
    });
    await add('not a JWE at all', async () => 'not-a-ticket', { reason: 'PROOF_TICKET_INVALID', flag: 'Malformed' });
    return {
      description:
        'DPoP-SK Model B tickets (§6 steps 2 and 4): a compact JWE, alg dir, enc A256GCM, under the RS ticket key, holding {k, jkt, exp}; judged at now against the cnf.jkt of the presented token.',
      specs: ['DPoP-SK §6', 'RFC 7516 §3', 'RFC 7518 §4.5'],
      notes: {
        Tampered: 'Ciphertext or tag changed: decryption must fail.',
        WrongKey: 'Sealed with another key.',
        WrongAlg: 'Key management other than dir.',
        Malformed: 'Not a {k (32 bytes), jkt, exp} ticket.',
        Expired: 'exp is not after now.',
        OtherKey: 'The ticket is bound to another key than the token.',
      },
      testGroups: f.groups,
    };
  },
  async evaluate(group, t) {
    return verdictOf(async () => {
      const ticket = await openTicket(t.ticket, base64url.decode(group.rsKey as string), t.now as number);
      if (ticket.jkt !== t.tokenJkt) throw new ProofInvalid('PROOF_TICKET_JKT_MISMATCH');
      const want = t.expected as { k: string; jkt: string; exp: number };
      if (base64url.encode(ticket.sk) !== want.k || ticket.jkt !== want.jkt || ticket.exp !== want.exp)
        throw new ValueMismatch('SK_MISMATCH', 'ticket contents differ from the expected ones');
    });
  },
};
