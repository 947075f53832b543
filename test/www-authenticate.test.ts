import { expect } from 'chai';
import { parseChallenge, parseChallenges } from '../base/www-authenticate.js';

describe('WWW-Authenticate parsing (RFC 9110 §11.6.1)', () => {
  it('reads one challenge with quoted and bare parameters', () => {
    expect(
      parseChallenges('DPoP error="invalid_dpop_proof", error_description="bad, really", algs="ES256 PS256"'),
    ).to.deep.equal([
      {
        scheme: 'dpop',
        params: { error: 'invalid_dpop_proof', error_description: 'bad, really', algs: 'ES256 PS256' },
      },
    ]);
  });

  it('splits several challenges, as RFC 9449 §7.2 Figure 18 sends them, and prefers the DPoP one', () => {
    const value = 'Bearer error="invalid_token", error_description="Invalid token", DPoP algs="ES256 PS256"';
    expect(parseChallenges(value).map((c) => c.scheme)).to.deep.equal(['bearer', 'dpop']);
    expect(parseChallenge(value)).to.deep.equal({ scheme: 'dpop', params: { algs: 'ES256 PS256' } });
  });

  it('reads a bare scheme and a challenge without parameters', () => {
    expect(parseChallenges('Bearer, DPoP algs="ES256"').map((c) => c.scheme)).to.deep.equal(['bearer', 'dpop']);
    expect(parseChallenge('DPoP')).to.deep.equal({ scheme: 'dpop', params: {} });
    expect(parseChallenge(undefined)).to.equal(undefined);
  });
});
