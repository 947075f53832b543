import { expect } from 'chai';
import { fill, TemplateError } from '../runner/engine/template.js';

const scope = {
  as: { token_endpoint: 'https://as.example/token', origin: 'https://as.example' },
  token: 'at-1',
  zero: 0,
  empty: '',
  absent: null,
  first: { ticket: 't.i.c.k.t' },
};

describe('template fill (runner/engine/template.ts): {path} references in case text', () => {
  it('replaces each {path} with the value at that dotted path', () => {
    expect(fill('{as.token_endpoint}', scope)).to.equal('https://as.example/token');
    expect(fill('{as.origin}/r?t={token}&k={first.ticket}', scope)).to.equal('https://as.example/r?t=at-1&k=t.i.c.k.t');
  });

  it('writes falsy values that exist: 0 and the empty string', () => {
    expect(fill('[{zero}][{empty}]', scope)).to.equal('[0][]');
  });

  it('text without references comes back unchanged', () => {
    expect(fill('plain text, no braces', scope)).to.equal('plain text, no braces');
  });

  it('a reference that names nothing is a TemplateError naming the reference', () => {
    const unresolved = [
      '{missing}',
      '{as.nope}',
      '{absent}',
      '{token.length}',
      '{first.ticket.part}',
      '{token}{no.such}',
    ];
    for (const ref of unresolved) {
      expect(() => fill(ref, scope), ref).to.throw(TemplateError, /\{[a-z_.]+\} has no value at this step/);
    }
    expect(() => fill('x {as.nope} y', scope))
      .to.throw(TemplateError, '{as.nope} has no value at this step')
      .with.property('code', 'ERR_TEMPLATE');
  });

  it('leaves braces that are not a reference alone', () => {
    for (const text of ['{}', '{ token }', '{1st}', '{a-b}', '{token', 'token}', '}{', '{as..origin}', '{"a":1}']) {
      expect(fill(text, scope), text).to.equal(text);
    }
  });

  it('fills references inside JSON text and leaves the JSON braces alone, as proof mutations are filled', () => {
    const mutation = JSON.stringify({ set_claims: { htu: '{as.token_endpoint}', nested: { n: 1 } } });
    const filled = { set_claims: { htu: 'https://as.example/token', nested: { n: 1 } } };
    expect(JSON.parse(fill(mutation, scope))).to.deep.equal(filled);
  });
});
