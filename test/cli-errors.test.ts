import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMAND_HELP } from '../runner/cli/usage.js';
import { cli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-errors-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function listening(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as { port: number }).port;
}

/**
 * A bad input ends the command with exit 2 and exactly one line on stderr: the problem
 * (matching `pattern`), then the pointer to the command's --help; no stack frame, no
 * usage dump, nothing on stdout from a run that never started.
 */
async function expectOneLine(args: string[], pattern: RegExp, command = args[0]) {
  const r = await cli(args);
  expect(r.code, r.errors).to.equal(2);
  const lines = r.errors.split('\n').filter(Boolean);
  expect(lines, r.errors).to.have.length(1);
  expect(lines[0]).to.match(/^dpop-conformance: /);
  expect(lines[0]).to.match(pattern);
  expect(lines[0].endsWith(`(see dpop-conformance ${command} --help)`), lines[0]).to.equal(true);
  expect(r.errors).to.not.match(/\n\s+at |Usage:/);
  expect(r.output).to.not.match(/PASS|FAIL|ERROR/);
  return lines[0];
}

describe('the CLI on bad input: one line, exit 2, a pointer to --help (issue 13, issue 14 §9)', function () {
  this.timeout(30_000);
  const out = join(dir, 'out');

  describe('target files', () => {
    it('a YAML syntax error names the file, line and column', async () => {
      const t = file('syntax.yaml', 'rs:\n  resource: http://127.0.0.1:1/r\n  features: [post\n');
      await expectOneLine(['run', '--target', t, '--out', out], new RegExp(`${t}:\\d+:\\d+: YAML: `));
    });

    it('a YAML alias bomb is refused before it expands', async () => {
      const bomb = [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
        'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      ].join('\n');
      await expectOneLine(['run', '--target', file('bomb.yaml', bomb), '--out', out], /alias bomb/);
    });

    it('an unknown key is named, with the allowed keys and the nearest one', async () => {
      const t = file('key.yaml', 'rs:\n  resource: http://127.0.0.1:1/r\n  featurs: [post]\n');
      await expectOneLine(
        ['run', '--target', t, '--out', out],
        /key\.yaml:3:3: \/rs: unknown key "featurs" \(allowed: resource, .*features.*\); did you mean "features"\?/,
      );
    });

    it('a value outside an enum is named, with the allowed values and the nearest one', async () => {
      const t = file('enum.yaml', 'rs:\n  resource: http://127.0.0.1:1/r\n  features: [dpop-sx]\n');
      await expectOneLine(
        ['run', '--target', t, '--out', out],
        /enum\.yaml:3:14: \/rs\/features\/0: "dpop-sx" is not one of the allowed values \(nonce, .*\); did you mean "dpop-sk"\?/,
      );
    });
  });

  describe('flags', () => {
    it('--as not-a-url: --as must be an http(s) URL', async () => {
      await expectOneLine(['run', '--as', 'not-a-url', '--out', out], /--as must be an http\(s\) URL/);
      await expectOneLine(['run', '--rs', 'file:///etc/passwd', '--out', out], /--rs must be an http\(s\) URL/);
    });

    it('--timeout of 2^31 ms or more, and other numbers out of range', async () => {
      await expectOneLine(['run', '--timeout', String(2 ** 31), '--out', out], /--timeout takes .* to 2147483647/);
      await expectOneLine(['run', '--concurrency', '0', '--out', out], /--concurrency takes .* from 1/);
      await expectOneLine(['selftest', '--workers', '0'], /--workers takes .* from 1 to 8/);
      await expectOneLine(['run', '--id', 'NOPE', '--out', out], /^dpop-conformance: no case has the id "NOPE" \(see /);
      await expectOneLine(
        ['list', '--id', 'RS-9449-03'],
        /no case has the id "RS-9449-03" \(did you mean RS-9449-003\?\); for every id that starts with it: RS-9449-03\* \(see/,
      );
      await expectOneLine(
        ['run', '--id', 'rs-9449-030', '--out', out],
        /no case has the id "rs-9449-030" \(did you mean RS-9449-030\?\)/,
      );
      await expectOneLine(['list', '--tag', 'negativ'], /no case has the tag "negativ"; did you mean "negative"\?/);
      await expectOneLine(['selftest', '--workers', '9'], /--workers takes .* from 1 to 8/);
      await expectOneLine(['run', '--deadline', '1.5', '--out', out], /--deadline takes a whole number/);
      await expectOneLine(['mock', '--port', '70000'], /--port takes a TCP port from 0 to 65535, not "70000"/);
      await expectOneLine(['mock', 'all', '--as-port=-1'], /--as-port takes a TCP port/);
      await expectOneLine(
        ['mock', 'all', '--port', '0'],
        /--port applies to mock as or mock rs; for mock all use --as-port and --rs-port/,
      );
    });

    it('an unknown option or value, with the nearest one', async () => {
      await expectOneLine(
        ['run', '--nope'],
        /^dpop-conformance: unknown option --nope \(see dpop-conformance run --help\)$/,
      );
      await expectOneLine(['run', '--fial-on', 'must'], /unknown option --fial-on; did you mean "--fail-on"\?/);
      await expectOneLine(
        ['mock', '--nonse'],
        /unknown option --nonse; did you mean "--nonce"\? \(see dpop-conformance mock --help\)/,
      );
      await expectOneLine(['run', '--fail-on', 'mus'], /not "mus"; did you mean "must"\?/);
      const r = await cli(['runn']);
      expect(r.code).to.equal(2);
      expect(r.errors).to.match(
        /^dpop-conformance: unknown command "runn".*did you mean "run"\? \(see dpop-conformance --help\)\n$/,
      );
    });
  });

  describe('outputs, checked before any case runs', () => {
    it('--out naming an existing file', async () => {
      const f = file('a-file', 'x');
      await expectOneLine(['run', '--out', f], /--out .*a-file is an existing file, not a folder/);
      await expectOneLine(['run', '--out', join(f, 'sub')], /is an existing file, not a folder/);
    });

    it('--out in a place that cannot be written (/proc/x) fails at once', async function () {
      if (!existsSync('/proc/self')) this.skip();
      const started = Date.now();
      await expectOneLine(['run', '--out', '/proc/x'], /--out \/proc\/x: cannot write reports there/);
      expect(Date.now() - started).to.be.lessThan(5000);
    });

    it('a command that fails before writing its reports leaves no folder it created, and keeps one that was there', async () => {
      const fresh = join(dir, 'fresh', 'reports');
      await expectOneLine(['run', '--rs', 'http://127.0.0.1:1/r', '--out', fresh], /target unreachable/);
      expect(existsSync(join(dir, 'fresh')), 'the folders the run made for its reports').to.equal(false);
      const kept = join(dir, 'kept');
      mkdirSync(kept);
      await expectOneLine(
        ['bench', '--rs', 'http://127.0.0.1:1/r', '--out', join(kept, 'bench')],
        /target unreachable/,
        'bench',
      );
      expect(existsSync(join(kept, 'bench'))).to.equal(false);
      expect(existsSync(kept), 'a folder that was there before').to.equal(true);
    });

    it('--write-baseline into a missing folder, or naming a folder', async () => {
      await expectOneLine(
        ['run', '--out', out, '--write-baseline', join(dir, 'missing', 'b.yaml')],
        /--write-baseline .*: the folder .*missing does not exist/,
      );
      mkdirSync(join(dir, 'a-folder'), { recursive: true });
      await expectOneLine(['run', '--out', out, '--write-baseline', join(dir, 'a-folder')], /that is a folder/);
    });
  });

  describe('baselines', () => {
    it('an unknown case id is refused, with file:line:col and the nearest id', async () => {
      const b = file('b.yaml', 'expected_failures:\n  - id: RS-9449-0500\n    reason: typo\n');
      await expectOneLine(
        ['run', '--out', out, '--baseline', b],
        /b\.yaml:2:9: unknown case id "RS-9449-0500"; did you mean "RS-9449-050"\?/,
      );
    });

    it('a YAML syntax error names the line and column', async () => {
      const b = file('bad-baseline.yaml', 'expected_failures:\n  - id: "RS-9449-050\n');
      await expectOneLine(['run', '--out', out, '--baseline', b], /bad-baseline\.yaml:\d+:\d+: YAML: /);
    });
  });

  describe('mock', () => {
    it('a busy port: one line naming the port', async () => {
      const squatter = createServer((_q, s) => s.end());
      const port = await listening(squatter);
      try {
        await expectOneLine(
          ['mock', 'as', '--port', String(port)],
          new RegExp(`port ${port} on 127.0.0.1 is already in use`),
        );
      } finally {
        squatter.close();
      }
    });
  });

  describe('help', () => {
    for (const command of Object.keys(COMMAND_HELP)) {
      it(`${command} --help prints that command's help, exit 0`, async () => {
        const r = await cli([command, '--help']);
        expect(r.code).to.equal(0);
        expect(r.errors).to.equal('');
        expect(r.output).to.contain(`dpop-conformance ${command}`);
        expect(r.output).to.contain('Exit codes:');
      });
    }

    it('no command: one line, exit 2', async () => {
      const r = await cli([]);
      expect([r.code, r.errors]).to.deep.equal([
        2,
        'dpop-conformance: no command given (see dpop-conformance --help)\n',
      ]);
    });
  });
});
