import { startMocks, type RunningMocks } from '../../mocks/start.js';
import { DEFAULT_SEND, type SendOptions } from '../http/send.js';
import type { Case, Feature } from '../suite/types.js';
import { featuresOfSide } from '../suite/feature-sides.js';
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
  'jwt-access-token',
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
  // The endpoints are known (bundledAsEndpoint), so discovery only reads the metadata, as it
  // does for a target file naming token_endpoint: metadata naming another issuer (a fault) is
  // then judged by a case, not a configuration error.
  const { endpoint } = await discoverAs({ issuer: m.asUrl!, token_endpoint: `${m.asUrl!}/token` }, send);
  return {
    label,
    features: new Set(features),
    send,
    mintIssuer: m.config.trustedIssuer ?? m.asUrl!,
    audience: m.config.audience,
    as: { ...bundledAsEndpoint(m.asUrl!), metadataUrl: endpoint.metadataUrl, dpopAlgs: endpoint.dpopAlgs },
    rs: { resource: m.resourceUrl!, nodes: m.nodeResourceUrls },
    ticketLifetime: m.config.ticketTtl,
  };
}

const PROXY_FEATURES: Feature[] = ['behind-proxy', 'proxy-x-forwarded', 'proxy-forwarded'];

/** What the bundled mocks declare, counting every pair (nonce, proxy and rotation pairs included): the run's summary. */
const ALL_PAIRS_FEATURES: Feature[] = [...MOCK_FEATURES, 'nonce', ...PROXY_FEATURES, 'key-rotation'];

/** The public URL of the mock RS behind a proxy: never connected to (.invalid, RFC 6761 §6.4); /v1 is the prefix the proxy strips. */
export const MOCK_PUBLIC_URL = 'https://rs.conformance.invalid/v1/resource';

/** Whether a case waits out a ticket lifetime (it runs against the short-ticket pair). */
const waitsForTicket = (c: Case) => c.steps.some((s) => 'wait' in s);

/** The in-process mock pairs of a run (see planMocks). */
type PairName = 'plain' | 'nonce' | 'proxy' | 'rotation' | 'shortTickets';

/** The pair a case runs against. */
function pairFor(c: Case): PairName {
  if (c.requires.includes('key-rotation')) return 'rotation';
  if (waitsForTicket(c)) return 'shortTickets';
  if (c.requires.some((f) => PROXY_FEATURES.includes(f))) return 'proxy';
  if (c.requires.includes('nonce')) return 'nonce';
  return 'plain';
}

/** Starts one pair and returns the run's view of it (the plain pair's AS serves the proxied RS's cases). */
async function startPair(
  name: Exclude<PairName, 'plain'>,
  plain: Promise<RunningMocks>,
  send: SendOptions,
  faults: string[],
  /** Keeps a started pair for the plan's close(), before anything else can fail. */
  keep: (m: RunningMocks) => RunningMocks,
): Promise<RunEnv> {
  switch (name) {
    case 'nonce': {
      // the nonce-mode RS is behind a proxy too, so that every case can also run with nonces (test/selftest.test.ts)
      const m = keep(await startMocks({ nonce: true, behindProxy: true, faults, rsNodes: 2, checkIssuer: true }));
      const env = await mockEnv(m, 'bundled mocks (nonce mode)', [...MOCK_FEATURES, 'nonce', ...PROXY_FEATURES], send);
      return { ...env, rs: { ...env.rs, publicUrl: MOCK_PUBLIC_URL } };
    }
    case 'proxy': {
      const issuedBy = await plain;
      const trustedIssuer = issuedBy.config.trustedIssuer;
      const m = keep(await startMocks({ as: false, behindProxy: true, faults, trustedIssuer }));
      const env = await mockEnv(
        issuedBy,
        'bundled mocks (RS behind a proxy)',
        [...MOCK_FEATURES, ...PROXY_FEATURES],
        send,
      );
      return { ...env, rs: { resource: m.resourceUrl!, publicUrl: MOCK_PUBLIC_URL } };
    }
    case 'rotation': {
      // Key rotation changes what every case at a pair sees: a pair of its own, admin on, a short grace period;
      // in nonce mode too, so that every case also passes against nonce-demanding mocks.
      const m = keep(
        await startMocks({ faults, nonce: true, admin: true, rotationGrace: ROTATION_GRACE, checkIssuer: true }),
      );
      const env = await mockEnv(
        m,
        'bundled mocks (key rotation, nonce mode)',
        [...MOCK_FEATURES, 'nonce', 'key-rotation'],
        send,
      );
      const rotation = {
        kind: 'mock' as const,
        adminOrigin: m.rsUrl!,
        serial: fromCleanSlate(m),
        endGrace: () => m.config.rotation.endGrace(),
      };
      return { ...env, rotation };
    }
    case 'shortTickets': {
      const m = keep(await startMocks({ faults, ticketTtl: MOCK_TICKET_LIFETIME, checkIssuer: true }));
      const env = await mockEnv(m, `bundled mocks (tickets live ${MOCK_TICKET_LIFETIME} s)`, MOCK_FEATURES, send);
      const advanceClock = (seconds: number) => {
        m.config.clock.offsetSeconds += seconds;
      };
      return { ...env, advanceClock };
    }
  }
}

