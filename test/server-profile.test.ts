import { expect } from 'chai';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../base/package-root.js';
import { startMocks } from '../mocks/start.js';
import type { JsonReport } from '../reports/json-report.js';
import { DEFAULT_SEND } from '../runner/http/send.js';
import { profileBundledMocks } from '../runner/profile/run-profile.js';
import {
  isMeasured,
  type AlgorithmProfile,
  type Bound,
  type NonceProfile,
  type NotMeasured,
  type ReplayProfile,
  type ServerProfile,
  type SideProfile,
  type SkProfile,
} from '../runner/profile/types.js';
import { cli } from './helpers/run-cli.js';
import { fixtureServer, json } from './helpers/hostile-server.js';
import { IAT_PROBE_MAX } from '../runner/profile/measure-iat.js';
import { MAX_SIDE_REQUESTS, profileSide } from '../runner/profile/profile-side.js';
import { WallTime } from '../runner/profile/profile-time.js';
import type { RunEnv } from '../runner/target/env.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schema = JSON.parse(readFileSync(fromRoot('reports', 'schema', 'report.schema.json'), 'utf8')) as { $id: string };
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
ajv.addSchema(schema);
const validProfile = (p: unknown) => {
  const validate = ajv.getSchema(`${schema.$id}#/definitions/profile`)!;
  expect(validate(p), JSON.stringify(validate.errors?.slice(0, 3))).to.equal(true);
};

const tmp = () => mkdtempSync(join(tmpdir(), 'server-profile-'));

function measured<T extends object>(v: T | NotMeasured | undefined): T {
  expect(v, 'measured').to.not.equal(undefined);
  expect(isMeasured(v), JSON.stringify(v)).to.equal(true);
  return v as T;
}

/**
 * The bound brackets the setting: accepted at min, refused at max, max - min at most the
 * probe's resolution; `slack` is one second of the mocks' whole-second clock either side.
 */
function recovers(b: Bound | NotMeasured | undefined, truth: number, resolution: number, slack = 1): void {
  const bound = measured(b);
  expect(bound.max, JSON.stringify(bound)).to.be.a('number');
  expect(bound.max! - bound.min, JSON.stringify(bound)).to.be.at.most(resolution);
  expect(bound.min, JSON.stringify(bound)).to.be.at.most(truth + slack);
  expect(bound.max!, JSON.stringify(bound)).to.be.at.least(truth - slack);
}

const side = (p: ServerProfile, s: 'as' | 'rs'): SideProfile => p.sides.find((x) => x.side === s)!;

