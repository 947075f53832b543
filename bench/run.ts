/**
 * `npm run bench`: speed and memory figures, printed, never asserted. Every loop is
 * bounded in count and runs against loopback only.
 */
import { performance } from 'node:perf_hooks';
import { startMocks } from '../mocks/start.js';
import { MAX_JTI_LENGTH, ReplayCache } from '../mocks/replay-cache.js';
import { ExpiringStore, MAX_REDIRECT_URI_LENGTH, MAX_SCOPE_LENGTH, type CodeGrant } from '../mocks/as/stores.js';
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

function timedSync(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
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

function heapMiB(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const now = nowSeconds();
for (const jtiLength of [22, 36, 256]) {
  const before = heapMiB();
  const cache = new ReplayCache(120, { maxEntries: 100_000, maxBytes: 1024 * 1024 * 1024 });
  const cacheMs = timedSync(() => {
    for (let i = 0; i < 100_000; i++) cache.add(`${i}-`.padEnd(jtiLength, 'x'), now);
  });
  const used = heapMiB() - before;
  report(
    `replay cache: 100,000 adds of ${jtiLength}-character jtis`,
    `${cacheMs.toFixed(0)} ms, ~${Math.round((used * 1024 * 1024) / cache.size)} B/entry on the heap, ${cache.bytes / cache.size} B/entry counted`,
  );
}
{
  const cache = new ReplayCache(120);
  let verdict = '';
  const ms = timedSync(() => {
    for (let i = 0; i <= 200_000 && verdict !== 'full'; i++)
      verdict = cache.add(`${i}-`.padEnd(MAX_JTI_LENGTH, 'x'), now);
  });
  report(
    `replay cache (defaults) filled with ${MAX_JTI_LENGTH}-character jtis`,
    `${cache.size} entries, ${(cache.bytes / 1024 / 1024).toFixed(1)} MiB counted, then ${verdict} (${ms.toFixed(0)} ms)`,
  );
}
{
  const before = heapMiB();
  const store = new ExpiringStore<CodeGrant>({ maxEntries: 1_000_000, maxBytes: 1024 * 1024 * 1024 });
  const grant = (i: number) => ({
    clientId: 'conformance-client',
    redirectUri: `https://client.example/cb/${i}`.padEnd(MAX_REDIRECT_URI_LENGTH, 'x'),
    codeChallenge: 'c'.repeat(43),
    dpopJkt: 'j'.repeat(43),
    scope: 's'.repeat(MAX_SCOPE_LENGTH),
  });
  const ms = timedSync(() => {
    for (let i = 0; i < 10_000; i++) store.put(`code-${i}`.padEnd(32, 'x'), grant(i), now + 120, now);
  });
  const used = heapMiB() - before;
  report(
    'code store: 10,000 largest grants',
    `${ms.toFixed(0)} ms, ~${used.toFixed(1)} MiB on the heap, ${(store.bytes / 1024 / 1024).toFixed(1)} MiB counted`,
  );
}
