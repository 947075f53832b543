import type { JWK } from 'jose';
import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';
import { buildDpopProof, type ProofClaimInputs, type ProofMutation } from '../../protocol/proof-build.js';
import { verifyProof } from '../../protocol/proof-verify.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { FileBuilder, verdictFields } from '../lib/builder.js';
import type { Keeper } from '../lib/keeper.js';
import type { Topic } from '../lib/types.js';
import type { ProofCaseBase } from '../lib/proof-case.js';
import { verdictOf } from '../lib/verdict.js';
import { EXAMPLE_TOKEN, VECTOR_IAT_WINDOW, VECTOR_NOW } from './vector-clock.js';

const KEYS: ClientKeyName[] = ['client-p256', 'client-p384', 'client-rsa2048', 'client-ed25519'];
const AS = 'https://as.example.com/token';
const RS = 'https://rs.example.com/resource';
/**
 * Algorithms whose signatures are a function of the input, so always recomputed.
 * (A MAC alg on an asymmetric proof is MACed with the builder's arbitrary key: kept as committed.)
 */
const DETERMINISTIC = ['EdDSA', 'none'];

interface Case extends ProofCaseBase {
  /** What the client puts in the proof; default a token request proof (POST to the AS, no ath). */
  proof?: Partial<ProofClaimInputs>;
  /** Request context the proof is judged in. */
  request?: { htm?: string; htu?: string; accessToken?: string; nonces?: string[]; expectedJkt?: string };
}

const setClaims = (claims: Record<string, unknown>): ProofMutation => ({ setClaims: claims });
const setHeader = (header: Record<string, unknown>): ProofMutation => ({ setHeader: header });

