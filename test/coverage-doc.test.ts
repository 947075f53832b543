import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../base/package-root.js';
import { loadSuites } from '../runner/suite/load.js';

describe('docs/coverage.md', () => {
  const doc = readFileSync(fromRoot('docs', 'coverage.md'), 'utf8');
  const named = new Set(doc.match(/\b(?:AS|RS)-(?:9449|SK-[AB])-\d{3}\b/g) ?? []);
  const ids = new Set(loadSuites().flatMap((s) => s.cases.map((c) => c.id)));

  it('names only cases that exist', () => {
    expect([...named].filter((id) => !ids.has(id))).to.deep.equal([]);
  });

  it('maps every case to a requirement', () => {
    expect([...ids].filter((id) => !named.has(id))).to.deep.equal([]);
  });
});
