import { startMocks, type RunningMocks } from '../../mocks/start.js';
import { DEFAULT_SEND, type SendOptions } from '../http/send.js';
import type { Case, Feature } from '../suite/types.js';
import { bundledAsEndpoint } from './bundled-as.js';
import { serialQueue } from './serial.js';
import { discoverAs } from './discover-as.js';
import { missingFeatures, missingValue, type RunEnv, type RunPlan } from './env.js';

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
  'client-credentials-refresh',
  'introspection',
  'par',
];

/** Seconds the rotation pair still accepts a rotated-out secret version or ticket key (a rotate step waits it out). */
const ROTATION_GRACE = 0.2;

/** The Model B ticket lifetime of the mock pair that serves the ticket-expiry cases (they wait it out). */
export const MOCK_TICKET_LIFETIME = 2;

/** One case at a time, each starting from the pair's first secrets and a fresh ticket key. */
function fromCleanSlate(m: RunningMocks): <T>(run: () => Promise<T>) => Promise<T> {
  const serial = serialQueue();
  return (run) =>
    serial(() => {
      m.config.rotation.reset();
      return run();
    });
}

/**
 * The run's view of a mock pair, its side under test declaring `features`. The advertised
 * proof algorithms come from the mock AS's metadata document, read as a vendor AS's is
 * (discover-as.ts), so that what the cases expect follows what the AS serves (a fault that
 * changes the metadata changes it too).
 */
export async function mockEnv(m: RunningMocks, label: string, features: Feature[], send: SendOptions): Promise<RunEnv> {
  const { endpoint } = await discoverAs({ issuer: m.asUrl! }, send);
  return {
    label,
    features: new Set(features),
    send,
    mintIssuer: m.asUrl!,
    audience: m.config.audience,
    as: { ...bundledAsEndpoint(m.asUrl!), metadataUrl: endpoint.metadataUrl, dpopAlgs: endpoint.dpopAlgs },
    rs: { resource: m.resourceUrl!, nodes: m.nodeResourceUrls },
    ticketLifetime: m.config.ticketTtl,
  };
}

const PROXY_FEATURES: Feature[] = ['behind-proxy', 'proxy-x-forwarded', 'proxy-forwarded'];

/** The public URL of the mock RS behind a proxy: never connected to (.invalid, RFC 6761 §6.4); /v1 is the prefix the proxy strips. */
export const MOCK_PUBLIC_URL = 'https://rs.conformance.invalid/v1/resource';

/** Whether a case waits out a ticket lifetime (it runs against the short-ticket pair). */
const waitsForTicket = (c: Case) => c.steps.some((s) => 'wait' in s);

/**
 * No target: the whole suite runs against the bundled mocks, in-process. Cases that need
 * nonces get a pair in nonce mode (its RS also behind a proxy); cases behind a proxy an RS
 * in proxy mode; cases that rotate keys a pair of their own (nonce mode, admin endpoint on,
 * one case at a time); cases that wait out a Model B ticket a pair whose tickets live
 * MOCK_TICKET_LIFETIME seconds; everything else the plain pair. The RS of the plain and nonce
 * pairs is a fleet of two nodes (mocks/rs/fleet.ts) for the rs-fleet cases; the others use the first.
 */
export async function planMocks(send: SendOptions = DEFAULT_SEND, faults: string[] = []): Promise<RunPlan> {
  const started = await Promise.allSettled([
    startMocks({ faults, rsNodes: 2 }),
    // the nonce-mode RS is behind a proxy too, so that every case can also run with nonces (test/selftest.test.ts)
    startMocks({ nonce: true, behindProxy: true, faults, rsNodes: 2 }),
    startMocks({ as: false, behindProxy: true, faults }),
    // Key rotation changes what every case at a pair sees: a pair of its own, admin on, a short grace period;
    // in nonce mode too, so that every case also passes against nonce-demanding mocks.
    startMocks({ faults, nonce: true, admin: true, rotationGrace: ROTATION_GRACE }),
    startMocks({ faults, ticketTtl: MOCK_TICKET_LIFETIME }),
  ]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    // (an unknown fault, say: the pairs that did start are closed before the error goes up)
    await Promise.all(started.flatMap((r) => (r.status === 'fulfilled' ? [r.value.close()] : [])));
    throw failed.reason;
  }
  const [plain, nonced, proxied, rotating, shortTickets] = started.map(
    (r) => (r as PromiseFulfilledResult<RunningMocks>).value,
  );
  const close = async () => {
    await Promise.all([plain, nonced, proxied, rotating, shortTickets].map((m) => m.close()));
  };
  let envs;
  try {
    const [plainEnv, nonceEnv, proxyEnv, rotationEnv, shortTicketsEnv] = await Promise.all([
      mockEnv(plain, 'bundled mocks', MOCK_FEATURES, send),
      mockEnv(nonced, 'bundled mocks (nonce mode)', [...MOCK_FEATURES, 'nonce', ...PROXY_FEATURES], send),
      mockEnv(plain, 'bundled mocks (RS behind a proxy)', [...MOCK_FEATURES, ...PROXY_FEATURES], send),
      mockEnv(rotating, 'bundled mocks (key rotation, nonce mode)', [...MOCK_FEATURES, 'nonce', 'key-rotation'], send),
      mockEnv(shortTickets, `bundled mocks (tickets live ${MOCK_TICKET_LIFETIME} s)`, MOCK_FEATURES, send),
    ]);
    envs = {
      plain: plainEnv,
      nonce: { ...nonceEnv, rs: { ...nonceEnv.rs, publicUrl: MOCK_PUBLIC_URL } },
      proxy: { ...proxyEnv, rs: { resource: proxied.resourceUrl!, publicUrl: MOCK_PUBLIC_URL } },
      rotation: {
        ...rotationEnv,
        rotation: { kind: 'mock' as const, adminOrigin: rotating.rsUrl!, serial: fromCleanSlate(rotating) },
      },
      shortTickets: {
        ...shortTicketsEnv,
        advanceClock: (seconds: number) => {
          shortTickets.config.clock.offsetSeconds += seconds;
        },
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
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
        : waitsForTicket(c)
          ? envs.shortTickets
          : c.requires.some((f) => PROXY_FEATURES.includes(f))
            ? envs.proxy
            : c.requires.includes('nonce')
              ? envs.nonce
              : envs.plain;
      const missing = missingFeatures(c, env.features);
      if (missing.length) return { skip: `the bundled mocks do not declare ${missing.join(', ')}` };
      const lacking = missingValue(c, env);
      return lacking ? { skip: lacking } : env;
    },
    close,
  };
}
