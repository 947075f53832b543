import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../base/fixed-inputs.js';
import { publicJwk } from '../protocol/jwk.js';
import { fixtureServer, json, metadata, type FixtureServer } from './helpers/hostile-server.js';
import { cli } from './helpers/run-cli.js';

/**
 * Issue 15, "TLS as vendors run it": a vendor AS over https under a private CA, generated
 * here with the openssl CLI (a CA, and a certificate for 127.0.0.1 it signs): refused
 * without the CA, trusted with --ca or NODE_EXTRA_CA_CERTS, unchecked with --insecure (and
 * a warning); each recorded in report.json and report.html. A plain-http target on another
 * machine gets a warning citing RFC 9449 §2.
 */

interface Pki {
  dir: string;
  caFile: string;
  key: string;
  cert: string;
}

/** A CA and a server certificate for IP 127.0.0.1 signed by it, valid two days. */
function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  const at = (f: string) => join(dir, f);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=dpop-conformance test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(at('ext.cnf'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
  );
  return {
    dir,
    caFile: at('ca.pem'),
    key: readFileSync(at('server.key'), 'utf8'),
    cert: readFileSync(at('server.pem'), 'utf8'),
  };
}

interface Report {
  target: { tls?: { caFiles: string[]; targetCaFiles?: string[]; extraCaCerts?: string; insecure: boolean } };
  cases: { status: string; reason?: string }[];
}

async function run(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'tls-out-'));
  const r = await cli([...args, '--out', out]);
  let report: Report | undefined;
  let html = '';
  try {
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    html = readFileSync(join(out, 'report.html'), 'utf8');
  } catch {
    report = undefined;
  }
  return { ...r, report, html };
}

