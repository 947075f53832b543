import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fromRoot } from '../base/package-root.js';

describe('generated types', () => {
  it('are what suites/case.schema.json and suites/target.schema.json give (else: npm run types)', () => {
    const r = spawnSync(process.execPath, [fromRoot('scripts', 'generate-types.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
  });
});
