import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../base/fixed-inputs.js';
import { publicJwk } from '../protocol/jwk.js';
import { REDACTED, Redactor } from '../runner/http/redact.js';
import { fixtureServer, json, metadata, type FixtureServer } from './helpers/hostile-server.js';
import { cli } from './helpers/run-cli.js';

/**
 * Issue 14: a client secret of any length echoed back by the server — in a header, a JSON
 * member, an error description, a form-like string — is hidden in every report and on the
 * console, and a short one does not wreck the rest of the transcript (runner/http/redact.ts,
 * MIN_TOKEN_SECRET).
 */

const SECRETS = ['x', '!*', '🔑', 'é"!', 'a b', 'Q\\"z', "'~!*(", 'ab&c=d', 'p/w%20', '1234567', "Zq'~!*()"];

/** The secret a token request carries (client_secret_basic, form-decoded as RFC 6749 §2.3.1 says, or client_secret_post). */
function secretOf(authorization: string | undefined, body: string): string {
  const basic = /^Basic (.+)$/.exec(authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    return decodeURIComponent(decoded.slice(decoded.indexOf(':') + 1).replace(/\+/g, ' '));
  }
  return new URLSearchParams(body).get('client_secret') ?? '';
}

interface Entry {
  kind: string;
  request: { body?: string; url: string };
  response?: { status: number; headers: Record<string, string>; body: string };
}

describe('a client secret echoed by the server is hidden, whatever its length (issue 14)', function () {
  this.timeout(120_000);

  describe('the rule for secrets under 8 characters', () => {
    const r = new Redactor();
    r.add('abc');
    r.add('ab');
    r.add('a long secret with abc inside');
    const cases: [string, string][] = [
      ['"abc"', `"${REDACTED}"`],
      ["'abc'", `'${REDACTED}'`],
      ['client_secret=abc&x=1', `client_secret=${REDACTED}&x=1`],
      ['abc: wrong', `${REDACTED}: wrong`],
      ['abc', REDACTED],
      ['abcdef xabc', 'abcdef xabc'],
      ['/abc/ x-abc abc.d', '/abc/ x-abc abc.d'],
      ['"ab"', `"${REDACTED}"`],
      ['k=ab;', `k=${REDACTED};`],
      ['ab', REDACTED],
      ['a ab b, about, tab', 'a ab b, about, tab'],
      ['it was: a long secret with abc inside!', `it was: ${REDACTED}!`],
    ];
    for (const [text, shown] of cases)
      it(`${JSON.stringify(text)} → ${JSON.stringify(shown)}`, () => expect(r.text(text)).to.equal(shown));

    it('in a decoded value, a whole string (a claim, a header value) equal to a 1-character secret goes', () => {
      const one = new Redactor();
      one.add('x');
      expect(one.value({ a: 'x', b: 'x-ray', c: ['y', 'x'] })).to.deep.equal({
        a: REDACTED,
        b: 'x-ray',
        c: ['y', REDACTED],
      });
    });

    it('is linear: a megabyte of the secret run together takes well under a second', () => {
      const one = new Redactor();
      one.add('aa');
      one.add('aaa');
      const started = performance.now();
      one.text('a'.repeat(1_000_000));
      expect(performance.now() - started).to.be.below(1000);
    });
  });

  describe('through a run: a fixture AS echoes the secret it receives', () => {
    let as: FixtureServer;
    before(async () => {
      as = await fixtureServer({
        '/.well-known/oauth-authorization-server': metadata(),
        '/jwks': json({ keys: [publicJwk(loadInputs().as_signing_key)] }),
        '/token': (req, res) => {
          const chunks: Buffer[] = [];
          req.on('data', (c: Buffer) => chunks.push(c));
          req.on('end', () => {
            const secret = secretOf(req.headers.authorization, Buffer.concat(chunks).toString());
            const headers: Record<string, string> = {
              'content-type': 'application/json',
              'x-echo-uri': encodeURIComponent(secret),
            };
            if (/^[\x20-\x7e]+$/.test(secret)) headers['x-echo'] = secret;
            res.writeHead(401, headers);
            res.end(
              JSON.stringify({
                error: 'invalid_client',
                error_description: `client secret '${secret}' is wrong`,
                echo: secret,
                form: `client_secret=${new URLSearchParams([['', secret]]).toString().slice(1)}&x=1`,
              }),
            );
          });
          req.resume();
        },
      });
    });
    after(() => as.close());

    for (const secret of SECRETS)
      for (const auth of ['basic', 'post'] as const)
        it(`${JSON.stringify(secret)} (${[...secret].length}), client_secret_${auth}: replaced where echoed, the rest intact`, async () => {
          const dir = mkdtempSync(join(tmpdir(), 'echo-'));
          const file = join(dir, 'target.yaml');
          writeFileSync(
            file,
            `as:\n  issuer: ${as.url}\n  clients: { confidential: { client_id: conformance-client, client_secret: "\${env:DPOP_TEST_ECHO}", auth: ${auth} } }\n`,
          );
          process.env.DPOP_TEST_ECHO = secret;
          let r: Awaited<ReturnType<typeof cli>>;
          try {
            r = await cli(['run', '--target', file, '--id', 'AS-9449-001', '--out', dir]);
          } finally {
            delete process.env.DPOP_TEST_ECHO;
          }
          const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
            cases: { status: string; reason?: string; transcript: Entry[] }[];
          };
          // the case's own words are intact (a 1-character secret inside "expected" stays)
          expect(report.cases[0].reason).to.include('expected 200, got 401');
          const token = report.cases[0].transcript.find((e) => e.kind === 'token')!;
          const res = token.response!;
          expect(res.status).to.equal(401);
          expect(res.headers['x-echo-uri']).to.equal(REDACTED);
          if (res.headers['x-echo'] !== undefined) expect(res.headers['x-echo']).to.equal(REDACTED);
          expect(res.headers['content-type']).to.equal('application/json');
          const body = JSON.parse(res.body) as Record<string, string>;
          expect(body).to.deep.equal({
            error: 'invalid_client',
            error_description: `client secret '${REDACTED}' is wrong`,
            echo: REDACTED,
            form: `client_secret=${REDACTED}&x=1`,
          });
          expect(token.request.url).to.equal(`${as.url}/token`);
          if (auth === 'post') expect(token.request.body).to.match(/^grant_type=client_credentials&/);
          // every output: the description's quoted secret is [REDACTED] however the format escapes the quotes
          const outputs = {
            'report.json': readFileSync(join(dir, 'report.json'), 'utf8'),
            'report.html': readFileSync(join(dir, 'report.html'), 'utf8'),
            'junit.xml': readFileSync(join(dir, 'junit.xml'), 'utf8'),
            stdout: r.output,
            stderr: r.errors,
          };
          let seen = 0;
          for (const [name, text] of Object.entries(outputs))
            for (const m of text.matchAll(
              /client secret (?:'|&#39;|&apos;|&#x27;)(.*?)(?:'|&#39;|&apos;|&#x27;) is wrong/g,
            )) {
              seen++;
              expect(m[1], name).to.equal(REDACTED);
            }
          expect(seen).to.be.above(0);
        });
  });
});