describe('server profile (runner/profile): recovers the settings of the bundled mocks', function () {
  this.timeout(300_000);

  describe('mocks with non-default settings', () => {
    const settings = {
      iatWindow: 20,
      jtiTtl: 50,
      nonceRotate: 15,
      replayScope: 'uri' as const,
      maxProofLength: 4000,
      algs: ['ES256', 'EdDSA'],
      tokenTtl: 300,
      skTtl: 120,
    };
    let profile: ServerProfile;
    before(async () => {
      profile = await profileBundledMocks(DEFAULT_SEND, settings);
    });

    it('validates against the report schema, one side each, every request counted', () => {
      validProfile(profile);
      expect(profile.time).to.equal('mock-clock');
      expect(profile.sides.map((s) => s.side)).to.deep.equal(['as', 'rs']);
      for (const s of profile.sides) {
        expect(s.notMeasured).to.equal(undefined);
        expect(s.requests).to.be.within(20, 400);
      }
    });

    for (const s of ['as', 'rs'] as const) {
      it(`${s}: the iat window either side (--iat-window 20), to ±2 s`, () => {
        const w = measured(side(profile, s).iatWindow);
        recovers(w.past, 20, 4);
        recovers(w.future, 20, 4);
      });

      it(`${s}: how long a jti is remembered (--jti-ttl 50), to 2 s, without waiting`, () => {
        const r = measured<ReplayProfile>(side(profile, s).replay);
        expect(r.exact).to.equal('refused');
        recovers(r.memory, 50, 2);
      });

      it(`${s}: nonces: per period, each accepted two periods (--nonce-rotate 15), the previous still accepted, no repeats`, () => {
        const n = measured<NonceProfile>(side(profile, s).nonce);
        expect(n.issued).to.equal(true);
        expect(n.newPerAnswer).to.equal(false);
        recovers(n.lifetime, 30, 2);
        expect(n.previousAccepted).to.equal(true);
        expect(n.repeated).to.equal(false);
      });

      it(`${s}: algorithms accepted and advertised (--algs ES256,EdDSA)`, () => {
        const a = measured<AlgorithmProfile>(side(profile, s).algorithms);
        expect(a.accepted).to.deep.equal(['ES256', 'EdDSA']);
        expect(a.advertised).to.deep.equal(['ES256', 'EdDSA']);
        expect(a.refused).to.include.members(['ES384', 'PS256', 'RS256']);
      });

      it(`${s}: the largest proof (--max-proof-length 4000), to 64 characters`, () => {
        recovers(side(profile, s).proofSize, 4000, 64, 0);
      });

      it(`${s}: the clock skew from the Date header (in-process: 0, to the second)`, () => {
        expect(side(profile, s).clockSkew).to.be.within(-1, 1);
      });
    }

    it('rs: the replay scope (--replay-scope uri): refused on another method and query, accepted on another path', () => {
      const r = measured<ReplayProfile>(side(profile, 'rs').replay);
      expect([r.otherQuery, r.otherMethod, r.otherPath]).to.deep.equal(['refused', 'refused', 'accepted']);
      expect(r.scope).to.equal('uri');
    });

    it('as: DPoP-SK key and token lifetimes (--token-ttl 300, --sk-ttl 120): the key ends 180 s before its token', () => {
      const sk = measured<SkProfile>(side(profile, 'as').dpopSk);
      expect(sk).to.include({ tokenLifetime: 300, keyLifetime: 120, keyOutlivesToken: -180 });
    });

    it('rs: DPoP-SK: a token naming the retired secret version is refused', () => {
      expect(measured<SkProfile>(side(profile, 'rs').dpopSk).retiredAccepted).to.equal(false);
    });
  });

  for (const [scope, parts] of [
    ['server', ['refused', 'refused', 'refused']],
    ['uri-method', ['refused', 'accepted', 'accepted']],
    ['request', ['accepted', 'accepted', 'accepted']],
  ] as const) {
    it(`rs: --replay-scope ${scope} is recovered (query, method, path: ${parts.join(', ')}); no nonces without nonce mode`, async () => {
      const p = await profileBundledMocks(DEFAULT_SEND, { replayScope: scope, nonce: false });
      const r = measured<ReplayProfile>(side(p, 'rs').replay);
      expect([r.otherQuery, r.otherMethod, r.otherPath]).to.deep.equal(parts);
      expect(r.scope).to.equal(scope);
      expect(measured<NonceProfile>(side(p, 'rs').nonce)).to.deep.equal({ issued: false });
    });
  }

  it('an exact replay accepted (fault rs-skip-replay) is recorded as scope none, memory not measured', async () => {
    const p = await profileBundledMocks(DEFAULT_SEND, { faults: ['rs-skip-replay'] });
    const r = measured<ReplayProfile>(side(p, 'rs').replay);
    expect(r.exact).to.equal('accepted');
    expect(r.scope).to.equal('none');
    expect(isMeasured(r.memory)).to.equal(false);
  });
});

describe('server profile: the profile command and the run', function () {
  this.timeout(300_000);

  it('profile --as URL: the AS side, waits bounded by --profile-wait (a lower bound), profile.json valid, exit 0', async () => {
    const m = await startMocks({ rs: false, jtiTtl: 600 });
    try {
      const out = tmp();
      const r = await cli(['profile', '--as', m.asUrl!, '--profile-wait', '1', '--out', out]);
      expect(r.code, r.errors).to.equal(0);
      expect(r.output).to.contain('server profile (measured, not graded; time probes waited at most 1 s)');
      const p = JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')) as ServerProfile;
      validProfile(p);
      expect(p.sides.map((s) => s.side)).to.deep.equal(['as']);
      const memory = measured<Bound>(measured<ReplayProfile>(p.sides[0].replay).memory);
      expect(memory.max).to.equal(undefined);
      expect(memory.stoppedBy).to.contain('--profile-wait');
      recovers(measured(p.sides[0].iatWindow).past, 60, 4);
    } finally {
      await m.close();
    }
  });

  it('profile --rs URL --profile-wait 0: no time probe, said as such; the side named once', async () => {
    const m = await startMocks({ as: false });
    try {
      const r = await cli(['profile', '--rs', m.resourceUrl!, '--profile-wait', '0', '--out', tmp()]);
      expect(r.code, r.errors).to.equal(0);
      expect(r.output).to.contain(`\n  RS ${m.resourceUrl!} — `);
      expect(r.output).to.contain('jti memory not measured: --profile-wait 0 allows no time probe');
    } finally {
      await m.close();
    }
  });

  for (const [args, says] of [
    [['profile', '--as', 'not a url'], '--as must be an http(s) URL'],
    [['profile', '--profile-wait', '-1'], 'profile-wait'],
    [['profile', '--ca', 'x.pem'], 'apply to a vendor target only'],
    [['profile', 'extra'], 'no positional argument'],
    [['run', '--profile-wait', 'soon'], 'profile-wait'],
    [['run', '--profile', '--no-profile'], 'contradict'],
  ] as const) {
    it(`${args.join(' ')}: one line, exit 2`, async () => {
      const r = await cli([...args]);
      expect(r.code).to.equal(2);
      expect(r.errors).to.contain(says);
      expect(r.errors).to.not.contain('    at ');
    });
  }

  it('a run against the bundled mocks records the profile in report.json (valid) and report.html, and prints it', async () => {
    const out = tmp();
    const r = await cli(['run', '--id', 'AS-SK-A-001', '--out', out]);
    expect(r.code, r.output).to.equal(0);
    expect(r.output).to.contain('server profile (measured, not graded');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
    validProfile(report.profile);
    expect(report.profile!.sides.map((s) => s.side)).to.deep.equal(['as', 'rs']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).to.contain('<h2 id="server-profile">Server profile');
  });

  it("a vendor run measures it with --profile only, after the cases; the exit code is the cases' alone", async () => {
    const m = await startMocks({ rs: false });
    try {
      const plain = tmp();
      const r1 = await cli(['run', '--as', m.asUrl!, '--id', 'AS-SK-A-001', '--features', 'dpop-sk', '--out', plain]);
      expect(r1.code, r1.output).to.equal(0);
      expect(r1.output).to.not.contain('server profile');
      const withProfile = tmp();
      const r2 = await cli([
        'run',
        '--as',
        m.asUrl!,
        '--id',
        'AS-SK-A-001',
        '--features',
        'dpop-sk',
        '--profile',
        '--profile-wait',
        '0',
        '--out',
        withProfile,
      ]);
      expect(r2.code, r2.output).to.equal(0);
      expect(r2.output).to.contain('time probes waited at most 0 s');
      const report = JSON.parse(readFileSync(join(withProfile, 'report.json'), 'utf8')) as JsonReport;
      validProfile(report.profile);
      expect(report.profile!.sides.map((s) => s.side)).to.deep.equal(['as']);
      const sk = measured<SkProfile>(report.profile!.sides[0].dpopSk);
      expect(sk.keyOutlivesToken).to.equal(-300);
    } finally {
      await m.close();
    }
  });

  it('run --no-profile measures none', async () => {
    const out = tmp();
    const r = await cli(['run', '--id', 'AS-SK-A-001', '--no-profile', '--out', out]);
    expect(r.code, r.output).to.equal(0);
    expect(r.output).to.not.contain('server profile');
    expect((JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport).profile).to.equal(undefined);
  });
});

