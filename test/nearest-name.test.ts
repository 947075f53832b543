import { expect } from 'chai';
import { editDistance, nearestName, suggestion } from '../base/nearest-name.js';

describe('nearest name: "did you mean" for a mistyped key, value or id', () => {
  it('edit distance counts insertions, deletions and substitutions, ignoring case', () => {
    expect(editDistance('featurs', 'features')).to.equal(1);
    expect(editDistance('kitten', 'sitting')).to.equal(3);
    expect(editDistance('MUST', 'must')).to.equal(0);
    expect(editDistance('', 'abc')).to.equal(3);
  });

  it('suggests the nearest name only when it is a plausible typo', () => {
    expect(nearestName('dpop-sx', ['nonce', 'dpop-sk', 'dpop-sk-b'])).to.equal('dpop-sk');
    expect(nearestName('RS-9449-0500', ['RS-9449-050', 'RS-9449-051', 'AS-9449-050'])).to.equal('RS-9449-050');
    expect(nearestName('zzzzzz', ['nonce', 'refresh'])).to.equal(undefined);
    expect(nearestName('must', ['must', 'should'])).to.equal(undefined); // equal is not a typo
    expect(nearestName('x'.repeat(10_000), ['x'])).to.equal(undefined); // bounded work
    expect(suggestion('mus', ['must', 'should', 'any'])).to.equal('; did you mean "must"?');
    expect(suggestion('qqq', ['must'])).to.equal('');
  });
});
