import { startMocks, type RunningMocks } from '../../mocks/start.js';
import { DEFAULT_SEND, type SendOptions } from '../http/send.js';
import type { Case, Feature } from '../suite/types.js';
import { bundledAsEndpoint } from './bundled-as.js';
import { discoverAs } from './discover-as.js';
import { missingFeatures, missingValue, type RunEnv, type RunPlan } from './env.js';

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
  'client-credentials-refresh',
  'introspection',
];

/** The Model B ticket lifetime of the mock pair that serves the ticket-expiry cases (they wait it out). */
export const MOCK_TICKET_LIFETIME = 2;

/**
 * The run's view of a mock pair. The advertised proof algorithms come from the mock AS's
 * metadata document, read as a vendor AS's is (discover-as.ts), so that what the cases
 * expect follows what the AS serves (a fault that changes the metadata changes it too).
 */
async function envOf(m: RunningMocks, label: string, features: Feature[], send: SendOptions): Promise<RunEnv> {
  const { endpoint } = await discoverAs({ issuer: m.asUrl! }, send);
  return {
    label,
    features: new Set(features),
    send,
    mintIssuer: m.asUrl!,
    audience: m.config.audience,
    as: { ...bundledAsEndpoint(m.asUrl!), metadataUrl: endpoint.metadataUrl, dpopAlgs: endpoint.dpopAlgs },
    rs: { resource: m.resourceUrl! },
    ticketLifetime: m.config.ticketTtl,
  };
}

/** Whether a case waits out a ticket lifetime (it runs against the short-ticket pair). */
const waitsForTicket = (c: Case) => c.steps.some((s) => 'wait' in s);

/**
 * No target: the whole suite runs against the bundled mocks, in-process. Cases that
 * need nonces get a second pair in nonce mode, cases that wait out a Model B ticket a third
 * whose tickets live MOCK_TICKET_LIFETIME seconds; everything else the plain pair.
 */
export async function planMocks(send: SendOptions = DEFAULT_SEND, faults: string[] = []): Promise<RunPlan> {
  const plain = await startMocks({ faults });
  const nonced = await startMocks({ nonce: true, faults });
  const shortTickets = await startMocks({ faults, ticketTtl: MOCK_TICKET_LIFETIME });
  const close = async () => {
    await Promise.all([plain.close(), nonced.close(), shortTickets.close()]);
  };
  let envs;
  try {
    envs = {
      plain: await envOf(plain, 'bundled mocks', MOCK_FEATURES, send),
      nonce: await envOf(nonced, 'bundled mocks (nonce mode)', [...MOCK_FEATURES, 'nonce'], send),
      shortTickets: await envOf(
        shortTickets,
        `bundled mocks (tickets live ${MOCK_TICKET_LIFETIME} s)`,
        MOCK_FEATURES,
        send,
      ),
    };
  } catch (e) {
    await close();
    throw e;
  }
  return {
    summary: {
      mode: 'bundled-mocks',
      as: { issuer: plain.asUrl!, features: MOCK_FEATURES },
      rs: { resource: plain.resourceUrl!, features: MOCK_FEATURES },
    },
    secrets: [],
    envFor: (c) => {
      const env = waitsForTicket(c) ? envs.shortTickets : c.requires.includes('nonce') ? envs.nonce : envs.plain;
      const missing = missingFeatures(c, env.features);
      if (missing.length) return { skip: `the bundled mocks do not declare ${missing.join(', ')}` };
      const lacking = missingValue(c, env);
      return lacking ? { skip: lacking } : env;
    },
    close,
  };
}
