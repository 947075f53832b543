import { expect } from 'chai';
import { base64url } from 'jose';
import { clientKey, loadInputs, type ClientKeyName } from '../base/fixed-inputs.js';
import { deriveSk } from '../protocol/derive-sk.js';
import { publicJwk } from '../protocol/jwk.js';
import { nowSeconds, signCompact } from '../protocol/sign.js';
import { encryptJwk, skJwk, wrapHeaderFor, wrapSk } from '../protocol/sk-wrap.js';
import { jwkThumbprint } from '../protocol/thumbprint.js';
import { createTicket } from '../protocol/ticket.js';
import { mintAccessToken, type AccessTokenClaims } from '../protocol/token-mint.js';
import { CHECKS } from '../runner/checks/registry.js';
import { checkInput, type CheckScenario } from './helpers/check-input.js';

const inputs = loadInputs();
const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
const [r0, r1] = inputs.sample_r;
const now = nowSeconds();

const jktOf = (name: ClientKeyName) => jwkThumbprint(publicJwk(clientKey(name)));
/** SK = HKDF(S_v, R) of the active secret (DPoP-SK §2). */
const skFor = (r: string) => deriveSk(base64url.decode(active.secret), base64url.decode(r));

/** An access token the fixed AS key signs, issued now for ten minutes, with the given cnf. */
function token(cnf: AccessTokenClaims['cnf'], times: { iat?: number; exp?: number } = {}): Promise<string> {
  return mintAccessToken(inputs.as_signing_key, {
    iss: 'https://as.example',
    aud: inputs.audience,
    sub: 'conformance-client',
    client_id: 'conformance-client',
    iat: times.iat ?? now,
    exp: times.exp ?? now + 600,
    cnf,
  });
}

/** A plain RFC 9449 token bound to a client key (cnf.jkt only). */
const boundTo = async (name: ClientKeyName) => token({ jkt: await jktOf(name) });
/** A dpop_sk JWE of SK to client-p256 (DPoP-SK §3 step 4). */
const wrappedToP256 = (sk: Uint8Array) => wrapSk(sk, clientKey('client-p256'));

/** A DPoP-SK Model A cnf: bound to client-p256, SK from R, the SK expiring at skExp. */
async function skCnf(r: string, skExp = now + 300): Promise<AccessTokenClaims['cnf']> {
  return { jkt: await jktOf('client-p256'), sk: { v: active.version, r, exp: skExp } };
}

interface CheckCases {
  /** A scenario in which the check holds. */
  holds: () => Promise<CheckScenario>;
  /** Scenarios in which it fails, each with what its report must say. */
  fails: () => Promise<[CheckScenario, RegExp][]>;
}