function cases(jwk: JWK, otherJkt: string): Case[] {
  const tokenReq = { htm: 'POST', htu: AS };
  const resource = { htm: 'GET', htu: RS, accessToken: EXAMPLE_TOKEN };
  const list: Case[] = [
    { comment: 'token request proof (no ath)', request: tokenReq },
    { comment: 'resource request proof with ath, key matches cnf.jkt', proof: resource, request: resource },
    {
      comment: 'proof carrying the server-provided nonce',
      proof: { nonce: 'nonce-1' },
      request: { ...tokenReq, nonces: ['nonce-0', 'nonce-1'] },
    },
    {
      comment: 'request URI has a query; htu omits it (RFC 9449 §4.3 check 9)',
      flags: ['QueryIgnored'],
      proof: resource,
      request: { ...resource, htu: `${RS}?x=1&y=2` },
    },
    {
      comment: 'htu differs only by host case and default port (RFC 3986 §6.2.2, §6.2.3)',
      flags: ['Normalization'],
      proof: { ...resource, htu: 'https://RS.Example.COM:443/resource' },
      request: resource,
    },
    {
      comment: 'extra claims, an exp claim and an extra header parameter are ignored',
      flags: ['ExtraMembers'],
      mutation: { setHeader: { kid: 'extra-kid' }, setClaims: { exp: VECTOR_NOW + 60, client_note: 'x' } },
      request: tokenReq,
    },
    {
      comment: 'iat exactly at the edge of the window',
      flags: ['IatEdge'],
      proof: { iat: VECTOR_NOW - VECTOR_IAT_WINDOW },
      request: tokenReq,
    },
    // invalid
    {
      comment: 'alg none',
      reason: 'PROOF_ALG_NOT_ALLOWED',
      flags: ['AlgNone'],
      mutation: setHeader({ alg: 'none' }),
      request: tokenReq,
    },
    {
      comment: 'alg HS256 (symmetric) with typ dpop+jwt',
      reason: 'PROOF_ALG_NOT_ALLOWED',
      flags: ['SymmetricAlg'],
      mutation: setHeader({ alg: 'HS256' }),
      request: tokenReq,
    },
    {
      comment: 'jwk header carries the private key',
      reason: 'PROOF_JWK_PRIVATE',
      flags: ['PrivateJwk'],
      mutation: { privateJwk: true },
      request: tokenReq,
    },
    {
      comment: 'typ JWT',
      reason: 'PROOF_BAD_TYP',
      flags: ['WrongTyp'],
      mutation: setHeader({ typ: 'JWT' }),
      request: tokenReq,
    },
    {
      comment: 'typ absent',
      reason: 'PROOF_BAD_TYP',
      flags: ['WrongTyp'],
      mutation: { dropHeader: ['typ'] },
      request: tokenReq,
    },
    {
      comment: 'typ dpop-sk+jwt on an asymmetric proof',
      reason: 'PROOF_BAD_TYP',
      flags: ['WrongTyp'],
      mutation: setHeader({ typ: 'dpop-sk+jwt' }),
      request: tokenReq,
    },
    {
      comment: 'no jwk header',
      reason: 'PROOF_JWK_MISSING',
      flags: ['NoJwk'],
      mutation: { dropHeader: ['jwk'] },
      request: tokenReq,
    },
    {
      comment: 'htm GET on a POST request',
      reason: 'PROOF_HTM_MISMATCH',
      flags: ['WrongHtm'],
      mutation: setClaims({ htm: 'GET' }),
      request: tokenReq,
    },
    {
      comment: 'htm "post" in lower case (methods are case-sensitive, RFC 9110 §9.1)',
      reason: 'PROOF_HTM_MISMATCH',
      flags: ['WrongHtm'],
      mutation: setClaims({ htm: 'post' }),
      request: tokenReq,
    },
    {
      comment: 'htu names another path',
      reason: 'PROOF_HTU_MISMATCH',
      flags: ['WrongHtu'],
      mutation: setClaims({ htu: 'https://as.example.com/authorize' }),
      request: tokenReq,
    },
    {
      comment: 'htu names another host',
      reason: 'PROOF_HTU_MISMATCH',
      flags: ['WrongHtu'],
      mutation: setClaims({ htu: 'https://evil.example.com/token' }),
      request: tokenReq,
    },
    {
      comment: 'htu uses http where the request is https',
      reason: 'PROOF_HTU_MISMATCH',
      flags: ['WrongHtu'],
      mutation: setClaims({ htu: 'http://as.example.com/token' }),
      request: tokenReq,
    },
    ...['jti', 'htm', 'htu', 'iat'].map((n): Case => ({
      comment: `${n} claim absent`,
      reason: 'PROOF_MISSING_CLAIM',
      flags: ['MissingClaim'],
      mutation: { dropClaims: [n] },
      request: tokenReq,
    })),
    {
      comment: 'iat is a string',
      reason: 'PROOF_MISSING_CLAIM',
      flags: ['MissingClaim'],
      mutation: setClaims({ iat: String(VECTOR_NOW) }),
      request: tokenReq,
    },
    {
      comment: 'signature altered',
      reason: 'PROOF_BAD_SIGNATURE',
      flags: ['BadSignature'],
      mutation: { corruptSignature: true },
      request: tokenReq,
    },
    {
      comment: 'iat 300 s in the past',
      reason: 'PROOF_IAT_OUT_OF_WINDOW',
      flags: ['IatWindow'],
      mutation: setClaims({ iat: VECTOR_NOW - 300 }),
      request: tokenReq,
    },
    {
      comment: 'iat 300 s in the future',
      reason: 'PROOF_IAT_OUT_OF_WINDOW',
      flags: ['IatWindow'],
      mutation: setClaims({ iat: VECTOR_NOW + 300 }),
      request: tokenReq,
    },
    {
      comment: 'ath is the hash of another token',
      reason: 'PROOF_ATH_MISMATCH',
      flags: ['WrongAth'],
      proof: resource,
      mutation: { athOver: 'another-token' },
      request: resource,
    },
    {
      comment: 'ath hashes "DPoP <token>"',
      reason: 'PROOF_ATH_MISMATCH',
      flags: ['WrongAth'],
      proof: resource,
      mutation: { athOver: `DPoP ${EXAMPLE_TOKEN}` },
      request: resource,
    },
    {
      comment: 'ath absent while an access token is presented',
      reason: 'PROOF_MISSING_CLAIM',
      flags: ['MissingClaim'],
      proof: resource,
      mutation: { dropClaims: ['ath'] },
      request: resource,
    },
    {
      comment: 'nonce required but absent',
      reason: 'PROOF_NONCE_MISMATCH',
      flags: ['Nonce'],
      request: { ...tokenReq, nonces: ['nonce-1'] },
    },
    {
      comment: 'stale nonce',
      reason: 'PROOF_NONCE_MISMATCH',
      flags: ['Nonce'],
      proof: { nonce: 'nonce-0' },
      request: { ...tokenReq, nonces: ['nonce-1'] },
    },
    {
      comment: 'proof key differs from the token cnf.jkt',
      reason: 'PROOF_JKT_MISMATCH',
      flags: ['JktMismatch'],
      proof: resource,
      request: { ...resource, expectedJkt: otherJkt },
    },
  ];
  if (jwk.alg === 'ES256') {
    list.push({
      comment: 'ES256 signature in DER rather than R||S (RFC 7518 §3.4)',
      reason: 'PROOF_BAD_SIGNATURE',
      flags: ['DerSignature'],
      mutation: { derSignature: true },
      request: tokenReq,
    });
  }
  return list;
}

