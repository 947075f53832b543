import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../base/package-root.js';
import { REASON_CODES, REASONS } from '../protocol/reasons.js';

describe('docs/errors.md', () => {
  const doc = readFileSync(fromRoot('docs', 'errors.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| `([a-z_]+)` \|/gm)].map((m) => [m[1], m[2]]);

  it('lists every reason code, with its OAuth error, and nothing else', () => {
    expect(rows.map((r) => r[0]).sort()).to.deep.equal([...REASON_CODES].sort());
    for (const [code, error] of rows) expect(error, code).to.equal(REASONS[code as keyof typeof REASONS].error);
  });
});
