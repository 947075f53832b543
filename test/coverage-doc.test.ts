import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../base/package-root.js';
import { loadSuites } from '../runner/suite/load.js';
import { refMatches } from '../runner/suite/select.js';
import { coverageMarkdown, loadRequirements } from './coverage-doc/coverage-markdown.js';

describe('docs/coverage.md', () => {
  const suites = loadSuites();
  const cases = suites.flatMap((s) => s.cases);
  const reqs = loadRequirements();
  const ids = new Set(reqs.map((r) => r.id));

  it('is what npm run coverage-doc generates from the requirements and the cases', () => {
    const doc = readFileSync(fromRoot('docs', 'coverage.md'), 'utf8');
    const fresh = coverageMarkdown(suites, reqs);
    expect(doc === fresh, 'docs/coverage.md is stale: npm run build && npm run coverage-doc').to.equal(true);
  });

  it('has unique requirement ids', () => {
    expect(ids.size).to.equal(reqs.length);
  });

  it('every case covers at least one requirement', () => {
    expect(cases.filter((c) => !c.covers?.length).map((c) => c.id)).to.deep.equal([]);
  });

  it('every covers id is a requirement', () => {
    const unknown = cases.flatMap((c) => (c.covers ?? []).filter((id) => !ids.has(id)).map((id) => `${c.id}: ${id}`));
    expect(unknown).to.deep.equal([]);
  });
});

describe('--ref selection', () => {
  it('matches a section prefix at a section boundary', () => {
    expect(refMatches('RFC 9449 §4.3 check 5', 'RFC 9449 §4.3')).to.equal(true);
    expect(refMatches('RFC 9449 §4.3 check 5', '§4.3')).to.equal(true);
    expect(refMatches('RFC 9449 §4.3', '§4')).to.equal(true);
    expect(refMatches('RFC 9449 §7.1', '§7.1')).to.equal(true);
    expect(refMatches('RFC 9449 §7.10', '§7.1')).to.equal(false);
    expect(refMatches('RFC 6749 §5.2', 'RFC 9449 §5')).to.equal(false);
    expect(refMatches('DPoP-SK §5 step 6', '§5')).to.equal(true);
  });
});
