import { expect } from 'chai';
import fc from 'fast-check';
import Fastify, { type FastifyRequest } from 'fastify';
import { dpopHeaders, singleProof } from '../mocks/http/dpop-header.js';
import { SERVER_OPTIONS } from '../mocks/http/server-options.js';
import { ProofInvalid } from '../protocol/errors.js';

/** A request as dpopHeaders reads it: only its raw header list (name, value, name, value, …). */
function withRawHeaders(raw: string[]): FastifyRequest {
  return { raw: { rawHeaders: raw } } as unknown as FastifyRequest;
}

describe('the mocks’ HTTP helpers (mocks/http)', () => {
  describe('dpopHeaders: every DPoP field value, repeated fields and comma-joined values alike (RFC 9110 §5.3)', () => {
    it('reads one field, two fields, and a comma-joined value as the same list', () => {
      expect(dpopHeaders(withRawHeaders(['Host', 'x', 'DPoP', 'a.b.c']))).to.deep.equal(['a.b.c']);
      expect(dpopHeaders(withRawHeaders(['DPoP', 'a.b.c', 'Accept', '*/*', 'dpop', 'd.e.f']))).to.deep.equal([
        'a.b.c',
        'd.e.f',
      ]);
      expect(dpopHeaders(withRawHeaders(['DPOP', ' a.b.c , d.e.f ']))).to.deep.equal(['a.b.c', 'd.e.f']);
      expect(dpopHeaders(withRawHeaders(['DPoP', '', 'DPoP', ' , ']))).to.deep.equal([]);
      expect(dpopHeaders(withRawHeaders(['DPoP-Nonce', 'n', 'X-DPoP', 'x']))).to.deep.equal([]);
    });

    it('under a *-dpop-field-name-case-sensitive fault, takes only the names DPoP and dpop', () => {
      const req = withRawHeaders(['DPOP', 'a.b.c', 'dpop', 'd.e.f', 'DPoP', 'g.h.i']);
      expect(dpopHeaders(req, true)).to.deep.equal(['d.e.f', 'g.h.i']);
    });

    it('for any header list: the values of the fields named dpop in any case, split at commas, trimmed, empty ones dropped', () => {
      const name = fc.oneof(
        fc.constantFrom('DPoP', 'dpop', 'DPOP', 'dPoP', 'Host', 'DPoP-Nonce', 'dpo', 'dpopx'),
        fc.string(),
      );
      const value = fc
        .array(fc.oneof(fc.string(), fc.constantFrom(',', ' ', 'a.b.c')), { maxLength: 4 })
        .map((xs) => xs.join(''));
      fc.assert(
        fc.property(fc.array(fc.tuple(name, value), { maxLength: 8 }), (fields) => {
          const expected = fields
            .filter(([n]) => n.toLowerCase() === 'dpop')
            .flatMap(([, v]) => v.split(','))
            .map((v) => v.trim())
            .filter((v) => v !== '');
          expect(dpopHeaders(withRawHeaders(fields.flat()))).to.deep.equal(expected);
        }),
        { numRuns: 500 },
      );
    });

    it('singleProof refuses two values (RFC 9449 §4.3 check 1) and one over the length bound', () => {
      expect(() => singleProof(withRawHeaders(['DPoP', 'a.b.c, d.e.f']), false)).to.throw(
        ProofInvalid,
        /2 DPoP header fields/,
      );
      expect(singleProof(withRawHeaders(['DPoP', 'a.b.c, d.e.f']), true)).to.equal('a.b.c');
      expect(() => singleProof(withRawHeaders(['DPoP', 'x'.repeat(11)]), false, false, 10)).to.throw(ProofInvalid);
      expect(singleProof(withRawHeaders([]), false)).to.equal(undefined);
    });
  });

  describe('SERVER_OPTIONS: the mock servers’ fastify options', () => {
    it('serves routes without schemas, and refuses a route that declares one, naming why', async () => {
      const app = Fastify(SERVER_OPTIONS);
      app.get('/plain', async () => ({ ok: true }));
      app.post('/with-schema', { schema: { body: { type: 'object' } } }, async () => ({ ok: true }));
      try {
        await app.ready();
        expect.fail('a route schema was compiled');
      } catch (e) {
        expect((e as Error).message).to.match(/the mock servers define no route schemas/);
      } finally {
        await app.close();
      }
      const plain = Fastify(SERVER_OPTIONS);
      plain.get('/plain', async () => ({ ok: true }));
      const res = await plain.inject({ method: 'GET', url: '/plain' });
      expect(res.json()).to.deep.equal({ ok: true });
      await plain.close();
    });
  });
});
