import type { JWK, JWSHeaderParameters } from 'jose';
import { derSigned, flipMiddle } from '../../runner/proof/build.js';
import { accessTokenHash } from '../../protocol/ath.js';
import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';
import { verifyProof } from '../../protocol/proof-verify.js';
import { signCompact } from '../../protocol/sign.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { FileBuilder } from '../lib/builder.js';
import type { Keeper } from '../lib/keeper.js';
import type { Topic } from '../lib/types.js';
import { dropClaim as drop, setClaim as set, type ProofCaseBase } from '../lib/proof-case.js';
import { verdictOf } from '../lib/verdict.js';
import { EXAMPLE_TOKEN, VECTOR_IAT_WINDOW, VECTOR_NOW } from './vector-clock.js';

const KEYS: ClientKeyName[] = ['client-p256', 'client-p384', 'client-rsa2048', 'client-ed25519'];
const AS = 'https://as.example.com/token';
const RS = 'https://rs.example.com/resource';
const DETERMINISTIC = ['EdDSA', 'HS256', 'none'];

interface Case extends ProofCaseBase {
  /** Request context the proof is judged in. */
  request?: { htm?: string; htu?: string; accessToken?: string; nonces?: string[]; expectedJkt?: string };
  /** Replaces signing (for signatures made some other way). */
  sign?: (header: JWSHeaderParameters, claims: Record<string, unknown>, jwk: JWK) => Promise<string>;
  post?: (proof: string) => string;
}

const flipSignature = (jws: string) => { const [h, p, s] = jws.split('.'); return `${h}.${p}.${flipMiddle(s)}`; };

