import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { CHECKS } from '../runner/checks/registry.js';
import { fromRoot } from '../base/package-root.js';

describe('docs/cases.md', () => {
  const doc = readFileSync(fromRoot('docs', 'cases.md'), 'utf8');
  const schema = JSON.parse(readFileSync(fromRoot('suites', 'case.schema.json'), 'utf8'));

  it('documents every mutation kind of the schema', () => {
    for (const kind of Object.keys(schema.definitions.mutation.properties)) expect(doc, kind).to.include(`| \`${kind}`);
  });

  it('documents every named check, with its section', () => {
    for (const c of Object.values(CHECKS)) expect(doc, c.name).to.include(`| \`${c.name}\` | ${c.ref} |`);
  });

  it('documents every step kind and expectation key', () => {
    for (const step of Object.keys(schema.definitions.step.properties)) expect(doc, step).to.include(`| \`${step}\` |`);
    for (const key of Object.keys(schema.definitions.expect.properties)) expect(doc, key).to.include(`| \`${key}\` |`);
  });
});
