/**
 * Property-based fuzzing of the mock AS and RS over loopback HTTP (fast-check): every
 * answer to a generated request is a 4xx with the spec's error code (or a success where
 * the request may be valid), never a 5xx, and the servers still serve valid requests
 * afterwards. npm test sends ~10,000 requests; `npm run fuzz` sends FUZZ_REQUESTS
 * (default 200,000). FC_SEED=<n> replays a run; FC_SHRINK=1 shrinks a counterexample.
 */
import { expect } from 'chai';
import { Agent } from 'undici';
import { families } from './fuzz/families.js';
import { runFamily, startPair, stillServes, type FamilyRun, type FuzzedPair } from './fuzz/harness.js';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
const BATCH = 50;

describe('mocks under property-based fuzzing (fast-check, loopback HTTP)', function () {
  let plain: FuzzedPair;
  let nonce: FuzzedPair;
  let agent: Agent;
  const runs: FamilyRun[] = [];
  const all = families({ token: 'http://127.0.0.1:1/token', resource: 'http://127.0.0.1:1/resource' });
  const defaultTotal = all.reduce((n, f) => n + f.count, 0);
  const total = Number(process.env.FUZZ_REQUESTS ?? defaultTotal);
  const scale = total / defaultTotal;

  before(async function () {
    this.timeout(60_000);
    console.log(`      fast-check seed ${seed} (FC_SEED=${seed} replays this run); ${total} requests`);
    [plain, nonce] = await Promise.all([startPair(false), startPair(true)]);
    agent = new Agent({ connections: BATCH, keepAliveTimeout: 30_000 });
  });
  after(async () => {
    await agent?.close();
    await Promise.all([plain?.mocks.close(), nonce?.mocks.close()]);
    if (runs.length) {
      const sent = runs.reduce((n, r) => n + r.requests, 0);
      console.log(`      ${sent} requests sent:`);
      for (const r of runs)
        console.log(
          `        ${r.name.padEnd(32)} ${String(r.requests).padStart(7)}  ${[...r.tally].map(([k, v]) => `${k}: ${v}`).join(', ')}`,
        );
    }
  });

  // The families are built against the real URLs once the pairs are up.
  for (const [i, template] of all.entries()) {
    it(`${template.name}: ${Math.ceil((template.count * scale) / BATCH) * BATCH} requests, each a 4xx with the right error code (or valid), never a 5xx; then valid requests still succeed`, async function () {
      this.timeout(Math.max(120_000, template.count * scale * 20));
      const f = families({ token: `${plain.asUrl}/token`, resource: plain.resourceUrl })[i];
      const run = await runFamily(f, { plain, nonce }, agent, {
        requests: Math.ceil(template.count * scale),
        batch: BATCH,
        seed: seed + i,
      });
      runs.push(run);
      expect(run.requests).to.be.at.least(template.count * scale);
      expect(await stillServes(plain)).to.deep.equal([200, 200]);
      expect(await stillServes(nonce)).to.deep.equal([200, 200]);
    });
  }
});

describe('the fuzzer leaves the fixed inputs alone', () => {
  it('a set op whose value is a shared key, then a write into it, changes only the copy', async () => {
    const { applyOps } = await import('./fuzz/mutate.js');
    const { clientKey } = await import('../base/fixed-inputs.js');
    const key = clientKey('client-p256');
    const d = key.d;
    const out = applyOps({}, [
      { set: ['jwk'], to: key as never },
      { set: ['jwk', 'd'], to: { x: 1 } },
    ]);
    expect((out.jwk as Record<string, unknown>).d).to.deep.equal({ x: 1 });
    expect(clientKey('client-p256').d).to.equal(d);
  });
});
