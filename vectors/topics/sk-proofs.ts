import { base64url } from 'jose';
import { deriveSkB64 } from '../../protocol/derive-sk.js';
import { publicJwk } from '../../protocol/jwk.js';
import { clientKey, loadInputs } from '../../base/fixed-inputs.js';
import { buildDpopProof, type ProofClaimInputs, type ProofMutation } from '../../protocol/proof-build.js';
import { verifySkProof } from '../../protocol/sk-proof-verify.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { mintAccessToken } from '../../protocol/token-mint.js';
import { FileBuilder, verdictFields } from '../lib/builder.js';
import type { Topic } from '../lib/types.js';
import type { ProofCaseBase } from '../lib/proof-case.js';
import { verdictOf } from '../lib/verdict.js';
import { VECTOR_IAT_WINDOW, VECTOR_NOW } from './vector-clock.js';

const RS = 'https://rs.example.com/resource';

interface Case extends ProofCaseBase {
  /** MAC key other than the token's SK (base64url). */
  key?: string;
  /** What the client puts in the proof besides the defaults (GET to the RS, ath of the group token). */
  proof?: Partial<ProofClaimInputs>;
  request?: { htm?: string; htu?: string; nonces?: string[] };
}

const setClaims = (claims: Record<string, unknown>): ProofMutation => ({ setClaims: claims });
const setHeader = (header: Record<string, unknown>): ProofMutation => ({ setHeader: header });

function cases(otherSk: string, secret: string): Case[] {
  return [
    { comment: 'GET with a correct symmetric proof' },
    { comment: 'POST with a correct symmetric proof', proof: { htm: 'POST' }, request: { htm: 'POST' } },
    { comment: 'request URI has a query; htu omits it', flags: ['QueryIgnored'], request: { htu: `${RS}?page=2` } },
    {
      comment: 'htu differs only by host case and default port',
      flags: ['Normalization'],
      proof: { htu: 'https://RS.EXAMPLE.com:443/resource' },
    },
    { comment: 'proof carrying the RS nonce', proof: { nonce: 'rs-nonce-1' }, request: { nonces: ['rs-nonce-1'] } },
    { comment: "MAC made with another token's SK", reason: 'PROOF_BAD_MAC', flags: ['OtherSk'], key: otherSk },
    {
      comment: 'MAC made with S_V itself instead of the derived SK',
      reason: 'PROOF_BAD_MAC',
      flags: ['UnderivedKey'],
      key: secret,
    },
    {
      comment: 'alg HS384',
      reason: 'PROOF_ALG_NOT_ALLOWED',
      flags: ['WrongAlg'],
      mutation: setHeader({ alg: 'HS384' }),
    },
    { comment: 'alg none', reason: 'PROOF_ALG_NOT_ALLOWED', flags: ['WrongAlg'], mutation: setHeader({ alg: 'none' }) },
    {
      comment: 'typ dpop+jwt on a MAC proof',
      reason: 'PROOF_BAD_TYP',
      flags: ['WrongTyp'],
      mutation: setHeader({ typ: 'dpop+jwt' }),
    },
    {
      comment: 'jwk header present',
      reason: 'PROOF_FORBIDDEN_HEADER',
      flags: ['ForbiddenHeader'],
      mutation: setHeader({ jwk: publicJwk(clientKey('client-p256')) }),
    },
    {
      comment: 'jku header present',
      reason: 'PROOF_FORBIDDEN_HEADER',
      flags: ['ForbiddenHeader'],
      mutation: setHeader({ jku: 'https://client.example.com/jwks' }),
    },
    {
      comment: 'kid present in a Model A proof',
      reason: 'PROOF_KID_UNEXPECTED',
      flags: ['KidInModelA'],
      mutation: setHeader({ kid: 'ticket' }),
    },
    {
      comment: 'ath absent (required in symmetric proofs)',
      reason: 'PROOF_MISSING_CLAIM',
      flags: ['MissingAth'],
      mutation: { dropClaims: ['ath'] },
    },
    {
      comment: 'ath is the hash of another token',
      reason: 'PROOF_ATH_MISMATCH',
      flags: ['WrongAth'],
      mutation: { athOver: 'another-token' },
    },
    {
      comment: 'jti absent',
      reason: 'PROOF_MISSING_CLAIM',
      flags: ['MissingClaim'],
      mutation: { dropClaims: ['jti'] },
    },
    {
      comment: 'htm POST on a GET request',
      reason: 'PROOF_HTM_MISMATCH',
      flags: ['WrongHtm'],
      mutation: setClaims({ htm: 'POST' }),
    },
    {
      comment: 'htu names another resource',
      reason: 'PROOF_HTU_MISMATCH',
      flags: ['WrongHtu'],
      mutation: setClaims({ htu: 'https://rs.example.com/other' }),
    },
    {
      comment: 'iat 300 s in the past',
      reason: 'PROOF_IAT_OUT_OF_WINDOW',
      flags: ['IatWindow'],
      mutation: setClaims({ iat: VECTOR_NOW - 300 }),
    },
    {
      comment: 'nonce required but absent',
      reason: 'PROOF_NONCE_MISMATCH',
      flags: ['Nonce'],
      request: { nonces: ['rs-nonce-1'] },
    },
  ];
}

