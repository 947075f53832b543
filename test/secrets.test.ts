import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { cli } from './helpers/run-cli.js';

/**
 * Issue 14, "Secrets": secrets of every awkward shape, through every client authentication
 * method (client_secret_basic, client_secret_post), into every report format and the
 * console; then a grep for every encoding they can take. The AS is the bundled mock AS
 * started with that client secret, played as a vendor's; the RS is the bundled mock RS,
 * its resource URL carrying a secret of its own through ${env:…}.
 */

const CLIENT_ID = 'conformance-client';

/** The shapes: the characters encoders disagree on, quotes, short ones, long ones, non-ASCII, control characters. */
const SECRETS: Record<string, string> = {
  'unreserved-but-not-form': "Zq'~!*()",
  'spaces and quotes': 'with space and "quotes" inside',
  'short (3 characters)': 'é"!',
  'URL delimiters': 'p@ss/w0rd+with=specials&more%20:colon#frag?q',
  'markup and backslash': 'back\\slash<tag>&amp;</tag>',
  'non-ASCII': 'ключ🔑секрет',
  'control characters': 'line\nbreak\ttab',
  'long (300 characters)': 'L0ng!'.repeat(60),
};

const URL_SECRET = "tenant'~!*()Zq9";

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** base64url of `secret` as it appears inside a longer encoded value, at each of the three alignments. */
function embeddedBase64url(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [0, 1, 2]
    .map((k) => {
      const enc = b64url(Buffer.concat([Buffer.alloc(k), bytes]));
      return enc.slice(Math.ceil((k * 4) / 3), Math.floor(((k + bytes.length) * 4) / 3));
    })
    .filter((core) => core.length >= 8);
}

/** Every encoding of a secret the issue names: raw, percent-encoded both ways, form-encoded, base64 (Basic), base64url, JSON-, HTML- and XML-escaped. */
function encodings(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const form = new URLSearchParams([['', secret]]).toString().slice(1);
  const json = JSON.stringify(secret).slice(1, -1);
  const all = [
    secret,
    uri,
    lowerHex(uri),
    form,
    lowerHex(form),
    new URL(`http://h/?${secret}`).search.slice(1),
    json,
    JSON.stringify(json).slice(1, -1),
    html(secret),
    html(json),
    xml(secret),
    b64(`${CLIENT_ID}:${secret}`),
    b64(`${CLIENT_ID}:${uri}`),
    b64(`${CLIENT_ID}:${form}`),
    b64(secret),
    b64url(secret),
    ...embeddedBase64url(secret),
  ];
  return [...new Set(all)];
}

/** What a run leaves behind: the three reports and what it printed. */
interface RunOutput {
  code: number;
  files: Record<string, string>;
}

async function runWithCapture(args: string[], out: string): Promise<RunOutput> {
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (s: string) => {
    errors.push(String(s));
    return true;
  };
  let r: { code: number; output: string; errors: string };
  try {
    r = await cli(args);
  } finally {
    process.stderr.write = write;
  }
  const files: Record<string, string> = { stdout: r.output, stderr: errors.join('') + r.errors };
  for (const name of ['report.json', 'report.html', 'junit.xml']) {
    try {
      files[name] = readFileSync(join(out, name), 'utf8');
    } catch {
      /* not written (a configuration error) */
    }
  }
  return { code: r.code, files };
}

function expectNoSecret(o: RunOutput, secrets: Record<string, string>): void {
  for (const [label, secret] of Object.entries(secrets))
    for (const enc of encodings(secret))
      for (const [file, text] of Object.entries(o.files))
        expect(text.includes(enc), `${label} (${JSON.stringify(enc)}) in ${file}`).to.equal(false);
}