/** True when the proof's signature is a function of its input, so it is recomputed rather than kept. */
function isDeterministic(jwk: JWK, m: ProofMutation | undefined): boolean {
  const alg = m?.setHeader?.alg ?? jwk.alg;
  return typeof alg === 'string' && DETERMINISTIC.includes(alg) && !m?.derSignature;
}

type Group = { nextId: () => number; add: (t: never) => number };

async function build(keep: Keeper, g: Group, jwk: JWK, jkt: string, c: Case) {
  const tcId = g.nextId();
  const make = () =>
    buildDpopProof({
      jwk,
      htm: 'POST',
      htu: AS,
      jti: `vector-proof-${tcId}`,
      iat: VECTOR_NOW - 5,
      ...c.proof,
      mutation: c.mutation,
    });
  const proof = isDeterministic(jwk, c.mutation) ? await make() : await keep.test(tcId, 'proof', make);
  const r = c.request ?? {};
  const expectedJkt = 'expectedJkt' in r ? r.expectedJkt : r.accessToken ? jkt : undefined;
  g.add({
    ...verdictFields(c),
    proof,
    now: VECTOR_NOW,
    htm: r.htm,
    htu: r.htu,
    ...(r.accessToken ? { accessToken: r.accessToken } : {}),
    ...(r.nonces ? { nonces: r.nonces } : {}),
    ...(expectedJkt ? { expectedJkt } : {}),
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
      const g = f.group('AsymmetricProof', {
        key: name,
        alg: jwk.alg,
        jwk: publicJwk(jwk),
        jkt,
        iatWindow: VECTOR_IAT_WINDOW,
      });
      for (const c of cases(jwk, otherJkt)) await build(keep, g, jwk, jkt, c);
    }
    return {
      description:
        'RFC 9449 asymmetric DPoP proofs judged as a server would (RFC 9449 §4.3): each test gives the request (htm, htu, presented access token, accepted nonces, token cnf.jkt) and the fixed now; the iat window is ±iatWindow seconds.',
      specs: ['RFC 9449 §4.2', 'RFC 9449 §4.3', 'RFC 9449 §7.1', 'RFC 7518 §3.4'],
      notes: {
        QueryIgnored: 'The request URI query is not part of the htu comparison.',
        Normalization: 'htu compared after RFC 3986 §6.2.2/§6.2.3 normalisation.',
        ExtraMembers: 'Unknown claims and header parameters are ignored.',
        IatEdge: 'iat exactly iatWindow seconds before now is still accepted.',
        AlgNone: 'Unsecured JWS.',
        SymmetricAlg: 'MAC algorithm in an asymmetric proof.',
        PrivateJwk: 'Private key members in jwk.',
        WrongTyp: 'typ is not dpop+jwt.',
        NoJwk: 'No jwk header.',
        WrongHtm: 'htm does not match.',
        WrongHtu: 'htu does not match.',
        MissingClaim: 'A required claim is absent or mistyped.',
        BadSignature: 'Signature does not verify.',
        IatWindow: 'iat outside the window.',
        WrongAth: 'ath does not match the presented token.',
        Nonce: 'Nonce required and missing or stale (use_dpop_nonce).',
        JktMismatch: 'Proof key is not the key the token is bound to.',
        DerSignature: 'ECDSA signature in DER encoding.',
      },
      testGroups: f.groups,
    };
  },
  async evaluate(group, t) {
    return verdictOf(() =>
      verifyProof(t.proof as string, {
        htm: t.htm as string,
        htu: t.htu as string,
        now: t.now as number,
        iatWindow: group.iatWindow as number,
        accessToken: t.accessToken as string | undefined,
        nonces: t.nonces as string[] | undefined,
        expectedJkt: t.expectedJkt as string | undefined,
      }),
    );
  },
};