function cases(jwk: JWK, otherJkt: string): Case[] {
  const tokenReq = { htm: 'POST', htu: AS };
  const resource = { htm: 'GET', htu: RS, accessToken: EXAMPLE_TOKEN };
  const withAth = set('ath', accessTokenHash(EXAMPLE_TOKEN));
  const res = (c: Record<string, unknown>) => withAth({ ...c, htm: 'GET', htu: RS });
  const list: Case[] = [
    { comment: 'token request proof (no ath)', request: tokenReq },
    { comment: 'resource request proof with ath, key matches cnf.jkt', claims: res, request: resource },
    { comment: 'proof carrying the server-provided nonce', claims: set('nonce', 'nonce-1'), request: { ...tokenReq, nonces: ['nonce-0', 'nonce-1'] } },
    { comment: 'request URI has a query; htu omits it (RFC 9449 §4.3 check 9)', flags: ['QueryIgnored'], claims: res, request: { ...resource, htu: `${RS}?x=1&y=2` } },
    { comment: 'htu differs only by host case and default port (RFC 3986 §6.2.2, §6.2.3)', flags: ['Normalization'], claims: (c) => ({ ...res(c), htu: 'https://RS.Example.COM:443/resource' }), request: resource },
    { comment: 'extra claims, an exp claim and an extra header parameter are ignored', flags: ['ExtraMembers'], header: (h) => ({ ...h, kid: 'extra-kid' }), claims: (c) => ({ ...c, exp: VECTOR_NOW + 60, client_note: 'x' }), request: tokenReq },
    { comment: 'iat exactly at the edge of the window', flags: ['IatEdge'], claims: set('iat', VECTOR_NOW - VECTOR_IAT_WINDOW), request: tokenReq },
    // invalid
    { comment: 'alg none', reason: 'PROOF_ALG_NOT_ALLOWED', flags: ['AlgNone'], header: (h) => ({ ...h, alg: 'none' }), request: tokenReq },
    { comment: 'alg HS256 (symmetric) with typ dpop+jwt', reason: 'PROOF_ALG_NOT_ALLOWED', flags: ['SymmetricAlg'], header: (h) => ({ ...h, alg: 'HS256' }), sign: (h, c) => signCompact(h, c, new Uint8Array(32).fill(1)), request: tokenReq },
    { comment: 'jwk header carries the private key', reason: 'PROOF_JWK_PRIVATE', flags: ['PrivateJwk'], header: (h) => ({ ...h, jwk: jwk }), request: tokenReq },
    { comment: 'typ JWT', reason: 'PROOF_BAD_TYP', flags: ['WrongTyp'], header: (h) => ({ ...h, typ: 'JWT' }), request: tokenReq },
    { comment: 'typ absent', reason: 'PROOF_BAD_TYP', flags: ['WrongTyp'], header: ({ typ: _t, ...h }) => h, request: tokenReq },
    { comment: 'typ dpop-sk+jwt on an asymmetric proof', reason: 'PROOF_BAD_TYP', flags: ['WrongTyp'], header: (h) => ({ ...h, typ: 'dpop-sk+jwt' }), request: tokenReq },
    { comment: 'no jwk header', reason: 'PROOF_JWK_MISSING', flags: ['NoJwk'], header: ({ jwk: _j, ...h }) => h, request: tokenReq },
    { comment: 'htm GET on a POST request', reason: 'PROOF_HTM_MISMATCH', flags: ['WrongHtm'], claims: set('htm', 'GET'), request: tokenReq },
    { comment: 'htm "post" in lower case (methods are case-sensitive, RFC 9110 §9.1)', reason: 'PROOF_HTM_MISMATCH', flags: ['WrongHtm'], claims: set('htm', 'post'), request: tokenReq },
    { comment: 'htu names another path', reason: 'PROOF_HTU_MISMATCH', flags: ['WrongHtu'], claims: set('htu', 'https://as.example.com/authorize'), request: tokenReq },
    { comment: 'htu names another host', reason: 'PROOF_HTU_MISMATCH', flags: ['WrongHtu'], claims: set('htu', 'https://evil.example.com/token'), request: tokenReq },
    { comment: 'htu uses http where the request is https', reason: 'PROOF_HTU_MISMATCH', flags: ['WrongHtu'], claims: set('htu', 'http://as.example.com/token'), request: tokenReq },
    ...(['jti', 'htm', 'htu', 'iat'].map((n) => ({ comment: `${n} claim absent`, reason: 'PROOF_MISSING_CLAIM', flags: ['MissingClaim'], claims: drop(n), request: tokenReq }) as Case)),
    { comment: 'iat is a string', reason: 'PROOF_MISSING_CLAIM', flags: ['MissingClaim'], claims: set('iat', String(VECTOR_NOW)), request: tokenReq },
    { comment: 'signature altered', reason: 'PROOF_BAD_SIGNATURE', flags: ['BadSignature'], post: flipSignature, request: tokenReq },
    { comment: 'iat 300 s in the past', reason: 'PROOF_IAT_OUT_OF_WINDOW', flags: ['IatWindow'], claims: set('iat', VECTOR_NOW - 300), request: tokenReq },
    { comment: 'iat 300 s in the future', reason: 'PROOF_IAT_OUT_OF_WINDOW', flags: ['IatWindow'], claims: set('iat', VECTOR_NOW + 300), request: tokenReq },
    { comment: 'ath is the hash of another token', reason: 'PROOF_ATH_MISMATCH', flags: ['WrongAth'], claims: (c) => ({ ...res(c), ath: accessTokenHash('another-token') }), request: resource },
    { comment: 'ath hashes "DPoP <token>"', reason: 'PROOF_ATH_MISMATCH', flags: ['WrongAth'], claims: (c) => ({ ...res(c), ath: accessTokenHash(`DPoP ${EXAMPLE_TOKEN}`) }), request: resource },
    { comment: 'ath absent while an access token is presented', reason: 'PROOF_MISSING_CLAIM', flags: ['MissingClaim'], claims: (c) => drop('ath')(res(c)), request: resource },
    { comment: 'nonce required but absent', reason: 'PROOF_NONCE_MISMATCH', flags: ['Nonce'], request: { ...tokenReq, nonces: ['nonce-1'] } },
    { comment: 'stale nonce', reason: 'PROOF_NONCE_MISMATCH', flags: ['Nonce'], claims: set('nonce', 'nonce-0'), request: { ...tokenReq, nonces: ['nonce-1'] } },
    { comment: 'proof key differs from the token cnf.jkt', reason: 'PROOF_JKT_MISMATCH', flags: ['JktMismatch'], claims: res, request: { ...resource, expectedJkt: otherJkt } },
  ];
  if (jwk.alg === 'ES256') {
    list.push({ comment: 'ES256 signature in DER rather than R||S (RFC 7518 §3.4)', reason: 'PROOF_BAD_SIGNATURE', flags: ['DerSignature'], sign: async (h, c) => derSigned(h, c, jwk), request: tokenReq });
  }
  return list;
}