/** The MAC key: an HS384 proof gets a 384-bit key (SK || SK[0..16)), as RFC 7518 §3.2 asks of HS384 keys. */
function macKey(key: Uint8Array, m: ProofMutation | undefined): Uint8Array {
  return m?.setHeader?.alg === 'HS384' ? new Uint8Array([...key, ...key.subarray(0, 16)]) : key;
}

export const skProofs: Topic = {
  name: 'sk-proofs',
  async generate(keep) {
    const inputs = loadInputs();
    const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
    const jkt = await jwkThumbprint(publicJwk(inputs.client_keys['client-p256']));
    const f = new FileBuilder();
    for (const [i, r] of inputs.sample_r.slice(0, 2).entries()) {
      const sk = deriveSkB64(active.secret, r);
      const otherSk = deriveSkB64(active.secret, inputs.sample_r[2]);
      const index = f.groups.length;
      const accessToken = await keep.group(index, 'accessToken', () =>
        mintAccessToken(inputs.as_signing_key, {
          iss: 'https://as.example.com',
          aud: inputs.audience,
          sub: 'conformance-client',
          client_id: 'conformance-client',
          iat: VECTOR_NOW - 10,
          exp: VECTOR_NOW + 600,
          jti: `vector-token-${i}`,
          cnf: { jkt, sk: { v: active.version, r, exp: VECTOR_NOW + 300 } },
        }),
      );
      const g = f.group('SymmetricProof', {
        model: 'A',
        accessToken,
        sk,
        skFrom: { version: active.version, r },
        iatWindow: VECTOR_IAT_WINDOW,
      });
      for (const c of cases(otherSk, active.secret)) {
        const tcId = g.nextId();
        const proof = await buildDpopProof({
          symmetric: { sk: macKey(base64url.decode(c.key ?? sk), c.mutation) },
          htm: 'GET',
          htu: RS,
          accessToken,
          jti: `vector-sk-proof-${tcId}`,
          iat: VECTOR_NOW - 5,
          ...c.proof,
          mutation: c.mutation,
        });
        g.add({
          ...verdictFields(c),
          proof,
          now: VECTOR_NOW,
          htm: c.request?.htm ?? 'GET',
          htu: c.request?.htu ?? RS,
          ...(c.request?.nonces ? { nonces: c.request.nonces } : {}),
        });
      }
    }
    return {
      description:
        'DPoP-SK Model A symmetric proofs (DPoP-SK §4, §5 steps 5-6): HS256 under SK = HKDF(S_V, R) of the group access token, judged at now with ±iatWindow seconds.',
      specs: ['DPoP-SK §4', 'DPoP-SK §5', 'RFC 9449 §4.3'],
      notes: {
        QueryIgnored: 'The request URI query is not part of the htu comparison.',
        Normalization: 'htu compared after RFC 3986 normalisation.',
        OtherSk: 'MAC key is the SK of another token.',
        UnderivedKey: 'MAC key is S_V rather than the derived SK.',
        WrongAlg: 'alg is not HS256.',
        WrongTyp: 'typ is not dpop-sk+jwt.',
        ForbiddenHeader: 'jwk, jku, x5c or x5u present.',
        KidInModelA: 'Model A proofs carry no kid.',
        MissingAth: 'ath is required in symmetric proofs.',
        WrongAth: 'ath does not match the token.',
        MissingClaim: 'A required claim is absent.',
        WrongHtm: 'htm does not match.',
        WrongHtu: 'htu does not match.',
        IatWindow: 'iat outside the window.',
        Nonce: 'Nonce required and absent (use_dpop_nonce).',
      },
      testGroups: f.groups,
    };
  },
  async evaluate(group, t) {
    return verdictOf(() =>
      verifySkProof(t.proof as string, base64url.decode(group.sk as string), {
        model: 'A',
        accessToken: group.accessToken as string,
        htm: t.htm as string,
        htu: t.htu as string,
        now: t.now as number,
        iatWindow: group.iatWindow as number,
        nonces: t.nonces as string[] | undefined,
      }),
    );
  },
};
