import { startMocks, type RunningMocks } from '../../mocks/start.js';
import { DEFAULT_SEND, type SendOptions } from '../http/send.js';
import type { Feature } from '../suite/types.js';
import { bundledAsEndpoint } from './bundled-as.js';
import { missingFeatures, type RunEnv, type RunPlan } from './env.js';

const MOCK_FEATURES: Feature[] = [
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

function envOf(m: RunningMocks, label: string, features: Feature[], send: SendOptions): RunEnv {
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
 * need nonces get a second pair in nonce mode; everything else the plain pair. Each RS is
 * a fleet of two nodes (mocks/rs/fleet.ts) for the rs-fleet cases; the others use the first.
 */
export async function planMocks(send: SendOptions = DEFAULT_SEND, faults: string[] = []): Promise<RunPlan> {
  const plain = await startMocks({ faults, rsNodes: 2 });
  // the nonce-mode RS is behind a proxy too, so that every case can also run with nonces (test/selftest.test.ts)
  const nonced = await startMocks({ nonce: true, behindProxy: true, faults, rsNodes: 2 });
  const proxied = await startMocks({ as: false, behindProxy: true, faults });
  const nonceEnv = envOf(nonced, 'bundled mocks (nonce mode)', [...MOCK_FEATURES, 'nonce', ...PROXY_FEATURES], send);
  const envs = {
    plain: envOf(plain, 'bundled mocks', MOCK_FEATURES, send),
    nonce: { ...nonceEnv, rs: { ...nonceEnv.rs, publicUrl: MOCK_PUBLIC_URL } },
    proxy: {
      ...envOf(plain, 'bundled mocks (RS behind a proxy)', [...MOCK_FEATURES, ...PROXY_FEATURES], send),
      rs: { resource: proxied.resourceUrl!, publicUrl: MOCK_PUBLIC_URL },
    },
  };
  return {
    summary: {
      mode: 'bundled-mocks',
      as: { issuer: plain.asUrl!, features: MOCK_FEATURES },
      rs: { resource: plain.resourceUrl!, features: MOCK_FEATURES },
    },
    secrets: [],
    envFor: (c) => {
      const env = c.requires.some((f) => PROXY_FEATURES.includes(f))
        ? envs.proxy
        : c.requires.includes('nonce')
          ? envs.nonce
          : envs.plain;
      const missing = missingFeatures(c, env.features);
      return missing.length ? { skip: `the bundled mocks do not declare ${missing.join(', ')}` } : env;
    },
    close: async () => {
      await Promise.all([plain.close(), nonced.close(), proxied.close()]);
    },
  };
}
