import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../base/package-root.js';
import { startMocks } from '../mocks/start.js';
import { printable } from '../runner/cli/terminal-text.js';
import { cli } from './helpers/run-cli.js';

async function listening(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as { port: number }).port;
}

/** A target file for an RS at `resource`, with the companion mock AS on a free port. */
function rsTarget(resource: string): { target: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'console-'));
  writeFileSync(join(dir, 'target.yaml'), `rs:\n  resource: ${resource}\n  mock_as_port: 0\n`);
  return { target: join(dir, 'target.yaml'), out: join(dir, 'out') };
}

interface ReportCase {
  id: string;
  status: string;
  reason?: string;
}
const casesOf = (out: string) =>
  (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { cases: ReportCase[] }).cases;

/** ESC sequences a hostile server might send: retitle the window, clear the screen, move up, an 8-bit CSI, a bidi override. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u001b[1A\u009b31m\u202egate passed\r\n\u0000\u0008';

/** A fixture RS that refuses everything with 401 and a hostile `error` field. */
function hostileAnswer(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'DPoP error="invalid_token"' });
  res.end(JSON.stringify({ error: HOSTILE, error_description: HOSTILE }));
}

// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_NEWLINE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('the console (issue 13 "Console", issue 14 §5 and §10)', function () {
  this.timeout(60_000);

  describe('terminal escape injection', () => {
    it('printable() removes ESC sequences, C0/C1 controls and bidi overrides, keeping the text', () => {
      expect(printable(HOSTILE)).to.equal('gate passed ');
      expect(printable('a\tb\nc')).to.equal('a b c');
      expect(printable('a\u001b[31mb\u001bPdcs\u001b\\c\u009d8;;http://x\u009cd')).to.equal('abcd');
      expect(printable('line 1\nline\u001b[2K 2', true)).to.equal('line 1\nline 2');
      expect(printable('invalid_dpop_proof: ath does not match')).to.equal('invalid_dpop_proof: ath does not match');
    });

    it("a server's `error` field with ESC sequences never reaches the console raw", async () => {
      const server = createServer(hostileAnswer);
      const port = await listening(server);
      try {
        const { target, out } = rsTarget(`http://127.0.0.1:${port}/resource`);
        const r = await cli(['run', '--target', target, '--id', 'RS-9449-001', '--out', out]);
        expect(r.code, r.output + r.errors).to.equal(1);
        expect(r.output).to.contain('gate passed'); // the words survive, harmless mid-line
        expect(r.output).to.not.contain('pwned'); // the window-title payload does not
        expect(r.output).to.not.match(CONTROL_EXCEPT_NEWLINE);
        const lines = r.output.trimEnd().split('\n');
        expect(lines.filter((l) => l.startsWith('gate passed'))).to.deep.equal([]);
        expect(lines.at(-1)).to.equal('gate FAILED (fail on must)');
      } finally {
        server.close();
      }
    });
  });

  describe('stopping early', () => {
    it('a target that dies mid-run: the remaining cases error with "target unreachable", reports still written', async () => {
      let answered = 0;
      const server = createServer((req, res) => {
        answered++;
        hostileAnswer(req, res);
        if (answered === 4) {
          server.close();
          server.closeAllConnections();
        }
      });
      const port = await listening(server);
      const { target, out } = rsTarget(`http://127.0.0.1:${port}/resource`);
      const r = await cli(['run', '--target', target, '--suite', 'rfc9449-rs', '--concurrency', '1', '--out', out]);
      expect(r.code, r.errors).to.equal(1);
      const cases = casesOf(out);
      const notRun = cases.filter((c) => /^not run: target unreachable \(GET .*connection failed/.test(c.reason ?? ''));
      expect(notRun.length).to.be.greaterThan(30);
      expect(notRun.every((c) => c.status === 'error')).to.equal(true);
      expect(answered).to.equal(4);
      expect(r.output).to.match(/\d+ errors/);
    });

    it('--deadline bounds the whole run: cases in flight and not started error, reports still written', async () => {
      let answered = 0;
      const server = createServer((req, res) => {
        if (answered++ === 0) hostileAnswer(req, res); // the reachability check; then it hangs
      });
      const port = await listening(server);
      const { target, out } = rsTarget(`http://127.0.0.1:${port}/resource`);
      const started = Date.now();
      try {
        const r = await cli(['run', '--target', target, '--suite', 'rfc9449-rs', '--deadline', '2', '--out', out]);
        expect(r.code, r.errors).to.equal(1);
      } finally {
        server.closeAllConnections();
        server.close();
      }
      expect(Date.now() - started).to.be.lessThan(10_000);
      const cases = casesOf(out);
      expect(cases.every((c) => c.status === 'error' || c.status === 'skipped')).to.equal(true);
      expect(cases.filter((c) => /deadline/.test(c.reason ?? '')).length).to.be.greaterThan(30);
    });
  });

  describe('what is listed', () => {
    it('an RS-only run does not list the AS cases: counted apart as not applicable; --show-na lists them', async () => {
      const rs = await startMocks({ as: false });
      try {
        const { target, out } = rsTarget(rs.resourceUrl!);
        const args = ['run', '--target', target, '--id', 'RS-9449-001', '--id', 'AS-9449-001', '--out', out];
        const r = await cli(args);
        expect(r.code, r.output).to.equal(0);
        expect(r.output).to.match(/^PASS +RS-9449-001/m);
        expect(r.output).to.not.contain('AS-9449-001');
        expect(r.output).to.contain('total: 1 case, 1 passed');
        // the first line counts as the last: the AS case apart
        expect(r.output).to.match(
          /^dpop-conformance: 1 case against your target \(concurrency \d+\); 1 more for a side not under test$/m,
        );
        expect(r.output).to.contain(
          'not applicable: 1 more case (no authorization server under test); --show-na lists them',
        );
        // the reports count it apart too: report.json's counts.notApplicable, report.html's summary
        const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
        expect(report.counts).to.deep.include({ total: 2, notApplicable: 1 });
        const html = readFileSync(join(out, 'report.html'), 'utf8');
        const summary = html.slice(html.indexOf('<table class="summary">'), html.indexOf('</table>'));
        expect(summary).to.contain(
          '<tr><th>total</th><th>0</th><th>0</th><th>1</th><th>0</th><th>0</th><th>0</th></tr>',
        );
        expect(html).to.contain('Not applicable: 1 more case, for a side not under test (not counted above).');
        const shown = await cli([...args, '--show-na']);
        expect(shown.output).to.match(/^SKIPPED +AS-9449-001/m);
      } finally {
        await rs.close();
      }
    });

    it('with --baseline, a baselined failure prints as an expected failure, not FAIL', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'xfail-'));
      writeFileSync(join(dir, 'b.yaml'), 'expected_failures:\n  - id: RS-9449-050\n    reason: known\n');
      const args = ['run', '--id', 'RS-9449-050', '--mock-fault', 'rs-skip-htm', '--out', dir];
      const r = await cli([...args, '--baseline', join(dir, 'b.yaml')]);
      expect(r.code).to.equal(0);
      expect(r.output).to.match(/^XFAIL +RS-9449-050/m);
      expect(r.output).to.not.match(/^FAIL +RS-9449-050/m);
      expect(r.output).to.not.contain('failing');
    });

    it('the run ends with the failures again, each with its reason and spec reference, then the gate', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'recap-'));
      const r = await cli([
        'run',
        '--id',
        'RS-9449-050',
        '--id',
        'RS-9449-001',
        '--mock-fault',
        'rs-skip-htm',
        '--out',
        dir,
      ]);
      expect(r.code).to.equal(1);
      const tail = r.output.slice(r.output.indexOf('reports: '));
      expect(tail).to.match(
        /1 failing \(fail and error\):\n {2}1\) FAIL RS-9449-050 MUST RFC 9449 §[\d.]+\n {5}.+\n {5}status: expected one of 400, 401, got 200\n\ngate FAILED \(fail on must\)\n$/,
      );
    });
  });

  describe('mock all stops', () => {
    const bin = fromRoot('bin', 'dpop-conformance.js');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const gone = async (pid: number, ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end;) {
        if (!alive(pid)) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return !alive(pid);
    };

    it('on SIGHUP', async () => {
      const child = spawn(process.execPath, [bin, 'mock', 'all', '--as-port', '0', '--rs-port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let printed = '';
      child.stdout.on('data', (d) => (printed += String(d)));
      while (!printed.includes('Ctrl-C stops')) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGHUP');
      const [code] = (await once(child, 'exit')) as [number];
      expect(code).to.equal(0);
      expect(printed).to.contain('mocks stopped (SIGHUP)');
    });

    it('when the process that started it is killed (SIGKILL: it cannot pass a signal on)', async () => {
      const launcher = [
        "const { spawn } = require('node:child_process');",
        `const c = spawn(process.execPath, [${JSON.stringify(bin)}, 'mock', 'all', '--as-port', '0', '--rs-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });`,
        "c.stdout.on('data', (d) => { if (String(d).includes('Ctrl-C stops')) console.log('child ' + c.pid); });",
      ].join('\n');
      const parent = spawn(process.execPath, ['-e', launcher], { stdio: ['ignore', 'pipe', 'inherit'] });
      let printed = '';
      parent.stdout.on('data', (d) => (printed += String(d)));
      while (!/child \d+/.test(printed)) await new Promise((r) => setTimeout(r, 50));
      const childPid = Number(/child (\d+)/.exec(printed)![1]);
      expect(alive(childPid)).to.equal(true);
      parent.kill('SIGKILL');
      await once(parent, 'exit');
      const stopped = await gone(childPid, 5000);
      if (!stopped) process.kill(childPid, 'SIGKILL');
      expect(stopped, 'the mock outlived its parent').to.equal(true);
    });
  });
});
