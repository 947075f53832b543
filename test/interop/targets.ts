import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fromRoot } from '../../base/package-root.js';

/** A free loopback port (bound, then released). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

export const packageVersion = (name: string): string =>
  JSON.parse(readFileSync(fromRoot('node_modules', name, 'package.json'), 'utf8')).version;

/** One interop run: which implementation, against which suite, with which target file. */
export interface InteropRun {
  key: string;
  implementation: string;
  pkg: string;
  role: 'AS' | 'RS';
  suite: string;
  mode: string;
  baseline?: string;
}

export const INTEROP_RUNS: InteropRun[] = [
  {
    key: 'oidc-provider',
    implementation: 'oidc-provider',
    pkg: 'oidc-provider',
    role: 'AS',
    suite: 'rfc9449-as',
    mode: 'nonces off',
  },
  {
    key: 'oidc-provider-nonce',
    implementation: 'oidc-provider',
    pkg: 'oidc-provider',
    role: 'AS',
    suite: 'rfc9449-as',
    mode: 'nonces required',
  },
  {
    key: 'oauth4webapi-rs',
    implementation: 'oauth4webapi validateJwtAccessToken',
    pkg: 'oauth4webapi',
    role: 'RS',
    suite: 'rfc9449-rs',
    mode: 'nonces off',
    baseline: 'test/interop/baselines/oauth4webapi-rs.yaml',
  },
];

export const interopDir = (key: string) => fromRoot('reports-out', 'interop', key);
