import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../base/package-root.js';
import { generateVectors } from '../vectors/generate.js';
import { readVectorFile } from '../vectors/lib/io.js';
import { TOPICS } from '../vectors/lib/registry.js';
import { verifyVectors } from '../vectors/verify.js';

describe('fixed test vectors', () => {
  for (const topic of TOPICS) {
    const file = readVectorFile(topic.name)!;
    describe(`${topic.name}.json`, () => {
      for (const group of file.testGroups) {
        for (const test of group.tests) {
          const want = test.result === 'valid' ? 'accepted' : `rejected with ${test.reason}`;
          it(`tcId ${test.tcId}: ${test.comment} → ${want}`, async () => {
            const verdict = await topic.evaluate(group, test);
            if (test.result === 'valid') expect(verdict, JSON.stringify(verdict)).to.deep.equal({ result: 'valid' });
            else expect(verdict.result === 'invalid' && verdict.reason).to.equal(test.reason);
          });
        }
      }
    });
  }

  it('holds at least 150 vectors, at least 40% of them invalid', () => {
    const tests = TOPICS.flatMap((t) => readVectorFile(t.name)!.testGroups.flatMap((g) => g.tests));
    const invalid = tests.filter((t) => t.result === 'invalid').length;
    expect(tests.length).to.be.at.least(150);
    expect(invalid / tests.length).to.be.at.least(0.4);
  });

  it('every time-dependent vector carries the now it is judged at', () => {
    for (const name of ['proofs', 'sk-proofs', 'access-tokens', 'tickets']) {
      for (const g of readVectorFile(name)!.testGroups) for (const t of g.tests) expect(t.now, `${name} tcId ${t.tcId}`).to.be.a('number');
    }
  });

  it('vectors generate reproduces the committed files byte for byte', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vectors-'));
    await generateVectors(out);
    for (const topic of TOPICS) {
      expect(readFileSync(join(out, `${topic.name}.json`), 'utf8'), topic.name).to.equal(readFileSync(fromRoot('vectors', `${topic.name}.json`), 'utf8'));
    }
  });

  describe('vectors verify catches broken vector files', () => {
    function brokenCopy(edit: (name: string, json: any) => void): string {
      const dir = mkdtempSync(join(tmpdir(), 'vectors-broken-'));
      cpSync(fromRoot('vectors'), dir, { recursive: true, filter: (src) => !src.includes('/topics') && !src.includes('/lib') });
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'inputs.json')) {
        const json = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        edit(f.replace(/\.json$/, ''), json);
        writeFileSync(join(dir, f), JSON.stringify(json));
      }
      return dir;
    }

    it('a valid vector whose expected SK was altered is a mismatch', async () => {
      const dir = brokenCopy((name, json) => { if (name === 'hkdf') json.testGroups[0].tests[0].sk = json.testGroups[0].tests[1].sk; });
      const summary = (await verifyVectors(dir)).find((s) => s.name === 'hkdf')!;
      expect(summary.mismatches).to.have.length(1);
      expect(summary.mismatches[0]).to.match(/tcId 1 .*expected valid, got invalid \(SK_MISMATCH\)/);
    });

    it('an invalid vector that states the wrong reason is a mismatch', async () => {
      const dir = brokenCopy((name, json) => { if (name === 'proofs') json.testGroups[0].tests.find((t: any) => t.reason === 'PROOF_HTM_MISMATCH').reason = 'PROOF_HTU_MISMATCH'; });
      const summary = (await verifyVectors(dir)).find((s) => s.name === 'proofs')!;
      expect(summary.mismatches.join('\n')).to.match(/expected invalid \(PROOF_HTU_MISMATCH\), got invalid \(PROOF_HTM_MISMATCH\)/);
    });

    it('a file that breaks its schema is reported', async () => {
      const dir = brokenCopy((name, json) => { if (name === 'ath') delete json.testGroups[0].tests[2].comment; });
      const summary = (await verifyVectors(dir)).find((s) => s.name === 'ath')!;
      expect(summary.mismatches.join('\n')).to.match(/schema: \/testGroups\/0\/tests\/2: must have required property 'comment'/);
    });
  });
});
