import { expect } from 'chai';
import { base64url, decodeJwt, decodeProtectedHeader } from 'jose';
import { loadInputs } from '../base/fixed-inputs.js';
import { runCases } from '../runner/engine/run.js';
import type { CaseResult } from '../runner/engine/run-case.js';
import { DEFAULT_SEND } from '../runner/http/send.js';
import { neededFeatures } from '../runner/suite/derive-requires.js';
import { loadSuites } from '../runner/suite/load.js';
import type { Case } from '../runner/suite/types.js';
import type { MintStep } from '../runner/suite/case-schema.generated.js';
import { MOCK_FEATURES, planMocks } from '../runner/target/plan-mocks.js';
import { mintTestToken } from '../runner/tokens/mint-test-token.js';

/**
 * Issue #12: the cases for requirements that were observable and not yet covered — RFC 9068
 * §4 typ and iss at the RS (feature jwt-access-token), docs/profile.md §2's 32-byte R, RFC 8414
 * §3.3's metadata issuer and RFC 9110 §15.5.2's challenge on a 401 — pass against the bundled
 * mocks and fail (or, for the MAY cases, end not-exhibited) under the fault made for each.
 */
const IDS = [
  'RS-9449-140',
  'RS-9449-141',
  'RS-9449-142',
  'RS-9449-143',
  'RS-9449-144',
  'RS-SK-A-110',
  'RS-SK-A-111',
  'AS-9449-120',
] as const;

/** What each fault must do to these cases (and nothing else of them). */
const TRIPS: Record<string, Partial<Record<(typeof IDS)[number], CaseResult['status']>>> = {
  'rs-skip-token-typ': { 'RS-9449-140': 'fail', 'RS-9449-141': 'fail' },
  'rs-skip-token-iss': { 'RS-9449-143': 'fail' },
  'rs-token-typ-short-form-only': { 'RS-9449-142': 'fail' },
  'rs-sk-accept-any-r-length': { 'RS-SK-A-110': 'not-exhibited', 'RS-SK-A-111': 'not-exhibited' },
  'as-metadata-issuer-trailing-slash': { 'AS-9449-120': 'fail' },
  'rs-bare-401-without-credentials': { 'RS-9449-144': 'fail' },
};

const cases: Case[] = loadSuites()
  .flatMap((s) => s.cases)
  .filter((c) => (IDS as readonly string[]).includes(c.id));

async function run(faults: string[]): Promise<Map<string, CaseResult>> {
  const plan = await planMocks({ ...DEFAULT_SEND, timeoutMs: 5000 }, faults, cases);
  try {
    return new Map((await runCases(cases, plan, { concurrency: 4 })).map((r) => [r.id, r]));
  } finally {
    await plan.close();
  }
}

describe('issue #12: cases for the requirements not yet covered', function () {
  this.timeout(120_000);

  it('every case is in the catalogue, and the RFC 9068 ones require jwt-access-token, which the mocks declare', () => {
    expect(cases.map((c) => c.id).sort()).to.deep.equal([...IDS].sort());
    for (const id of ['RS-9449-140', 'RS-9449-141', 'RS-9449-142', 'RS-9449-143'])
      expect(cases.find((c) => c.id === id)!.requires, id).to.include('jwt-access-token');
    expect(MOCK_FEATURES).to.include('jwt-access-token');
  });

  it('a mint step that sets typ, omits it or sets iss needs jwt-access-token', () => {
    const need = (mint: MintStep) =>
      neededFeatures({ steps: [{ mint_token: mint }], tags: ['negative'], profile: 'rfc9449' }).map((n) => n.feature);
    expect(need({ typ: 'JWT' })).to.include('jwt-access-token');
    expect(need({ omit_typ: true })).to.include('jwt-access-token');
    expect(need({ issuer: 'https://as.conformance.invalid' })).to.include('jwt-access-token');
    expect(need({ audience: 'urn:other' })).to.not.include('jwt-access-token');
  });

  it('the mint step leaves typ out, and draws an R of the length asked for', async () => {
    const defaults = { issuer: 'https://as.example', audience: loadInputs().audience };
    const plain = await mintTestToken({}, defaults);
    expect(decodeProtectedHeader(plain.token).typ).to.equal('at+jwt');
    const untyped = await mintTestToken({ omit_typ: true }, defaults);
    expect(decodeProtectedHeader(untyped.token)).to.not.have.property('typ');
    for (const n of [31, 33]) {
      const t = await mintTestToken({ sk: { r_length: n } }, defaults);
      const sk = (decodeJwt(t.token).cnf as { sk: { r: string } }).sk;
      expect(base64url.decode(sk.r), `r_length ${n}`).to.have.length(n);
      expect(t.sk, 'an SK for the proof').to.have.length(32);
    }
  });

  it('against the clean mocks every case passes', async () => {
    const results = await run([]);
    for (const id of IDS) expect(results.get(id)?.status, `${id}: ${results.get(id)?.reason}`).to.equal('pass');
  });

  for (const [fault, trips] of Object.entries(TRIPS)) {
    it(`${fault}: trips ${Object.keys(trips).join(', ')} and no other of these cases`, async () => {
      const results = await run([fault]);
      for (const id of IDS) {
        const r = results.get(id)!;
        expect(r.status, `${id}: ${r.reason}`).to.equal(trips[id] ?? 'pass');
      }
    });
  }
});
