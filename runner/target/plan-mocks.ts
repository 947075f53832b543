import { startMocks, type RunningMocks } from '../../mocks/start.js';
import { DEFAULT_SEND, type SendOptions } from '../http/send.js';
import type { Feature } from '../suite/types.js';
import { bundledAsEndpoint } from './bundled-as.js';
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
];

/** The environment of a running mock pair, its side under test declaring `features`. */
export function mockEnv(m: RunningMocks, label: string, features: Feature[], send: SendOptions): RunEnv {
  return {
    label,
    features: new Set(features),
    send,
    mintIssuer: m.asUrl!,
    audience: m.config.audience,
    as: { ...bundledAsEndpoint(m.asUrl!), dpopAlgs: [...m.config.algs] },
    rs: { resource: m.resourceUrl! },
  };
}

/**
 * No target: the whole suite runs against the bundled mocks, in-process. Cases that
 * need nonces get a second pair in nonce mode; everything else the plain pair.
 */
export async function planMocks(send: SendOptions = DEFAULT_SEND, faults: string[] = []): Promise<RunPlan> {
  const plain = await startMocks({ faults });
  const nonced = await startMocks({ nonce: true, faults });
  const envs = {
    plain: mockEnv(plain, 'bundled mocks', MOCK_FEATURES, send),
    nonce: mockEnv(nonced, 'bundled mocks (nonce mode)', [...MOCK_FEATURES, 'nonce'], send),
  };
  return {
    summary: {
      mode: 'bundled-mocks',
      as: { issuer: plain.asUrl!, features: MOCK_FEATURES },
      rs: { resource: plain.resourceUrl!, features: MOCK_FEATURES },
    },
    secrets: [],
    envFor: (c) => {
      const env = c.requires.includes('nonce') ? envs.nonce : envs.plain;
      const missing = missingFeatures(c, env.features);
      return missing.length ? { skip: `the bundled mocks do not declare ${missing.join(', ')}` } : env;
    },
    close: async () => {
      await Promise.all([plain.close(), nonced.close()]);
    },
  };
}
