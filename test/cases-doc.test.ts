import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../base/package-root.js';
import { loadSuiteFile } from '../runner/suite/load.js';
import { withReference } from './cases-doc/cases-reference.js';

describe('docs/cases.md', () => {
  const doc = readFileSync(fromRoot('docs', 'cases.md'), 'utf8');

  it('has the reference that npm run cases-doc writes from the schema and the named checks', () => {
    expect(doc === withReference(doc), 'docs/cases.md is stale: npm run build && npm run cases-doc').to.equal(true);
  });

  it('opens with an example suite that loads', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example, 'a yaml example').to.be.a('string');
    expect(loadSuiteFile('cases.md', example).cases).to.have.length(1);
  });
});
