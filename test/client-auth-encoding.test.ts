import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMocks } from '../mocks/start.js';
import { basicCredentials, formEncode } from '../runner/http/basic-auth.js';
import { fixtureServer, json, metadata } from './helpers/hostile-server.js';
import { cli } from './helpers/run-cli.js';

/**
 * Issue 14: client_secret_basic encodes the client id and secret with
 * application/x-www-form-urlencoded before base64 (RFC 6749 §2.3.1, Appendix B): a space is
 * "+", and `'~!()` are percent-encoded (encodeURIComponent left them and wrote %20).
 */
const SECRET = "a b'~!*()c+d%";
const CLIENT_ID = 'client id~1';

function targetFile(issuer: string, clientId: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'basic-'));
  const file = join(dir, 'target.yaml');
  writeFileSync(
    file,
    [
      'as:',
      `  issuer: ${issuer}`,
      `  clients: { confidential: { client_id: "${clientId}", client_secret: "\${env:DPOP_TEST_BASIC_SECRET}", auth: basic } }`,
      '',
    ].join('\n'),
  );
  return file;
}

describe('client_secret_basic: id and secret form-encoded before base64 (RFC 6749 §2.3.1)', function () {
  this.timeout(60_000);
  before(() => {
    process.env.DPOP_TEST_BASIC_SECRET = SECRET;
  });
  after(() => {
    delete process.env.DPOP_TEST_BASIC_SECRET;
  });

  it('formEncode writes a space as "+" and percent-encodes the characters encodeURIComponent leaves', () => {
    expect(formEncode(SECRET)).to.equal('a+b%27%7E%21*%28%29c%2Bd%25');
    expect(Buffer.from(basicCredentials(CLIENT_ID, SECRET), 'base64').toString()).to.equal(
      'client+id%7E1:a+b%27%7E%21*%28%29c%2Bd%25',
    );
  });

  it('the runner sends exactly that Authorization field to the token endpoint', async () => {
    const seen: string[] = [];
    const as = await fixtureServer({
      '/.well-known/oauth-authorization-server': metadata(),
      '/jwks': json({ keys: [] }),
      '/token': (req, res) => {
        seen.push(req.headers.authorization ?? '');
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"error":"invalid_client"}');
      },
    });
    const out = mkdtempSync(join(tmpdir(), 'basic-out-'));
    try {
      await cli(['run', '--target', targetFile(as.url, CLIENT_ID), '--id', 'AS-9449-001', '--out', out]);
    } finally {
      await as.close();
    }
    expect(seen).to.have.length.above(0);
    for (const h of seen)
      expect(Buffer.from(h.replace(/^Basic /, ''), 'base64').toString()).to.equal(
        'client+id%7E1:a+b%27%7E%21*%28%29c%2Bd%25',
      );
  });

  it("the mock AS form-decodes Basic credentials: a secret with spaces and `'~!*()` authenticates", async () => {
    const as = await startMocks({ rs: false, clientSecret: SECRET });
    const out = mkdtempSync(join(tmpdir(), 'basic-out-'));
    try {
      const r = await cli([
        'run',
        '--target',
        targetFile(as.asUrl!, 'conformance-client'),
        '--id',
        'AS-9449-001',
        '--out',
        out,
      ]);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
        cases: { id: string; status: string; reason?: string }[];
      };
      expect(report.cases.map((c) => `${c.id} ${c.status} ${c.reason ?? ''}`.trim())).to.deep.equal([
        'AS-9449-001 pass',
      ]);
      expect(r.code).to.equal(0);
    } finally {
      await as.close();
    }
  });

  it('the mock AS refuses the same secret percent-encoded without "+": a raw "+" is a space', async () => {
    const as = await startMocks({ rs: false, clientSecret: 'a+b' });
    try {
      const token = async (secret: string) =>
        fetch(`${as.asUrl}/token`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: `Basic ${Buffer.from(`conformance-client:${secret}`).toString('base64')}`,
          },
          body: 'grant_type=client_credentials',
        });
      // no proof: 400 invalid_dpop_proof once the client is authenticated, 401 invalid_client otherwise
      expect((await token('a+b')).status).to.equal(401);
      expect((await token('a%2Bb')).status).to.equal(400);
    } finally {
      await as.close();
    }
  });
});
