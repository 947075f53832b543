import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../base/errors.js';
import { parseStances } from '../runner/suite/stances.js';
import { cli } from './helpers/run-cli.js';

interface Result {
  id: string;
  status: string;
  reason?: string;
}

/** Runs the four htu-query stance cases against the bundled mocks with extra arguments. */
async function stanceRun(extra: string[]): Promise<{ code: number; cases: Result[]; stances?: unknown }> {
  const out = mkdtempSync(join(tmpdir(), 'stance-'));
  const ids = ['AS-9449-018', 'AS-9449-094', 'RS-9449-018', 'RS-9449-019'].flatMap((id) => ['--id', id]);
  const r = await cli(['run', ...ids, '--out', out, ...extra]);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  return { code: r.code, cases: report.cases, stances: report.run?.stances };
}

describe('stances: --stance NAME=VALUE where readings of RFC 9449 differ (htu with a query or fragment)', function () {
  this.timeout(120_000);

  it('parses NAME=VALUE and refuses an unknown name, an unknown value and two different values', () => {
    expect(parseStances(['htu-query=reject'])).to.deep.equal({ 'htu-query': 'reject' });
    expect(parseStances(['htu-query=accept', 'htu-query=accept'])).to.deep.equal({ 'htu-query': 'accept' });
    expect(() => parseStances(['htu-qery=accept'])).to.throw(UsageError, /htu-query/);
    expect(() => parseStances(['htu-query=maybe'])).to.throw(UsageError, /accept or reject/);
    expect(() => parseStances(['htu-query'])).to.throw(UsageError, /accept or reject/);
    expect(() => parseStances(['htu-query=accept', 'htu-query=reject'])).to.throw(UsageError, /twice/);
  });

  it('a bad --stance on the command line is one line and exit 2', async () => {
    const r = await cli(['run', '--stance', 'htu-query=maybe', '--out', mkdtempSync(join(tmpdir(), 'stance-'))]);
    expect(r.code).to.equal(2);
    expect(r.errors.trim().split('\n')).to.have.length(1);
    expect(r.errors).to.contain('--stance htu-query takes accept or reject');
  });

  it('without a stance, both readings pass and the reason names the one the server takes', async () => {
    const clean = await stanceRun([]);
    expect(clean.code).to.equal(0);
    expect(clean.cases.map((c) => c.status)).to.deep.equal(['pass', 'pass', 'pass', 'pass']);
    for (const c of clean.cases) expect(c.reason, c.id).to.match(/takes the accept reading/);
    const refusing = await stanceRun(['--mock-fault', 'as-htu-query-refused', '--mock-fault', 'rs-htu-query-refused']);
    expect(refusing.code).to.equal(0);
    expect(refusing.cases.map((c) => c.status)).to.deep.equal(['pass', 'pass', 'pass', 'pass']);
    for (const c of refusing.cases) expect(c.reason, c.id).to.match(/takes the reject reading/);
  });

  it('with --stance, only the required reading passes, and report.json records the stance', async () => {
    const reject = await stanceRun(['--stance', 'htu-query=reject']);
    expect(reject.code).to.equal(1);
    expect(reject.stances).to.deep.equal({ 'htu-query': 'reject' });
    expect(reject.cases.map((c) => c.status)).to.deep.equal(['fail', 'fail', 'fail', 'fail']);
    for (const c of reject.cases) expect(c.reason, c.id).to.contain('the run requires reject');
    const accept = await stanceRun([
      '--stance',
      'htu-query=accept',
      '--mock-fault',
      'as-htu-query-refused',
      '--mock-fault',
      'rs-htu-query-refused',
    ]);
    expect(accept.code).to.equal(1);
    expect(accept.cases.map((c) => c.status)).to.deep.equal(['fail', 'fail', 'fail', 'fail']);
  });
});
