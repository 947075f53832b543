import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../base/package-root.js';
import { generateVectors } from '../vectors/generate.js';
import { readVectorFile } from '../vectors/lib/io.js';
import { TOPICS } from '../vectors/lib/registry.js';
import { verifyVectors } from '../vectors/verify.js';

describe('fixed test vectors', () => {
  it('every committed vector is judged as it states: vectors verify finds 0 mismatches in every file', async () => {
    const summaries = await verifyVectors();
    const mismatches = summaries.flatMap((s) => s.mismatches.map((m) => `${s.name}: ${m}`));
    expect(mismatches, `mismatches:\n${mismatches.join('\n')}`).to.deep.equal([]);
    const counted = summaries.map((s) => ({ name: s.name, valid: s.valid, invalid: s.invalid }));
    const committed = TOPICS.map((topic) => {
      const tests = readVectorFile(topic.name)!.testGroups.flatMap((g) => g.tests);
      const count = (result: string) => tests.filter((t) => t.result === result).length;
      return { name: topic.name, valid: count('valid'), invalid: count('invalid') };
    });
    expect(counted).to.deep.equal(committed);
    for (const c of counted) expect(c.valid + c.invalid, c.name).to.be.greaterThan(0);
  });

  it('the `dpop-conformance vectors verify` command exits 0 and prints its summary line', () => {
    const total = TOPICS.reduce((n, topic) => n + readVectorFile(topic.name)!.numberOfTests, 0);
    const bin = fromRoot('bin', 'dpop-conformance.js');
    const r = spawnSync(process.execPath, [bin, 'vectors', 'verify'], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.match(new RegExp(`^${total} vectors \\(\\d+ invalid, \\d+%\\), 0 mismatches$`, 'm'));
  });

  it('holds at least 150 vectors, at least 40% of them invalid', () => {
    const tests = TOPICS.flatMap((t) => readVectorFile(t.name)!.testGroups.flatMap((g) => g.tests));
    const invalid = tests.filter((t) => t.result === 'invalid').length;
    expect(tests.length).to.be.at.least(150);
    expect(invalid / tests.length).to.be.at.least(0.4);
  });

  it('every time-dependent vector carries the now it is judged at', () => {
    for (const name of ['proofs', 'sk-proofs', 'access-tokens', 'tickets']) {
      for (const g of readVectorFile(name)!.testGroups)
        for (const t of g.tests) expect(t.now, `${name} tcId ${t.tcId}`).to.be.a('number');
    }
  });

  it('vectors generate reproduces the committed files byte for byte', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vectors-'));
    await generateVectors(out);
    for (const topic of TOPICS) {
      expect(readFileSync(join(out, `${topic.name}.json`), 'utf8'), topic.name).to.equal(
        readFileSync(fromRoot('vectors', `${topic.name}.json`), 'utf8'),
      );
    }
  });

  it('vectors made afresh, with no kept signature, token or JWE, still verify (the builders behind them are right)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vectors-fresh-'));
    await generateVectors(out, { fresh: true });
    const mismatches = (await verifyVectors(out)).flatMap((s) => s.mismatches.map((m) => `${s.name}: ${m}`));
    expect(mismatches, `mismatches:\n${mismatches.join('\n')}`).to.deep.equal([]);
  }).timeout(120_000); // RSA and ECDH work for ~300 vectors: seconds on a quiet machine, more on a loaded one

  describe('vectors verify catches broken vector files', () => {
    function brokenCopy(edit: (name: string, json: any) => void): string {
      const dir = mkdtempSync(join(tmpdir(), 'vectors-broken-'));
      cpSync(fromRoot('vectors'), dir, {
        recursive: true,
        filter: (src) => !src.includes('/topics') && !src.includes('/lib'),
      });
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'inputs.json')) {
        const json = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        edit(f.replace(/\.json$/, ''), json);
        writeFileSync(join(dir, f), JSON.stringify(json));
      }
      return dir;
    }

    it('a valid vector whose expected SK was altered is a mismatch', async () => {
      const dir = brokenCopy((name, json) => {
        if (name === 'hkdf') json.testGroups[0].tests[0].sk = json.testGroups[0].tests[1].sk;
      });
      const summary = (await verifyVectors(dir)).find((s) => s.name === 'hkdf')!;
      expect(summary.mismatches).to.have.length(1);
      expect(summary.mismatches[0]).to.match(/tcId 1 .*expected valid, got invalid \(SK_MISMATCH\)/);
    });

    it('an invalid vector that states the wrong reason is a mismatch', async () => {
      const dir = brokenCopy((name, json) => {
        if (name === 'proofs')
          json.testGroups[0].tests.find((t: any) => t.reason === 'PROOF_HTM_MISMATCH').reason = 'PROOF_HTU_MISMATCH';
      });
      const summary = (await verifyVectors(dir)).find((s) => s.name === 'proofs')!;
      expect(summary.mismatches.join('\n')).to.match(
        /expected invalid \(PROOF_HTU_MISMATCH\), got invalid \(PROOF_HTM_MISMATCH\)/,
      );
    });

    it('a file that breaks its schema is reported', async () => {
      const dir = brokenCopy((name, json) => {
        if (name === 'ath') delete json.testGroups[0].tests[2].comment;
      });
      const summary = (await verifyVectors(dir)).find((s) => s.name === 'ath')!;
      expect(summary.mismatches.join('\n')).to.match(
        /schema: \/testGroups\/0\/tests\/2: must have required property 'comment'/,
      );
    });
  });
});
