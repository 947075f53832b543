import { expect } from 'chai';
import { parse } from 'yaml';
import { definition } from '../runner/suite/case-schema.js';
import { mutationCount, mutationRule } from '../runner/suite/mutation-count.js';
import type { Step } from '../runner/suite/types.js';

/** The count for steps written as YAML flow mappings, one a line. */
const count = (...steps: string[]): number => mutationCount(steps.map((s) => parse(s) as Step));

describe('mutation count: the x-mutation marks of suites/case.schema.json', () => {
  it('counts nothing in a valid request, whatever valid variation it picks', () => {
    expect(
      count('token: { grant: authorization_code, client: public, key: client-p384, proof: { alg: ES384 } }'),
    ).to.equal(0);
    expect(count('mint_token: { key: client-rsa2048, sk: { secret_from: v1 } }', 'request: { method: POST }')).to.equal(
      0,
    );
  });

  it('counts a marked property once, at any depth', () => {
    expect(count('request: { no_proof: true }')).to.equal(1);
    expect(count('request: { proof: { mutation: { set_claims: { htm: POST, htu: x } } } }')).to.equal(1);
    expect(count('mint_token: { sk: { version: v9 } }')).to.equal(1);
    expect(count('request: { scheme: Bearer, no_proof: true }')).to.equal(2);
    expect(count('mint_token: { expires_in: -60 }', 'request: { proof: { htm: POST } }')).to.equal(2);
  });

  it('counts token params and minted claims, which add to or override a valid request', () => {
    expect(count('token: { params: { scope: admin } }')).to.equal(1);
    expect(count('mint_token: { claims: { scope: admin } }')).to.equal(1);
  });

  it('counts dpop_sk unless it is true, and dpop_jkt unless it names the proof key', () => {
    expect(count('token: { dpop_sk: true }')).to.equal(0);
    expect(count('token: { dpop_sk: "yes" }')).to.equal(1);
    expect(count('token: { dpop_sk: false }')).to.equal(1);
    expect(count('token: { grant: authorization_code, dpop_jkt: client-p256 }')).to.equal(0);
    expect(count('token: { grant: authorization_code, dpop_jkt: client-p384, key: client-p384 }')).to.equal(0);
    const jktOfProofKey = 'token: { grant: authorization_code, dpop_jkt: client-p384, proof: { key: client-p384 } }';
    expect(count(jktOfProofKey)).to.equal(0);
    expect(count('token: { grant: authorization_code, dpop_jkt: client-p256-other }')).to.equal(1);
  });

  it('reads marks at a use site and on what its $ref names', () => {
    expect(mutationRule(definition('tokenStep').properties!.no_proof)?.says).to.equal('yes');
    expect(mutationRule(definition('proof').properties!.mutation)?.says).to.equal('yes');
    expect(mutationRule(definition('proof').properties!.key)).to.equal(undefined);
    expect(() => mutationRule({ 'x-mutation': 'sometimes' })).to.throw(/unknown x-mutation value "sometimes"/);
  });
});