const CASES: Record<string, CheckCases> = {
  'token-type-dpop': {
    holds: async () => ({ body: { token_type: 'DPoP' } }),
    fails: async () => [[{ body: { token_type: 'Bearer' } }, /token_type is "Bearer"/]],
  },
  'cnf-jkt-is-proof-key': {
    holds: async () => ({ body: { access_token: await boundTo('client-p256') } }),
    fails: async () => [
      [{ body: { access_token: await boundTo('client-p256-other') } }, /cnf\.jkt is ".+", the proof key/],
      [{ body: { access_token: 'opaque-token' } }, /not a JWT/],
    ],
  },
  'introspection-cnf-jkt': {
    holds: async () => ({ body: { active: true, token_type: 'DPoP', cnf: { jkt: await jktOf('client-p256') } } }),
    fails: async () => [
      [{ body: { active: true, cnf: { jkt: await jktOf('client-p256-other') } } }, /cnf\.jkt is ".+", the proof key/],
      [{ body: { active: true, token_type: 'DPoP' } }, /cnf\.jkt is undefined/],
    ],
  },
  'dpop-sk-for-proof-key-only': {
    holds: async () => ({ body: { dpop_sk: await wrappedToP256(skFor(r0)) } }),
    fails: async () => {
      // kid names the proof key, but the JWE is encrypted to another key
      const encryptTo = clientKey('client-p256-other');
      const toOther = await encryptJwk(await wrapHeaderFor(clientKey('client-p256')), skJwk(skFor(r0)), encryptTo);
      return [
        [{ body: { dpop_sk: toOther } }, /does not open with the proof key \(client-p256\): WRAP_DECRYPT_FAILED/],
        [{ body: {} }, /no dpop_sk/],
      ];
    },
  },
  'dpop-sk-is-hkdf': {
    holds: async () => ({
      body: { access_token: await token(await skCnf(r0)), dpop_sk: await wrappedToP256(skFor(r0)) },
    }),
    fails: async () => [
      // the SK wrapped is HKDF of another R than the token's cnf.sk.r
      [{ body: { access_token: await token(await skCnf(r0)), dpop_sk: await wrappedToP256(skFor(r1)) } }, /not HKDF/],
      [{ body: { access_token: await boundTo('client-p256') } }, /no cnf\.sk/],
    ],
  },
  'cnf-sk-exp-within-token': {
    holds: async () => ({ body: { access_token: await token(await skCnf(r0, now + 300)), dpop_sk_expires_in: 300 } }),
    fails: async () => {
      const skOutlivesToken = await token(await skCnf(r0, now + 900));
      const skFor300 = await token(await skCnf(r0, now + 300));
      // numbers written as strings are not numbers (decodeJws does not verify, so an unsigned token will do)
      const unsigned = (claims: object) => signCompact({ alg: 'none' }, claims);
      const expAsString = await unsigned({ iat: now, exp: String(now + 600), cnf: { sk: { exp: now + 300 } } });
      const skExpAsString = await unsigned({ iat: now, exp: now + 600, cnf: { sk: { exp: String(now + 300) } } });
      return [
        [{ body: { access_token: skOutlivesToken, dpop_sk_expires_in: 900 } }, /cnf\.sk\.exp \d+ is after exp/],
        [{ body: { access_token: skFor300, dpop_sk_expires_in: 60 } }, /iat \+ dpop_sk_expires_in/],
        [{ body: { access_token: expAsString, dpop_sk_expires_in: 300 } }, /token exp is "\d+"/],
        [{ body: { access_token: skExpAsString, dpop_sk_expires_in: 300 } }, /no numeric cnf\.sk\.exp/],
      ];
    },
  },
  'no-dpop-sk': {
    holds: async () => ({
      key: 'client-ed25519',
      body: { access_token: await boundTo('client-ed25519'), token_type: 'DPoP' },
    }),
    fails: async () => {
      const edToken = await boundTo('client-ed25519');
      return [
        [{ key: 'client-ed25519', body: { access_token: edToken, dpop_sk: 'a.b.c.d.e' } }, /has a dpop_sk member/],
        [{ body: { access_token: await token(await skCnf(r0)) } }, /has cnf\.sk/],
      ];
    },
  },
  'fresh-r-on-refresh': {
    holds: async () => ({
      previousClaims: { cnf: await skCnf(r0) },
      body: { access_token: await token(await skCnf(r1)) },
    }),
    fails: async () => {
      const sameR = await token(await skCnf(r0));
      return [
        [{ previousClaims: { cnf: await skCnf(r0) }, body: { access_token: sameR } }, /same as before/],
        [{ body: { access_token: sameR } }, /before the refresh had no cnf\.sk\.r/],
      ];
    },
  },
  'sk-version-rotated': {
    holds: async () => {
      const rotated = await skCnf(r1);
      return {
        previousClaims: { cnf: await skCnf(r0) },
        body: { access_token: await token({ ...rotated, sk: { ...rotated!.sk!, v: 'rotated-1' } }) },
      };
    },
    fails: async () => {
      const sameV = await token(await skCnf(r1));
      return [
        [{ previousClaims: { cnf: await skCnf(r0) }, body: { access_token: sameV } }, /still 2026-11/],
        [{ body: { access_token: sameV } }, /before the refresh had no cnf\.sk\.v/],
        [
          { previousClaims: { cnf: await skCnf(r0) }, body: { access_token: await boundTo('client-p256') } },
          /no cnf\.sk\.v/,
        ],
      ];
    },
  },
  'dpop-nonce-header': {
    holds: async () => ({ status: 400, headers: { 'dpop-nonce': 'n-9Xp_~.eyJ' }, body: { error: 'use_dpop_nonce' } }),
    fails: async () => [
      [{ status: 400, body: { error: 'use_dpop_nonce' } }, /no DPoP-Nonce header/],
      [{ status: 400, headers: { 'dpop-nonce': 'two words' }, body: { error: 'use_dpop_nonce' } }, /not NQCHAR/],
    ],
  },
  'missing-proof-conforming': {
    holds: async () => ({ status: 400, body: { error: 'invalid_dpop_proof' } }),
    fails: async () => {
      const bound = await boundTo('client-p256');
      return [
        [{ status: 200, body: { access_token: bound, token_type: 'DPoP' } }, /token_type "DPoP"/],
        [{ status: 200, body: { access_token: bound, token_type: 'Bearer' } }, /carries cnf\.jkt/],
        [{ status: 400, body: {} }, /400 without an error member/],
      ];
    },
  },
  'token-error-response': {
    holds: async () => ({ status: 400, body: { error: 'invalid_grant' } }),
    fails: async () => [
      [{ status: 400, body: {} }, /without an error member/],
      [{ status: 401, body: { error: 'invalid_grant' } }, /401 with error "invalid_grant"/],
      [{ status: 500, body: { error: 'server_error' } }, /500 with error/],
    ],
  },
  'metadata-issuer': {
    holds: async () => ({ issuer: 'https://as.example/t1', body: { issuer: 'https://as.example/t1' } }),
    fails: async () => [
      [
        { issuer: 'https://as.example', body: { issuer: 'https://as.example/' } },
        /issuer is "https:\/\/as\.example\/"/,
      ],
      [{ issuer: 'https://as.example', body: {} }, /issuer is not a string/],
    ],
  },
  'no-dpop-proxy-authenticate': {
    // other schemes, and "DPoP" inside a quoted parameter (after a comma there too) or as a parameter name, are not the DPoP scheme
    holds: async () => ({
      status: 401,
      headers: {
        'proxy-authenticate': 'Basic realm="DPoP", Newauth dpop="x", Digest realm="a, DPoP b", Bearer',
        'www-authenticate': 'DPoP',
      },
    }),
    fails: async () => [
      [{ status: 401, headers: { 'proxy-authenticate': 'DPoP algs="ES256"' } }, /Proxy-Authenticate: DPoP algs/],
      [
        { status: 401, headers: { 'proxy-authenticate': 'Basic realm="x", dpop error="invalid_token"' } },
        /Proxy-Authenticate: Basic realm="x", dpop error/,
      ],
      [{ status: 407, headers: { 'proxy-authenticate': 'Newauth abc==, DPoP' } }, /Newauth abc==, DPoP$/],
    ],
  },
  'negotiated-sk-for-proof-key-only': {
    holds: async () => {
      const sk = skFor(r0);
      const rsKey = new Uint8Array(32).fill(4);
      const ticket = await createTicket(rsKey, { sk, jkt: await jktOf('client-p256'), exp: now + 300 });
      const header = await wrapSk(sk, clientKey('client-p256'), { kid: ticket }); // DPoP-SK §6 step 3
      return { headers: { 'dpop-sk': header, 'dpop-sk-expires-in': '300' } };
    },
    fails: async () => {
      const header = await wrappedToP256(skFor(r0));
      return [
        [{ headers: { 'dpop-sk': header, 'dpop-sk-expires-in': '300' } }, /no kid \(ticket\)/],
        [{ headers: {} }, /no DPoP-SK header/],
      ];
    },
  },
};

describe('named checks (runner/checks/): each holds on a conforming answer and reports a faulty one', () => {
  it('every check in the registry is tested here', () => {
    expect(Object.keys(CASES).sort()).to.deep.equal(Object.keys(CHECKS).sort());
  });

  for (const [name, c] of Object.entries(CASES)) {
    describe(name, () => {
      it('holds', async () => {
        expect(await CHECKS[name].run(checkInput(await c.holds()))).to.equal(undefined);
      });

      it('fails, saying what it found', async () => {
        for (const [scenario, says] of await c.fails()) {
          const failure = await CHECKS[name].run(checkInput(scenario));
          expect(failure, JSON.stringify(scenario).slice(0, 200)).to.be.a('string').and.match(says);
        }
      });
    });
  }
});
