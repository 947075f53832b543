import { expect } from 'chai';
import { isLoopback } from '../mocks/admin-endpoint.js';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { runConformance } from '../runner/api/run-conformance.js';
import type { Feature } from '../runner/suite/types.js';
import { Probe } from './helpers/probe.js';
import { buildProof } from '../runner/proof/build.js';
import { unwrapSk } from '../protocol/sk-unwrap.js';
import { loadInputs } from '../base/fixed-inputs.js';

const FEATURES: Feature[] = ['dpop-sk', 'key-rotation'];

const rotate = (m: RunningMocks, body: unknown, base = m.rsUrl) =>
  fetch(`${base}/admin/rotate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('key rotation at the mocks (docs/mocks.md, Key rotation)', () => {
  it('has no admin endpoint unless asked for', async () => {
    const m = await startMocks();
    try {
      expect((await rotate(m, { what: 'shared-secret' })).status).to.equal(404);
      expect((await rotate(m, { what: 'shared-secret' }, m.asUrl)).status).to.equal(404);
    } finally {
      await m.close();
    }
  });

  it('the admin endpoint answers loopback peers only', () => {
    for (const a of ['127.0.0.1', '127.9.8.7', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).to.equal(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', '::2', 'fe80::1', undefined])
      expect(isLoopback(a), String(a)).to.equal(false);
  });

  it('rotates the shared secret: the AS issues the new version, the RS still accepts the old one in its grace period', async () => {
    const m = await startMocks({ admin: true, rotationGrace: 600 });
    try {
      const p = new Probe(m);
      const old = await p.mint({ sk: {} });
      expect((await p.resource(old.token, { sk: old.sk })).status).to.equal(200);
      const res = await rotate(m, { what: 'shared-secret' });
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({
        what: 'shared-secret',
        generation: 1,
        active: 'rotated-1',
        retiring: '2026-11',
        grace_ms: 600_000,
      });
      const issued = await p.token({ form: { dpop_sk: 'true' } });
      expect(Probe.claims(issued).cnf.sk.v).to.equal('rotated-1');
      expect((await p.resource(old.token, { sk: old.sk })).status, 'in its grace period').to.equal(200);
    } finally {
      await m.close();
    }
  });

  it('endGrace() ends the grace period at once: the old secret version is refused, the old ticket key retired, the AS issues the new version', async () => {
    const m = await startMocks({ admin: true, rotationGrace: 600 });
    try {
      const p = new Probe(m);
      const old = await p.mint({ sk: {} });
      const ticketKey = m.config.rotation.ticketKey;
      m.config.rotation.rotate('shared-secret');
      m.config.rotation.rotate('ticket-key');
      expect((await p.resource(old.token, { sk: old.sk })).status, 'in its grace period').to.equal(200);
      expect(m.config.rotation.retiringTicketKeys).to.deep.equal([ticketKey]);
      m.config.rotation.endGrace();
      const refused = await p.resource(old.token, { sk: old.sk });
      expect([refused.status, refused.error]).to.deep.equal([401, 'invalid_token']);
      expect(m.config.rotation.retiringTicketKeys).to.deep.equal([]);
      expect(m.config.rotation.retiredTicketKeys).to.deep.equal([ticketKey]);
      expect(Probe.claims(await p.token({ form: { dpop_sk: 'true' } })).cnf.sk.v).to.equal('rotated-1');
      m.config.rotation.endGrace();
      expect(m.config.rotation.retiredTicketKeys, 'nothing left to retire').to.have.length(1);
    } finally {
      await m.close();
    }
  });

  it('after the grace period the old version is refused with a DPoP challenge, the new one works', async () => {
    const m = await startMocks({ admin: true });
    try {
      const p = new Probe(m);
      const old = await p.mint({ sk: {} });
      expect((await rotate(m, { what: 'shared-secret' })).status).to.equal(200);
      const refused = await p.resource(old.token, { sk: old.sk });
      expect([refused.status, refused.error]).to.deep.equal([401, 'invalid_token']);
      expect(refused.headers.get('www-authenticate')).to.match(/^DPoP .*error="invalid_token"/);
      const fresh = await p.token({ form: { dpop_sk: 'true' } });
      expect(Probe.claims(fresh).cnf.sk.v).to.equal('rotated-1');
    } finally {
      await m.close();
    }
  });

  it('rotates the ticket key: an old ticket is refused with invalid_dpop_proof, a new negotiation works', async () => {
    const m = await startMocks({ admin: true });
    try {
      const p = new Probe(m);
      const token = (await p.mint()).token;
      const negotiate = async () => {
        const proof = await buildProof({ htm: 'GET', htu: m.resourceUrl!, accessToken: token });
        const res = await fetch(m.resourceUrl!, {
          headers: { authorization: `DPoP ${token}`, dpop: proof, 'dpop-sk-request': 'HS256' },
        });
        const { sk, jwk } = await unwrapSk(String(res.headers.get('dpop-sk')), loadInputs().client_keys['client-p256']);
        return { sk, kid: jwk.kid as string };
      };
      const use = async (symmetric: { sk: Uint8Array; kid: string }) =>
        p.resource(token, {
          proof: await buildProof({ htm: 'GET', htu: m.resourceUrl!, accessToken: token, symmetric }),
        });
      const first = await negotiate();
      expect((await use(first)).status).to.equal(200);
      const res = await fetch(`${m.rsUrl}/admin/rotate?what=ticket-key`, { method: 'POST' });
      expect(((await res.json()) as { what: string }).what).to.equal('ticket-key');
      const refused = await use(first);
      expect([refused.status, refused.error]).to.deep.equal([401, 'invalid_dpop_proof']);
      expect((await use(await negotiate())).status).to.equal(200);
    } finally {
      await m.close();
    }
  });

  it('refuses an unknown rotation target with 400', async () => {
    const m = await startMocks({ admin: true });
    try {
      const res = await rotate(m, { what: 'everything' });
      expect(res.status).to.equal(400);
      expect(((await res.json()) as { error: string }).error).to.equal('invalid_request');
    } finally {
      await m.close();
    }
  });

  it('refuses a body that is neither a JSON object nor a form with 400, and rotates nothing', async () => {
    const m = await startMocks({ admin: true });
    const active = () => m.config.rotation.secrets.find((x) => x.status === 'active')?.version;
    const ticketKey = m.config.rotation.ticketKey;
    try {
      const post = (contentType: string, body: string) =>
        fetch(`${m.rsUrl}/admin/rotate`, { method: 'POST', headers: { 'content-type': contentType }, body });
      for (const [type, body] of [
        ['text/plain', 'what=ticket-key'],
        ['application/json', 'null'],
        ['application/json', '["ticket-key"]'],
        ['application/json', '"ticket-key"'],
      ] as const) {
        const res = await post(type, body);
        expect(res.status, `${type} ${body}`).to.equal(400);
        expect(((await res.json()) as { error: string }).error).to.equal('invalid_request');
      }
      expect(active(), 'the shared secret was not rotated').to.equal('2026-11');
      expect(m.config.rotation.ticketKey, 'the ticket key was not rotated').to.equal(ticketKey);
      // an empty JSON object and a form both still work (the default target, and the form's)
      expect((await rotate(m, {})).status).to.equal(200);
      const form = await post('application/x-www-form-urlencoded', 'what=ticket-key');
      expect(((await form.json()) as { what: string }).what).to.equal('ticket-key');
    } finally {
      await m.close();
    }
  });

  it('reset() goes back to the fixed secrets', async () => {
    const m = await startMocks({ admin: true });
    try {
      m.config.rotation.rotate('shared-secret');
      m.config.rotation.reset();
      const p = new Probe(m);
      const t = await p.mint({ sk: {} });
      expect((await p.resource(t.token, { sk: t.sk })).status).to.equal(200);
      expect(Probe.claims(await p.token({ form: { dpop_sk: 'true' } })).cnf.sk.v).to.equal('2026-11');
    } finally {
      await m.close();
    }
  });
});

describe('rotate steps against a vendor RS (rs.rotation in the target file)', () => {
  const select = { id: 'RS-SK-ROT-001', out: undefined };

  it('skips the rotation cases, with the reason, when the target declares no rotation.max_wait', async () => {
    const rs = await startMocks({ as: false });
    try {
      const target = { rs: { resource: rs.resourceUrl!, mock_as_port: 0, features: FEATURES } };
      const report = await runConformance({ ...select, target });
      const c = report.cases.find((x) => x.id === 'RS-SK-ROT-001')!;
      expect(c.status).to.equal('skipped');
      expect(c.reason).to.match(/rs\.rotation\.max_wait/);
    } finally {
      await rs.close();
    }
  });

  it('waits for an RS that rotates by itself, then judges its refusal', async () => {
    const rs = await startMocks({ as: false, rotateAfter: 6 });
    try {
      const target = {
        rs: {
          resource: rs.resourceUrl!,
          mock_as_port: 0,
          features: FEATURES,
          rotation: { max_wait: 30, poll_interval: 1 },
        },
      };
      const report = await runConformance({ ...select, target });
      const c = report.cases.find((x) => x.id === 'RS-SK-ROT-001')!;
      expect(c.status, c.reason).to.equal('pass');
    } finally {
      await rs.close();
    }
  });

  it('an RS that never rotates ends the case in error (no rotation seen), not fail', async () => {
    const rs = await startMocks({ as: false });
    try {
      const target = {
        rs: {
          resource: rs.resourceUrl!,
          mock_as_port: 0,
          features: FEATURES,
          rotation: { max_wait: 1, poll_interval: 1 },
        },
      };
      const report = await runConformance({ ...select, target });
      const c = report.cases.find((x) => x.id === 'RS-SK-ROT-001')!;
      expect(c.status).to.equal('error');
      expect(c.reason).to.match(/no rotation seen/);
    } finally {
      await rs.close();
    }
  });
});
