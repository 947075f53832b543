import { expect } from 'chai';
import { asText, at } from '../base/json-value.js';

describe('base/json-value.ts: decoded JSON is unknown until checked', () => {
  it('at() follows a path of members and gives undefined where a step is not a JSON object', () => {
    const claims: unknown = JSON.parse('{"cnf":{"sk":{"r":"abc","exp":5}},"list":[{"r":1}],"s":"str","n":null}');
    expect(at(claims, 'cnf', 'sk', 'r')).to.equal('abc');
    expect(at(claims, 'cnf', 'sk')).to.deep.equal({ r: 'abc', exp: 5 });
    expect(at(claims, 'cnf', 'jkt')).to.equal(undefined);
    expect(at(claims, 's', 'length')).to.equal(undefined);
    expect(at(claims, 'n', 'r')).to.equal(undefined);
    expect(at(claims, 'list', '0')).to.equal(undefined);
    expect(at(undefined, 'cnf')).to.equal(undefined);
    expect(at(claims)).to.equal(claims);
  });

  it('asText() keeps strings and numbers as String() writes them, writes objects as JSON, and null as empty', () => {
    expect(asText('a "b"')).to.equal('a "b"');
    expect(asText(42)).to.equal('42');
    expect(asText(1.5)).to.equal('1.5');
    expect(asText(true)).to.equal('true');
    expect(asText(undefined)).to.equal('');
    expect(asText(null)).to.equal('');
    expect(asText({ a: 1 })).to.equal('{"a":1}');
    expect(asText(['x', 2])).to.equal('["x",2]');
  });
});