describe('secrets never reach a report or the console, in any encoding (issue 14)', function () {
  this.timeout(120_000);
  const ids = ['AS-9449-001', 'AS-9449-003', 'AS-9449-010', 'AS-9449-052', 'RS-9449-001'];
  let rs: RunningMocks;
  before(async () => {
    rs = await startMocks({ as: false });
  });
  after(() => rs.close());

  function targetFile(dir: string, asUrl: string, auth: 'basic' | 'post'): string {
    const file = join(dir, 'target.yaml');
    writeFileSync(
      file,
      [
        'as:',
        `  issuer: ${asUrl}`,
        '  features: [client-secret-post, refresh, authorization-code]',
        `  clients: { confidential: { client_id: ${CLIENT_ID}, client_secret: "\${env:DPOP_TEST_CLIENT_SECRET}", auth: ${auth} } }`,
        'rs:',
        `  resource: ${rs.resourceUrl}?tenant=\${env:DPOP_TEST_URL_SECRET}`,
        '  mock_as_port: 0',
        '',
      ].join('\n'),
    );
    return file;
  }

  for (const [shape, secret] of Object.entries(SECRETS))
    for (const auth of ['basic', 'post'] as const)
      it(`${shape}, client_secret_${auth}: the run authenticates, and no encoding of either secret appears`, async () => {
        const as = await startMocks({ rs: false, clientSecret: secret });
        const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
        process.env.DPOP_TEST_CLIENT_SECRET = secret;
        process.env.DPOP_TEST_URL_SECRET = URL_SECRET;
        try {
          const o = await runWithCapture(
            ['run', '--target', targetFile(dir, as.asUrl!, auth), ...ids.flatMap((id) => ['--id', id]), '--out', dir],
            dir,
          );
          const report = JSON.parse(o.files['report.json']) as {
            cases: { id: string; status: string; reason?: string }[];
          };
          const status = Object.fromEntries(report.cases.map((c) => [c.id, `${c.status} ${c.reason ?? ''}`.trim()]));
          for (const id of ids) expect(status[id], id).to.equal('pass');
          expect(o.files['report.html']).to.match(/<title>[^<]*tenant=\[REDACTED\]/);
          expectNoSecret(o, { client: secret, url: URL_SECRET });
        } finally {
          delete process.env.DPOP_TEST_CLIENT_SECRET;
          delete process.env.DPOP_TEST_URL_SECRET;
          await as.close();
        }
      });

  it('a configuration error names no secret on stderr: an unreachable AS whose issuer carries one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    const file = join(dir, 'target.yaml');
    writeFileSync(file, 'as:\n  issuer: "http://127.0.0.1:1/t/${env:DPOP_TEST_URL_SECRET}"\n');
    process.env.DPOP_TEST_URL_SECRET = URL_SECRET;
    try {
      const o = await runWithCapture(['run', '--target', file, '--out', dir], dir);
      expect(o.code).to.equal(2);
      expect(o.files.stderr).to.include('[REDACTED]');
      expectNoSecret(o, { url: URL_SECRET });
    } finally {
      delete process.env.DPOP_TEST_URL_SECRET;
    }
  });

  it("tokens a vendor's AS issues keep a recognisable prefix only, unless --show-tokens", async () => {
    const as = await startMocks({ rs: false });
    const dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    try {
      const bodies = async (extra: string[]) => {
        await cli(['run', '--as', as.asUrl!, '--id', 'AS-9449-001', '--out', dir, ...extra]);
        const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
          cases: { transcript: { response?: { body: string } }[] }[];
        };
        return report.cases[0].transcript.map((x) => JSON.parse(x.response!.body) as { access_token?: string });
      };
      const hidden = (await bodies([])).find((b) => b.access_token);
      expect(hidden?.access_token).to.match(/^eyJ[\w-]{9}…\[token, \d+ characters\]$/);
      const shown = (await bodies(['--show-tokens'])).find((b) => b.access_token);
      expect(shown?.access_token?.split('.')).to.have.length(3);
    } finally {
      await as.close();
    }
  });
});
