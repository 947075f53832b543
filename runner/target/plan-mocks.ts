import { startMocks, type RunningMocks } from '../../mocks/start.js';
import { DEFAULT_SEND, type SendOptions } from '../http/send.js';
import type { Feature } from '../suite/types.js';
import { bundledAsEndpoint } from './bundled-as.js';
import { serialQueue } from './serial.js';
import { missingFeatures, type RunEnv, type RunPlan } from './env.js';

export const MOCK_FEATURES: Feature[] = [
  'refresh',
  'public-client',
  'authorization-code',
  'dpop-sk',
  'dpop-sk-b',
  'client-secret-post',
  'jti-tracking',
  'post',
  'bound-client',
  'rs-fleet',
];

/** Seconds the rotation pair still accepts a rotated-out secret version or ticket key (a rotate step waits it out). */
const ROTATION_GRACE = 0.2;

/** One case at a time, each starting from the pair's first secrets and a fresh ticket key. */
function fromCleanSlate(m: RunningMocks): <T>(run: () => Promise<T>) => Promise<T> {
  const serial = serialQueue();
  return (run) =>
    serial(() => {
      m.config.rotation.reset();
      return run();
    });
}

/** The environment of a running mock pair, its side under test declaring `features`. */
export function mockEnv(m: RunningMocks, label: string, features: Feature[], send: SendOptions): RunEnv {
  return {
    label,
    features: new Set(features),
    send,
    mintIssuer: m.asUrl!,
    audience: m.config.audience,
    as: { ...bundledAsEndpoint(m.asUrl!), dpopAlgs: [...m.config.algs] },
    rs: { resource: m.resourceUrl!, nodes: m.nodeResourceUrls },
  };
}

const PROXY_FEATURES: Feature[] = ['behind-proxy', 'proxy-x-forwarded', 'proxy-forwarded'];

/** The public URL of the mock RS behind a proxy: never connected to (.invalid, RFC 6761 §6.4); /v1 is the prefix the proxy strips. */
export const MOCK_PUBLIC_URL = 'https://rs.conformance.invalid/v1/resource';

/**
 * No target: the whole suite runs against the bundled mocks, in-process. Cases that
 * need nonces get a second pair in nonce mode, cases that rotate keys a third (nonce mode, admin
 * endpoint on, one case at a time); everything else the plain pair. Each RS of the first two is
 * a fleet of two nodes (mocks/rs/fleet.ts) for the rs-fleet cases; the others use the first.
 */
export async function planMocks(send: SendOptions = DEFAULT_SEND, faults: string[] = []): Promise<RunPlan> {
  const plain = await startMocks({ faults, rsNodes: 2 });
  // the nonce-mode RS is behind a proxy too, so that every case can also run with nonces (test/selftest.test.ts)
  const nonced = await startMocks({ nonce: true, behindProxy: true, faults, rsNodes: 2 });
  const proxied = await startMocks({ as: false, behindProxy: true, faults });
  // Key rotation changes what every case at a pair sees: a pair of its own, admin on, a short grace period.
  // In nonce mode too, so that every case also passes against nonce-demanding mocks.
  const rotating = await startMocks({ faults, nonce: true, admin: true, rotationGrace: ROTATION_GRACE });
  const nonceEnv = mockEnv(nonced, 'bundled mocks (nonce mode)', [...MOCK_FEATURES, 'nonce', ...PROXY_FEATURES], send);
  const envs = {
    plain: mockEnv(plain, 'bundled mocks', MOCK_FEATURES, send),
    nonce: { ...nonceEnv, rs: { ...nonceEnv.rs, publicUrl: MOCK_PUBLIC_URL } },
    proxy: {
      ...mockEnv(plain, 'bundled mocks (RS behind a proxy)', [...MOCK_FEATURES, ...PROXY_FEATURES], send),
      rs: { resource: proxied.resourceUrl!, publicUrl: MOCK_PUBLIC_URL },
    },
    rotation: {
      ...mockEnv(
        rotating,
        'bundled mocks (key rotation, nonce mode)',
        [...MOCK_FEATURES, 'nonce', 'key-rotation'],
        send,
      ),
      rotation: { kind: 'mock' as const, adminOrigin: rotating.rsUrl!, serial: fromCleanSlate(rotating) },
    },
  };
  return {
    summary: {
      mode: 'bundled-mocks',
      as: { issuer: plain.asUrl!, features: [...MOCK_FEATURES, 'key-rotation'] },
      rs: { resource: plain.resourceUrl!, features: [...MOCK_FEATURES, 'key-rotation'] },
    },
    secrets: [],
    envFor: (c) => {
      const env = c.requires.includes('key-rotation')
        ? envs.rotation
        : c.requires.some((f) => PROXY_FEATURES.includes(f))
          ? envs.proxy
          : c.requires.includes('nonce')
            ? envs.nonce
            : envs.plain;
      const missing = missingFeatures(c, env.features);
      return missing.length ? { skip: `the bundled mocks do not declare ${missing.join(', ')}` } : env;
    },
    close: async () => {
      await Promise.all([plain.close(), nonced.close(), proxied.close(), rotating.close()]);
    },
  };
}
