/**
 * Per-proof verification: what jose alone costs against our path, and the parts of our
 * path, so that the difference can be attributed. Figures are µs per operation and
 * ratios measured in the same run.
 */
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { compactVerify, importJWK, type JWK } from 'jose';
import { DEFAULT_IAT_WINDOW } from '../base/constants.js';
import { PROOF_CLAIM_CHECKS } from '../protocol/proof-claims.js';
import { runChecks } from '../protocol/check.js';
import { publicJwk } from '../protocol/jwk.js';
import { readProof } from '../protocol/proof-header.js';
import { verifyProof } from '../protocol/proof-verify.js';
import { nowSeconds } from '../protocol/sign.js';
import { verifySkProof } from '../protocol/sk-proof-verify.js';
import { jwkThumbprint } from '../protocol/thumbprint.js';
import { buildProof } from '../runner/proof/build.js';
import type { ClientKeyName } from '../base/fixed-inputs.js';

const htu = 'https://rs.example/r';
const token = 'bench-access-token';

const line = (what: string, us: number, ref: number) =>
  console.log(`  ${what.padEnd(62)} ${us.toFixed(1).padStart(7)} µs  ${(us / ref).toFixed(2)}×`);

type Op = [label: string, fn: () => unknown];

/**
 * µs per call of each op, the ops interleaved in 7 short batches (after a warm-up) and
 * the median batch taken: on a shared machine the noise then falls on every op alike.
 */
async function perOps(n: number, ops: Op[]): Promise<number[]> {
  const batches = 7;
  const times: number[][] = ops.map(() => []);
  for (const [, fn] of ops) for (let i = 0; i < n / 10; i++) await fn();
  for (let b = 0; b < batches; b++) {
    for (const [j, [, fn]] of ops.entries()) {
      const t = performance.now();
      for (let i = 0; i < n / batches; i++) await fn();
      times[j].push(((performance.now() - t) * 1000) / (n / batches));
    }
  }
  return times.map((ts) => ts.sort((x, y) => x - y)[(batches - 1) / 2]);
}

async function table(title: string, n: number, ops: Op[]): Promise<void> {
  console.log(title);
  const us = await perOps(n, ops);
  for (const [j, [label]] of ops.entries()) line(label, us[j], us[0]);
}

export async function verifyBreakdown(n = 2000): Promise<void> {
  const ctx = () => ({ htm: 'GET', htu, now: nowSeconds(), iatWindow: DEFAULT_IAT_WINDOW, accessToken: token });
  for (const key of ['client-p256', 'client-ed25519', 'client-rsa2048'] as ClientKeyName[]) {
    const proof = await buildProof({ key, htm: 'GET', htu, accessToken: token });
    const { header, claims } = readProof(proof);
    const jwk = header.jwk as JWK;
    const alg = String(header.alg);
    const imported = await importJWK(jwk, alg);
    await table(`per-proof verify, ${key} (${alg}); ratio to jose with the embedded jwk`, n, [
      [
        'jose: compactVerify, importJWK(header.jwk) each time',
        async () => compactVerify(proof, await importJWK(jwk, alg)),
      ],
      ['jose: compactVerify, key imported once', () => compactVerify(proof, imported)],
      ['ours: verifyProof (every §4.3 check), key imported per proof', () => verifyProof(proof, ctx())],
      [
        'ours: verifyProof, key importer cached per jwk (the mock RS)',
        () => verifyProof(proof, { ...ctx(), importKey: cachedImport }),
      ],
      ['  part: decode header + claims (readProof)', () => readProof(proof)],
      ['  part: jwk thumbprint (jkt)', () => jwkThumbprint(publicJwk(jwk))],
      ['  part: claim checks (htm, htu, nonce, iat, ath)', () => runChecks(PROOF_CLAIM_CHECKS, { claims, ctx: ctx() })],
    ]);
  }
  const sk = new Uint8Array(32).fill(1);
  const skProof = await buildProof({ htm: 'GET', htu, accessToken: token, symmetric: { sk } });
  const skKey = await importJWK({ kty: 'oct', k: Buffer.from(sk).toString('base64url') }, 'HS256');
  const [h, p, sig] = skProof.split('.');
  const skCtx = () => ({ ...ctx(), model: 'A' as const });
  await table('per-proof verify, DPoP-SK HS256; ratio to jose with raw SK bytes', 5 * n, [
    ['jose: compactVerify, SK as bytes (imported each time)', () => compactVerify(skProof, sk)],
    ['jose: compactVerify, SK imported once', () => compactVerify(skProof, skKey)],
    ['node: createHmac + compare', () => createHmac('sha256', sk).update(`${h}.${p}`).digest('base64url') === sig],
    ['ours: verifySkProof (DPoP-SK §4, §5 steps 5–6)', () => verifySkProof(skProof, sk, skCtx())],
  ]);
}

const importCache = new Map<string, CryptoKey | Uint8Array>();
async function cachedImport(jwk: JWK, alg: string): Promise<CryptoKey | Uint8Array> {
  const k = `${alg} ${JSON.stringify(jwk)}`;
  let key = importCache.get(k);
  if (!key) importCache.set(k, (key = await importJWK(jwk, alg)));
  return key;
}
