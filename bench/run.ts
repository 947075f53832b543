/**
 * `npm run bench`: speed and memory figures, printed, never asserted. Every loop is
 * bounded in count and runs against loopback only.
 */
import { performance } from 'node:perf_hooks';
import { startMocks } from '../mocks/start.js';
import { ReplayCache } from '../mocks/replay-cache.js';
import { runCases } from '../runner/engine/run.js';
import { buildProof } from '../runner/proof/build.js';
import { verifyProof } from '../protocol/proof-verify.js';
import { verifySkProof } from '../protocol/sk-proof-verify.js';
import { nowSeconds } from '../protocol/sign.js';
import { DEFAULT_IAT_WINDOW } from '../base/constants.js';
import { loadSuites } from '../runner/suite/load.js';
import { planMocks } from '../runner/target/plan-mocks.js';
import { mintTestToken } from '../runner/tokens/mint-test-token.js';
import { verifyVectors } from '../vectors/verify.js';

const rows: [string, string][] = [];
const report = (what: string, figure: string) => {
  rows.push([what, figure]);
  console.log(`${what.padEnd(58)} ${figure}`);
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

async function perSecond(label: string, n: number, fn: () => Promise<unknown>): Promise<void> {
  const [, ms] = await timed(async () => {
    for (let i = 0; i < n; i++) await fn();
  });
  report(label, `${Math.round((n / ms) * 1000)} /s (${n} in ${ms.toFixed(0)} ms)`);
}

const htu = 'https://rs.example/r';

const [, vectorsMs] = await timed(() => verifyVectors());
report('vectors verify (all files)', `${vectorsMs.toFixed(0)} ms`);

const request = () => ({ htm: 'GET', htu, now: nowSeconds(), iatWindow: DEFAULT_IAT_WINDOW, accessToken: 't' });
for (const key of ['client-p256', 'client-rsa2048', 'client-ed25519'] as const) {
  const proof = await buildProof({ key, htm: 'GET', htu, accessToken: 't' });
  await perSecond(`asymmetric proof verify, ${key}`, 500, () => verifyProof(proof, request()));
}
const sk = new Uint8Array(32).fill(1);
const skProof = await buildProof({ htm: 'GET', htu, accessToken: 't', symmetric: { sk } });
const skRequest = () => ({ ...request(), model: 'A' as const });
await perSecond('symmetric (DPoP-SK HS256) proof verify', 5000, () => verifySkProof(skProof, sk, skRequest()));

const mocks = await startMocks();
const minted = await mintTestToken({ sk: {} }, { issuer: mocks.asUrl!, audience: mocks.config.audience });
for (const kind of ['asymmetric (ES256)', 'symmetric (DPoP-SK)'] as const) {
  await perSecond(`mock RS requests, ${kind} proofs, sequential`, 500, async () => {
    const dpop = await buildProof({
      htm: 'GET',
      htu: mocks.resourceUrl!,
      accessToken: minted.token,
      symmetric: kind.startsWith('sym') ? { sk: minted.sk! } : undefined,
    });
    const res = await fetch(mocks.resourceUrl!, { headers: { authorization: `DPoP ${minted.token}`, dpop } });
    if (res.status !== 200) throw new Error(`mock RS answered ${res.status}`);
    await res.arrayBuffer();
  });
}
await mocks.close();

const cases = loadSuites().flatMap((s) => s.cases);
for (const concurrency of [1, 4, 8]) {
  const plan = await planMocks();
  const [results, ms] = await timed(() => runCases(cases, plan, { concurrency }));
  await plan.close();
  report(
    `whole suite against the mocks, concurrency ${concurrency}`,
    `${ms.toFixed(0)} ms for ${results.length} cases (${results.filter((r) => r.status === 'pass').length} pass)`,
  );
}

global.gc?.();
const before = process.memoryUsage().heapUsed;
const cache = new ReplayCache(120, 100_000);
const now = nowSeconds();
const [, cacheMs] = await timed(async () => {
  for (let i = 0; i < 100_000; i++) cache.add(`jti-${i}-${'x'.repeat(16)}`, now);
});
global.gc?.();
report(
  'replay cache: 100,000 adds',
  `${cacheMs.toFixed(0)} ms, ~${((process.memoryUsage().heapUsed - before) / 1024 / 1024).toFixed(1)} MiB heap for ${cache.size} entries`,
);
cache.add('one-more', now);
report('replay cache at its cap after one more add', `${cache.size} entries, ${cache.evictedLive} evicted early`);