async function build(keep: Keeper, g: { nextId: () => number; add: (t: never) => number }, jwk: JWK, jkt: string, c: Case) {
  const tcId = g.nextId();
  const header = (c.header ?? ((h) => h))({ typ: 'dpop+jwt', alg: jwk.alg, jwk: publicJwk(jwk) });
  const claims = (c.claims ?? ((x) => x))({ jti: `vector-proof-${tcId}`, htm: 'POST', htu: AS, iat: VECTOR_NOW - 5 });
  const make = async () => (c.post ?? ((p) => p))(await (c.sign ?? ((h, cl) => signCompact(h, cl, jwk)))(header, claims, jwk));
  const proof = DETERMINISTIC.includes(String(header.alg)) && !c.sign ? await make() : await keep.test(tcId, 'proof', make);
  const r = c.request ?? {};
  const expectedJkt = 'expectedJkt' in r ? r.expectedJkt : r.accessToken ? jkt : undefined;
  g.add({
    comment: c.comment, flags: c.flags ?? [], result: c.reason ? 'invalid' : 'valid', ...(c.reason ? { reason: c.reason } : {}),
    proof, now: VECTOR_NOW, htm: r.htm, htu: r.htu,
    ...(r.accessToken ? { accessToken: r.accessToken } : {}), ...(r.nonces ? { nonces: r.nonces } : {}), ...(expectedJkt ? { expectedJkt } : {}),
  } as never);
}

export const proofs: Topic = {
  name: 'proofs',
  async generate(keep) {
    const inputs = loadInputs();
    const otherJkt = await jwkThumbprint(publicJwk(inputs.client_keys['client-p256-other']));
    const f = new FileBuilder();
    for (const name of KEYS) {
      const jwk = inputs.client_keys[name];
      const jkt = await jwkThumbprint(publicJwk(jwk));
      const g = f.group('AsymmetricProof', { key: name, alg: jwk.alg, jwk: publicJwk(jwk), jkt, iatWindow: VECTOR_IAT_WINDOW });
      for (const c of cases(jwk, otherJkt)) await build(keep, g, jwk, jkt, c);
    }
    return {
      description: 'RFC 9449 asymmetric DPoP proofs judged as a server would (RFC 9449 §4.3): each test gives the request (htm, htu, presented access token, accepted nonces, token cnf.jkt) and the fixed now; the iat window is ±iatWindow seconds.',
      specs: ['RFC 9449 §4.2', 'RFC 9449 §4.3', 'RFC 9449 §7.1', 'RFC 7518 §3.4'],
      notes: {
        QueryIgnored: 'The request URI query is not part of the htu comparison.',
        Normalization: 'htu compared after RFC 3986 §6.2.2/§6.2.3 normalisation.',
        ExtraMembers: 'Unknown claims and header parameters are ignored.',
        IatEdge: 'iat exactly iatWindow seconds before now is still accepted.',
        AlgNone: 'Unsecured JWS.', SymmetricAlg: 'MAC algorithm in an asymmetric proof.', PrivateJwk: 'Private key members in jwk.',
        WrongTyp: 'typ is not dpop+jwt.', NoJwk: 'No jwk header.', WrongHtm: 'htm does not match.', WrongHtu: 'htu does not match.',
        MissingClaim: 'A required claim is absent or mistyped.', BadSignature: 'Signature does not verify.', IatWindow: 'iat outside the window.',
        WrongAth: 'ath does not match the presented token.', Nonce: 'Nonce required and missing or stale (use_dpop_nonce).',
        JktMismatch: 'Proof key is not the key the token is bound to.', DerSignature: 'ECDSA signature in DER encoding.',
      },
      testGroups: f.groups,
    };
  },
  async evaluate(group, t) {
    return verdictOf(() =>
      verifyProof(t.proof as string, {
        htm: t.htm as string, htu: t.htu as string, now: t.now as number, iatWindow: group.iatWindow as number,
        accessToken: t.accessToken as string | undefined, nonces: t.nonces as string[] | undefined, expectedJkt: t.expectedJkt as string | undefined,
      }),
    );
  },
};