describe('server profile: runConformance', function () {
  this.timeout(300_000);

  it('profile: true adds report.profile (valid), measured on mocks of its own; off by default', async () => {
    const { runConformance } = await import('../runner/api/index.js');
    const withProfile = await runConformance({ id: 'AS-SK-A-001', profile: true });
    validProfile(withProfile.profile);
    expect(withProfile.profile!.sides.map((s) => s.side)).to.deep.equal(['as', 'rs']);
    expect((await runConformance({ id: 'AS-SK-A-001' })).profile).to.equal(undefined);
  });
});

describe('server profile: a hostile or broken server gets a bounded, partial profile', function () {
  this.timeout(120_000);

  /** An RS environment pointing at a fixture server. */
  const rsEnv = (url: string): RunEnv => ({
    label: 'rs fixture',
    features: new Set(),
    send: { ...DEFAULT_SEND, timeoutMs: 2_000 },
    mintIssuer: 'http://127.0.0.1:9',
    audience: 'urn:dpop-conformance:rs',
    as: {
      issuer: url,
      tokenEndpoint: `${url}/token`,
      redirectUri: 'http://127.0.0.1/callback',
      clients: { confidential: { client_id: 'c', client_secret: 's', auth: 'basic' }, public: { client_id: 'p' } },
    },
    rs: { resource: `${url}/resource` },
  });

  it("a server that accepts everything: bounds at the probes' limits, an accepted replay, within the request budget", async () => {
    const server = await fixtureServer({ '/resource': json({ ok: true }) });
    try {
      const env = rsEnv(server.url);
      const s = await profileSide('rs', env, new WallTime(0), env.send);
      const w = measured(s.iatWindow);
      expect(measured<Bound>(w.past)).to.deep.include({ min: IAT_PROBE_MAX });
      expect(measured<Bound>(w.past).stoppedBy).to.contain('limit');
      expect(measured<ReplayProfile>(s.replay).scope).to.equal('none');
      // Node's HTTP server refuses more than 16 KiB of header fields: the fixture's only limit.
      expect(measured<Bound>(s.proofSize).max).to.be.within(8 * 1024, 16 * 1024);
      expect(s.requests).to.be.at.most(MAX_SIDE_REQUESTS);
    } finally {
      await server.close();
    }
  });

  it('a server that stops answering: the side stops after three failures in a row, saying so', async () => {
    let answered = 0;
    const server = await fixtureServer({
      '/resource': (req, res) => {
        if (answered++ < 3) json({ ok: true })(req, res, '');
        else req.socket.destroy();
      },
    });
    try {
      const env = rsEnv(server.url);
      const s = await profileSide('rs', env, new WallTime(0), env.send);
      expect(JSON.stringify(s)).to.contain('did not answer 3 requests in a row');
      expect(server.hits.length).to.be.below(40);
    } finally {
      await server.close();
    }
  });
});
