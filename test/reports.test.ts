import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { base64url } from 'jose';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { deriveSkB64 } from '../protocol/derive-sk.js';
import { PRIVATE_MEMBERS } from '../protocol/jwk.js';
import { loadInputs } from '../base/fixed-inputs.js';
import { fromRoot } from '../base/package-root.js';
import { loadTrips } from '../runner/selftest/expectations.js';
import { loadSuites } from '../runner/suite/load.js';
import { cli } from './helpers/run-cli.js';

const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

describe('reports', function () {
  this.timeout(60_000);
  let clean: string;
  let faulted: string;
  before(async () => {
    clean = tmp('rep-clean-');
    faulted = tmp('rep-fault-');
    expect((await cli(['run', '--out', clean])).code).to.equal(0);
    expect(
      (await cli(['run', '--out', faulted, '--mock-fault', 'rs-skip-htm', '--mock-fault', 'rs-htu-exact-string'])).code,
    ).to.equal(1);
  });

  it('npm start writes report.json, report.html and junit.xml', () => {
    for (const f of ['report.json', 'report.html', 'junit.xml']) expect(existsSync(join(clean, f)), f).to.equal(true);
  });

  it('report.json validates against reports/schema/report.schema.json, clean and failing', () => {
    const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(
      JSON.parse(readFileSync(fromRoot('reports', 'schema', 'report.schema.json'), 'utf8')),
    );
    for (const dir of [clean, faulted]) {
      const report = JSON.parse(read(dir, 'report.json'));
      expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).to.equal(true);
    }
    const report = JSON.parse(read(faulted, 'report.json'));
    const tripped = new Set([...loadTrips()['rs-skip-htm'], ...loadTrips()['rs-htu-exact-string']]);
    expect(
      report.cases
        .filter((c: { status: string }) => c.status === 'fail' || c.status === 'not-exhibited')
        .map((c: { id: string }) => c.id)
        .sort(),
    ).to.deep.equal([...tripped].sort());
    expect(report.gating).to.deep.equal({ failOn: 'must', passed: false });
    const failed = report.cases.find((c: { id: string }) => c.id === 'RS-9449-050');
    expect(failed).to.include({ status: 'fail', level: 'MUST', reason: 'status: expected one of 400, 401, got 200' });
    expect(failed.transcript[0].decoded['DPoP proof'].claims.htm).to.equal('POST');
  });

  it('junit.xml validates against the JUnit XSD, with a testsuite per suite file and failures carrying the reason', async () => {
    for (const dir of [clean, faulted]) {
      execFileSync(
        'xmllint',
        ['--noout', '--schema', fromRoot('test', 'fixtures', 'junit-10.xsd'), join(dir, 'junit.xml')],
        { stdio: 'pipe' },
      );
    }
    const xml = read(faulted, 'junit.xml');
    expect(xml.match(/<testsuite /g)).to.have.length(loadSuites().length);
    expect(xml.match(/<testcase /g)).to.have.length(JSON.parse(read(faulted, 'report.json')).cases.length);
    expect(xml).to.match(
      /<testcase name="RS-9449-050 [^"]*" classname="dpop-conformance.rfc9449-rs" time="[\d.]+"><failure message="status: expected one of 400, 401, got 200" type="MUST"><!\[CDATA\[RS-9449-050 .*\nRequirement: RFC 9449 §4.3/,
    );
    expect(xml).to.match(/<system-out><!\[CDATA\[--- step 2 \(resource\) ---\nGET http/);
    // a run where no case ran: still valid JUnit, with the one failing testcase that says so
    const none = tmp('none-');
    await cli(['run', '--id', 'RS-9449-001', '--tag', 'par', '--out', none]);
    execFileSync(
      'xmllint',
      ['--noout', '--schema', fromRoot('test', 'fixtures', 'junit-10.xsd'), join(none, 'junit.xml')],
      {
        stdio: 'pipe',
      },
    );
    expect(read(none, 'junit.xml')).to.include('<testcase name="no case ran"');
  });

  it('report re-renders the same HTML and JUnit from report.json', async () => {
    const out = tmp('rerender-');
    const r = await cli([
      'report',
      join(faulted, 'report.json'),
      '--html',
      join(out, 'r.html'),
      '--junit',
      join(out, 'j.xml'),
    ]);
    expect(r.code).to.equal(0);
    expect(read(out, 'r.html')).to.equal(read(faulted, 'report.html'));
    expect(read(out, 'j.xml')).to.equal(read(faulted, 'junit.xml'));
  });

  it('report.html is self-contained: no external scripts, styles, fonts or images', () => {
    const html = read(clean, 'report.html');
    expect(html).to.not.match(/<script[^>]+src=/i);
    expect(html).to.not.match(/<link[^>]+href=/i);
    expect(html).to.not.match(/<img[^>]+src="?https?:/i);
    expect(html).to.not.match(/url\(\s*['"]?https?:/i);
    expect(html).to.match(/<a href="https:\/\/www\.rfc-editor\.org\/rfc\/rfc9449#section-4\.3">RFC 9449 §4\.3<\/a>/);
  });

  describe('gating and baselines', () => {
    it('--fail-on decides which levels fail the run', async () => {
      const args = ['run', '--suite', 'rfc9449-rs', '--mock-fault', 'rs-htu-exact-string', '--out', tmp('gate-')];
      expect((await cli(args)).code, 'a SHOULD failure passes --fail-on must').to.equal(0);
      expect((await cli([...args, '--fail-on', 'should'])).code).to.equal(1);
      expect((await cli([...args, '--fail-on', 'any'])).code).to.equal(1);
      expect((await cli([...args, '--fail-on', 'sometimes'])).code).to.equal(2);
    });

    it('--write-baseline, then baselined failures are expected-fail; stale entries are reported, and fail under --strict-baseline', async () => {
      const dir = tmp('baseline-');
      const baseline = join(dir, 'baseline.yaml');
      const faultArgs = ['run', '--suite', 'rfc9449-rs', '--mock-fault', 'rs-skip-htm'];
      const first = await cli([...faultArgs, '--out', dir, '--write-baseline', baseline]);
      expect(first.code).to.equal(1);
      expect(readFileSync(baseline, 'utf8')).to.match(
        /- id: RS-9449-050\n {4}reason: "status: expected one of 400, 401, got 200"/,
      );

      const second = await cli([...faultArgs, '--out', dir, '--baseline', baseline]);
      expect(second.code).to.equal(0);
      const report = JSON.parse(read(dir, 'report.json'));
      // RS-9449-051 (MAY, lower-case htm) ends not-exhibited under this fault: never baselined
      expect(report.counts.byStatus['expected-fail']).to.equal(1);
      expect(report.cases.find((c: { id: string }) => c.id === 'RS-9449-050').reason).to.match(
        /^baselined \(status: expected one of 400, 401, got 200\): status: expected one of 400, 401, got 200$/,
      );

      const healed = await cli(['run', '--suite', 'rfc9449-rs', '--out', dir, '--baseline', baseline]);
      expect(healed.code).to.equal(0);
      expect(healed.output).to.match(/baselined cases that now pass \(trim them from .*\): RS-9449-050$/m);
      expect(JSON.parse(read(dir, 'report.json')).gating.staleBaseline).to.deep.equal(['RS-9449-050']);
      expect(
        (await cli(['run', '--suite', 'rfc9449-rs', '--out', dir, '--baseline', baseline, '--strict-baseline'])).code,
      ).to.equal(1);
    });
  });

  describe('redaction', () => {
    let mocks: RunningMocks;
    const secret = 'env-only-client-secret-7f3a91';
    before(async () => {
      // A vendor-style run: the AS is a mock AS whose confidential client secret comes from the environment.
      mocks = await startMocks({ rs: false, clientSecret: secret });
    });
    after(() => mocks.close());

    it('a client secret written literally in a target file is redacted too', async () => {
      const dir = tmp('redact-literal-');
      const target = join(dir, 'target.yaml');
      writeFileSync(
        target,
        `as:\n  issuer: ${mocks.asUrl}\n  clients:\n    confidential: { client_id: conformance-client, client_secret: "${secret}", auth: post }\n  features: [client-secret-post]\n`,
      );
      const r = await cli(['run', '--target', target, '--id', 'AS-9449-003', '--out', dir]);
      expect(r.output).to.match(/PASS +AS-9449-003/);
      for (const f of ['report.json', 'report.html', 'junit.xml'])
        expect(read(dir, f).includes(secret), f).to.equal(false);
      expect(read(dir, 'report.json')).to.include('client_secret=[REDACTED]');
    });

    it('no client secret, private key member, shared secret or SK appears in any report', async () => {
      const inputs = loadInputs();
      const dir = tmp('redact-');
      const target = join(dir, 'target.yaml');
      process.env.DPOP_TEST_SECRET = secret;
      writeFileSync(
        target,
        `as:\n  issuer: ${mocks.asUrl}\n  clients:\n    confidential: { client_id: conformance-client, client_secret: "\${env:DPOP_TEST_SECRET}", auth: post }\n  features: [dpop-sk, refresh]\n`,
      );
      const vendor = await cli([
        'run',
        '--target',
        target,
        '--suite',
        'rfc9449-as',
        '--suite',
        'dpop-sk-a-as',
        '--out',
        join(dir, 'vendor'),
      ]);
      delete process.env.DPOP_TEST_SECRET;
      expect(vendor.output).to.match(/AS-9449-052/); // the wrong-secret case ran
      expect((await cli(['run', '--out', join(dir, 'mocks')])).code).to.equal(0);

      const secrets = [
        secret,
        inputs.clients.confidential.client_secret,
        ...inputs.shared_secrets.map((s) => s.secret),
      ];
      for (const jwk of [inputs.as_signing_key, ...Object.values(inputs.client_keys)]) {
        for (const m of PRIVATE_MEMBERS)
          if (typeof (jwk as Record<string, unknown>)[m] === 'string') secrets.push((jwk as Record<string, string>)[m]);
      }
      for (const run of ['vendor', 'mocks']) {
        // every SK issued or minted in the run, re-derived from the cnf.sk of the tokens the report shows
        const report = JSON.parse(read(join(dir, run), 'report.json'));
        const sks = new Set<string>();
        for (const c of report.cases)
          for (const x of c.transcript)
            for (const d of Object.values<{ claims: { cnf?: { sk?: { v: string; r: string } } } }>(x.decoded)) {
              const sk = d.claims.cnf?.sk;
              const s = inputs.shared_secrets.find((v) => v.version === sk?.v);
              if (sk && s && base64url.decode(sk.r).length === 32) sks.add(deriveSkB64(s.secret, sk.r));
            }
        expect(sks.size, `${run}: SKs found to look for`).to.be.greaterThan(5);
        for (const f of ['report.json', 'report.html', 'junit.xml']) {
          const text = read(join(dir, run), f);
          const decodedSegments = (text.match(/[A-Za-z0-9_-]{16,}/g) ?? [])
            .map((seg) => Buffer.from(seg, 'base64url').toString('latin1'))
            .join('\n');
          for (const s of [...secrets, ...sks]) {
            expect(text.includes(s), `${run}/${f} contains a secret`).to.equal(false);
            expect(decodedSegments.includes(s), `${run}/${f} contains a base64url-encoded secret`).to.equal(false);
          }
          expect(
            text.includes(Buffer.from(`conformance-client:${secret}`).toString('base64')),
            `${run}/${f}: Basic credentials`,
          ).to.equal(false);
        }
      }
    });
  });
});