describe('TLS: --ca, NODE_EXTRA_CA_CERTS, --insecure; plain http to another machine (issue 15)', function () {
  this.timeout(60_000);
  let pki: Pki;
  let as: FixtureServer;
  before(async function () {
    try {
      execFileSync('openssl', ['version'], { stdio: 'pipe' });
    } catch {
      this.skip(); // no openssl CLI to make the test CA with
    }
    pki = makePki();
    as = await fixtureServer(
      {
        '/.well-known/oauth-authorization-server': metadata(),
        '/jwks': json({ keys: [publicJwk(loadInputs().as_signing_key)] }),
        '/token': (_req, res) => {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end('{"error":"invalid_client"}');
        },
      },
      { key: pki.key, cert: pki.cert },
    );
  });
  // NODE_EXTRA_CA_CERTS may be set where the tests run (a system bundle): out of the way, then put back
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  beforeEach(() => {
    delete process.env.NODE_EXTRA_CA_CERTS;
  });
  after(async () => {
    if (extraCa === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = extraCa;
    await as?.close();
  });
  const CASE = ['--id', 'AS-9449-001'];

  it('an https AS under a private CA, without it: one line naming the TLS failure and --ca, exit 2', async () => {
    const r = await run(['run', '--as', as.url, ...CASE]);
    expect(r.code).to.equal(2);
    expect(r.errors).to.match(/TLS failed \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
    expect(r.errors).to.include('--ca FILE');
    expect(r.errors.trim().split('\n')).to.have.length.below(3);
    expect(as.hits.filter((h) => h.startsWith('POST'))).to.deep.equal([]);
  });

  it('with --ca: the run talks to it (the token endpoint answers), and the report records the CA file', async () => {
    const before = as.hits.length;
    const r = await run(['run', '--as', as.url, ...CASE, '--ca', pki.caFile]);
    expect(r.code, r.errors).to.equal(1); // the fixture refuses the client: the case fails, over TLS
    expect(as.hits.slice(before)).to.include('POST /token');
    expect(r.report!.target.tls).to.deep.equal({ caFiles: [pki.caFile], insecure: false });
    expect(r.html).to.include(`<code>${pki.caFile}</code> (--ca)`);
    expect(r.output).to.not.match(/WARNING/);
  });

  it('with NODE_EXTRA_CA_CERTS naming the CA: trusted too, and recorded', async () => {
    process.env.NODE_EXTRA_CA_CERTS = pki.caFile;
    const r = await run(['run', '--as', as.url, ...CASE]);
    expect(r.code, r.errors).to.equal(1);
    expect(r.report!.target.tls).to.deep.equal({ caFiles: [], extraCaCerts: pki.caFile, insecure: false });
    expect(r.html).to.include('(NODE_EXTRA_CA_CERTS)');
  });

  it('with --insecure: no certificate check, a loud warning, recorded', async () => {
    const r = await run(['run', '--as', as.url, ...CASE, '--insecure']);
    expect(r.code, r.errors).to.equal(1);
    expect(r.output).to.match(/^WARNING: --insecure: TLS certificates are not checked/m);
    expect(r.report!.target.tls).to.deep.equal({ caFiles: [], insecure: true });
    expect(r.html).to.include('certificates not checked (--insecure)');
  });

  for (const [what, content, said] of [
    ['a file without a certificate', 'just text\n', /holds no PEM certificate/],
    [
      'a PEM block that is not X.509',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      /does not parse as X.509/,
    ],
  ] as const)
    it(`--ca with ${what}: one line, exit 2, nothing sent`, async () => {
      const file = join(pki.dir, `bad-${what.length}.pem`);
      writeFileSync(file, content);
      const before = as.hits.length;
      const r = await run(['run', '--as', as.url, ...CASE, '--ca', file]);
      expect(r.code).to.equal(2);
      expect(r.errors).to.match(said);
      expect(r.errors.trim().split('\n')).to.have.length.below(3);
      expect(as.hits.length).to.equal(before);
    });

  it('--ca naming no file: one line, exit 2; --ca against the bundled mocks: a usage error', async () => {
    const missing = await run(['run', '--as', as.url, ...CASE, '--ca', join(pki.dir, 'nope.pem')]);
    expect(missing.code).to.equal(2);
    expect(missing.errors).to.match(/--ca .*nope\.pem: cannot read it \(ENOENT\)/);
    const mocks = await run(['run', ...CASE, '--ca', pki.caFile]);
    expect(mocks.code).to.equal(2);
    expect(mocks.errors).to.match(/--ca and --insecure apply to a vendor target only/);
  });

  describe('the target file’s tls.ca: CA files relative to the target file’s folder', () => {
    const targetWith = (ca: string[]) => {
      const dir = mkdtempSync(join(tmpdir(), 'tls-target-'));
      copyFileSync(pki.caFile, join(dir, 'ca.pem'));
      const file = join(dir, 'target.yaml');
      writeFileSync(file, `as:\n  issuer: ${as.url}\ntls:\n  ca: [${ca.map((c) => JSON.stringify(c)).join(', ')}]\n`);
      return { dir, file };
    };

    it('trusts them: the run talks to the AS, and the report records them apart from --ca', async () => {
      const { dir, file } = targetWith(['ca.pem']);
      const before = as.hits.length;
      const r = await run(['run', '--target', file, ...CASE]);
      expect(r.code, r.errors).to.equal(1); // the fixture refuses the client: the case fails, over TLS
      expect(as.hits.slice(before)).to.include('POST /token');
      expect(r.report!.target.tls).to.deep.equal({
        caFiles: [],
        targetCaFiles: [join(dir, 'ca.pem')],
        insecure: false,
      });
      expect(r.html).to.include(`<code>${join(dir, 'ca.pem')}</code> (the target's tls.ca)`);
    });

    it('one it cannot read: one line naming the target file’s tls.ca and the file, exit 2, nothing sent', async () => {
      const { file } = targetWith(['missing.pem']);
      const before = as.hits.length;
      const r = await run(['run', '--target', file, ...CASE]);
      expect(r.code).to.equal(2);
      expect(r.errors).to.match(/target\.yaml tls\.ca \S*missing\.pem: cannot read it \(ENOENT\)/);
      expect(r.errors.trim().split('\n')).to.have.length.below(3);
      expect(as.hits.length).to.equal(before);
    });

    it('has no insecure: turning the check off stays a command-line choice', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tls-target-'));
      const file = join(dir, 'target.yaml');
      writeFileSync(file, `as:\n  issuer: ${as.url}\ntls:\n  insecure: true\n`);
      const r = await run(['run', '--target', file, ...CASE]);
      expect(r.code).to.equal(2);
      expect(r.errors).to.match(/\/tls: unknown key "insecure" \(allowed: ca\)/);
    });
  });

  describe('bench: --ca and --insecure as for run (they cover the requests before the load)', () => {
    let rs: FixtureServer;
    before(async () => {
      rs = await fixtureServer(
        {
          '/resource': (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json', 'dpop-nonce': 'n-1' });
            res.end('{"ok":true}');
          },
        },
        { key: pki.key, cert: pki.cert },
      );
    });
    after(() => rs?.close());
    // with nonce, the bench asks the RS for a nonce before the load: a request the TLS choices decide
    const BENCH = () => [
      'bench',
      '--rs',
      new URL('/resource', rs.url).href,
      '--kinds',
      'a',
      '--duration',
      '1',
      '--features',
      'nonce',
    ];

    it('without the CA: one line naming the TLS failure and --ca, exit 2, no load', async () => {
      const r = await cli(BENCH());
      expect(r.code).to.equal(2);
      expect(r.errors).to.match(/TLS failed/);
      expect(r.errors).to.include('--ca FILE');
      expect(r.errors.trim().split('\n')).to.have.length.below(3);
      expect(rs.hits.length).to.equal(0);
    });

    it('with --ca: the kind runs, and report.json records the CA file', async () => {
      const out = mkdtempSync(join(tmpdir(), 'tls-bench-'));
      const r = await cli([...BENCH(), '--ca', pki.caFile, '--out', out]);
      expect(r.code, r.errors).to.equal(0);
      expect(r.output).to.match(/^\(a\) RFC 9449 ES256 +\d+/m);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report & {
        bench: { kinds: { kind: string; non2xx: number }[] };
      };
      expect(report.target.tls).to.deep.equal({ caFiles: [pki.caFile], insecure: false });
      expect(report.bench.kinds.map((k) => [k.kind, k.non2xx])).to.deep.equal([['a', 0]]);
    });

    it('with --insecure: a loud warning, then the kind runs', async () => {
      const r = await cli([...BENCH(), '--insecure']);
      expect(r.code, r.errors).to.equal(0);
      expect(r.output).to.match(/^WARNING: --insecure: TLS certificates are not checked/m);
      expect(r.output).to.match(/^\(a\) RFC 9449 ES256 +\d+/m);
    });
  });

  it('a plain-http AS on another machine: a warning citing RFC 9449 §2 before anything is sent; loopback gets none', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): nothing answers there, so the run ends unreachable (exit 2)
    const far = await run(['run', '--as', 'http://192.0.2.1:9/', ...CASE, '--timeout', '300']);
    expect(far.code).to.equal(2);
    expect(far.output).to.match(
      /^WARNING: as\.issuer http:\/\/192\.0\.2\.1:9\/ is plain http to another machine: RFC 9449 §2 says DPoP "MUST always be used in conjunction with HTTPS"/m,
    );
    const plain = await fixtureServer({ '/.well-known/oauth-authorization-server': metadata() });
    try {
      const near = await run(['run', '--as', plain.url, ...CASE]);
      expect(near.output + near.errors).to.not.include('RFC 9449 §2');
    } finally {
      await plain.close();
    }
  });
});