/**
 * No target: the cases run against the bundled mocks, in-process. Cases that need nonces get
 * a pair in nonce mode (its RS also behind a proxy); cases behind a proxy an RS in proxy mode;
 * cases that rotate keys a pair of their own (nonce mode, admin endpoint on, one case at a
 * time); cases that wait out a Model B ticket a pair whose tickets live MOCK_TICKET_LIFETIME
 * seconds; everything else the plain pair. The RS of the plain and nonce pairs is a fleet of
 * two nodes (mocks/rs/fleet.ts) for the rs-fleet cases; the others use the first. The plain
 * pair always starts (the run's summary and the server profile use it); the others only when
 * one of `cases` runs against them (all of them when `cases` is not given).
 */
export async function planMocks(
  send: SendOptions = DEFAULT_SEND,
  faults: string[] = [],
  cases?: readonly Case[],
): Promise<RunPlan> {
  const wanted = new Set<PairName>(cases ? cases.map(pairFor) : ['nonce', 'proxy', 'rotation', 'shortTickets']);
  wanted.delete('plain');
  const started: RunningMocks[] = [];
  const close = async () => {
    await Promise.all(started.map((m) => m.close()));
  };
  const keep = (m: RunningMocks) => {
    started.push(m);
    return m;
  };
  const plainStarted = startMocks({ faults, rsNodes: 2, checkIssuer: true }).then(keep);
  const envs = new Map<PairName, RunEnv>();
  let plain: RunningMocks;
  try {
    const all = await Promise.allSettled([
      plainStarted,
      ...[...wanted].map(async (name) => {
        envs.set(name, await startPair(name as Exclude<PairName, 'plain'>, plainStarted, send, faults, keep));
      }),
    ]);
    const failed = all.find((r) => r.status === 'rejected');
    // (an unknown fault, say: the pairs that did start are closed before the error goes up)
    if (failed) throw failed.reason;
    plain = await plainStarted;
    envs.set('plain', await mockEnv(plain, 'bundled mocks', MOCK_FEATURES, send));
  } catch (e) {
    await close();
    throw e;
  }
  return {
    summary: {
      mode: 'bundled-mocks',
      as: { issuer: plain.asUrl!, features: featuresOfSide(ALL_PAIRS_FEATURES, 'as') },
      rs: { resource: plain.resourceUrl!, features: featuresOfSide(ALL_PAIRS_FEATURES, 'rs') },
    },
    secrets: [],
    envFor: (c) => {
      const env = envs.get(pairFor(c));
      if (!env) return { skip: `the bundled mocks were planned without this case's pair (${pairFor(c)})` };
      const missing = missingFeatures(c, env.features);
      if (missing.length) return { skip: `the bundled mocks do not declare ${missing.join(', ')}` };
      const lacking = missingValue(c, env);
      return lacking ? { skip: lacking } : env;
    },
    close,
  };
}
