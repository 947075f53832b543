import { expect } from 'chai';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../base/package-root.js';
import { cli } from './helpers/run-cli.js';
import { startOauth4webapiRs } from './interop/oauth4webapi-rs.js';
import { BEGIN, END, renderInteropTable } from './interop/interop-table.js';
import { OIDC_PROVIDER_SCOPE, startOidcProvider } from './interop/oidc-provider-as.js';
import { freePort, INTEROP_RUNS, interopDir } from './interop/targets.js';

/** Runs a suite against a third-party implementation as a vendor would: a target file and the CLI. */
async function runAsVendor(
  key: string,
  target: string,
): Promise<{ code: number; report: { cases: { id: string; level: string; status: string }[] } }> {
  const run = INTEROP_RUNS.find((r) => r.key === key)!;
  const file = join(mkdtempSync(join(tmpdir(), 'interop-')), 'target.yaml');
  writeFileSync(file, target);
  // --fail-on any and --strict-baseline: every level counts, and the baseline must be exactly right.
  const args = [
    'run',
    '--target',
    file,
    '--suite',
    run.suite,
    '--out',
    interopDir(key),
    '--fail-on',
    'any',
    '--timeout',
    '5000',
  ];
  if (run.baseline) args.push('--baseline', fromRoot(run.baseline), '--strict-baseline');
  const { code } = await cli(args);
  return { code, report: JSON.parse(readFileSync(join(interopDir(key), 'report.json'), 'utf8')) };
}

describe('interop: the suites against implementations we did not write', function () {
  this.timeout(120_000);

  for (const nonce of [false, true]) {
    it(`oidc-provider as the AS (nonces ${nonce ? 'required' : 'off'}): rfc9449-as passes at every level`, async () => {
      const op = await startOidcProvider({ nonce });
      try {
        const { code, report } = await runAsVendor(
          nonce ? 'oidc-provider-nonce' : 'oidc-provider',
          `as:\n  issuer: ${op.issuer}\n  scope: ${OIDC_PROVIDER_SCOPE}\n  clients:\n    bound: { client_id: conformance-bound, client_secret: conformance-bound-secret }\n  features: [jti-tracking, refresh, public-client, authorization-code, bound-client, par${nonce ? ', nonce' : ''}]\n`,
        );
        expect(report.cases.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => c.id)).to.deep.equal(
          [],
        );
        expect(report.cases.filter((c) => c.status === 'pass').length).to.be.greaterThan(25);
        expect(code).to.equal(0);
      } finally {
        await op.close();
      }
    });
  }

  it('oauth4webapi as the RS validator: rfc9449-rs passes every MUST; its baselined gaps are exactly the expected ones', async () => {
    const port = await freePort();
    const rs = await startOauth4webapiRs({ issuer: `http://127.0.0.1:${port}`, audience: 'urn:dpop-conformance:rs' });
    try {
      const { code, report } = await runAsVendor(
        'oauth4webapi-rs',
        `rs:\n  resource: ${rs.url}\n  features: [post, jwt-access-token]\n  mock_as_port: ${port}\n`,
      );
      expect(
        report.cases
          .filter((c) => c.level === 'MUST' && c.status !== 'pass' && c.status !== 'skipped')
          .map((c) => c.id),
      ).to.deep.equal([]);
      expect(
        report.cases
          .filter((c) => c.status === 'expected-fail')
          .map((c) => c.id)
          .sort(),
      ).to.deep.equal(['RS-9449-011']);
      // RFC 9449 §11.1 "can": no jti cache is optional behaviour absent, not a failure
      expect(report.cases.find((c) => c.id === 'RS-9449-090')?.status).to.equal('not-exhibited');
      expect(code).to.equal(0);
    } finally {
      await rs.close();
    }
  });

  it('docs/interop.md carries the table these runs produce (npm run interop-doc rewrites it)', () => {
    const doc = readFileSync(fromRoot('docs', 'interop.md'), 'utf8');
    expect(doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length)).to.equal(renderInteropTable());
  });
});
