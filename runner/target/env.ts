import type { SendOptions } from '../http/send.js';
import type { TlsSettings } from '../http/tls.js';
import type { ClockRecord } from './clock-skew.js';
import type { Case, Feature, Side } from '../suite/types.js';
import type { DetectedFeatures } from './detected.js';

export interface AsEndpoint {
  issuer: string;
  tokenEndpoint: string;
  authorizationEndpoint?: string;
  redirectUri: string;
  /** RFC 7662 introspection endpoint (RFC 9449 §6.2), when it has one. */
  introspectionEndpoint?: string;
  /** RFC 9126 pushed authorization request endpoint (RFC 9449 §10.1), when it has one. */
  parEndpoint?: string;
  /** Where its RFC 8414 metadata document was read, when the run read one. */
  metadataUrl?: string;
  /** dpop_signing_alg_values_supported of its metadata (RFC 9449 §5.1), when it has one. */
  dpopAlgs?: string[];
  /** Scope for authorization requests (some servers require one, e.g. "openid offline_access"). */
  scope?: string;
  clients: {
    confidential: ConfidentialClient;
    public: { client_id: string; grants?: Grant[] };
    /** Registered with dpop_bound_access_tokens: true (RFC 9449 §5.2). */
    bound?: ConfidentialClient;
  };
}

export type Grant = 'client_credentials' | 'authorization_code' | 'refresh_token';

export interface ConfidentialClient {
  client_id: string;
  client_secret: string;
  auth: 'basic' | 'post';
  /** The grants it is registered for; undefined: all. */
  grants?: Grant[];
}

export interface RsEndpoint {
  resource: string;
  /** One RS at several addresses (rs.nodes, feature rs-fleet): the resource's URL at each node. */
  nodes?: string[];
  /** Behind a reverse proxy: the resource's URL as clients see it (target rs.public_url); never connected to. */
  publicUrl?: string;
}

/**
 * How a rotate step gets a key rotation: the bundled mocks rotate when asked (their admin
 * endpoint, cases run one at a time by `serial`); a vendor's RS rotates by itself, and the
 * step waits for it, repeating a valid request, at most `maxWait` seconds.
 */
export type RotationSupport =
  | {
      kind: 'mock';
      adminOrigin: string;
      serial: <T>(run: () => Promise<T>) => Promise<T>;
      /** In-process mocks: ends the grace period of a rotation at once (else the step waits it out). */
      endGrace?: () => void;
    }
  | { kind: 'wait'; maxWait: number; pollInterval: number };

/** Everything one case runs against: the party under test and the bundled other party. */
export interface RunEnv {
  label: string;
  as: AsEndpoint;
  rs: RsEndpoint;
  /** Features the party under test declares. */
  features: ReadonlySet<Feature>;
  /** iss and aud of tokens the runner mints with the fixed AS key. */
  mintIssuer: string;
  audience: string;
  send: SendOptions;
  /** Tokens the AS under test issues are shown as a prefix only (a vendor's AS, without --show-tokens). */
  hideIssuedTokens?: boolean;
  /**
   * Seconds to add to the local clock for the times the runner puts in proofs (iat), minted
   * tokens (iat, exp) and SK expiry: the estimated skew to the server (--clock-skew).
   */
  clockSkew?: number;
  /** Seconds a Model B ticket lives, as the RS under test declares (rs.ticket_lifetime). */
  ticketLifetime?: number;
  /**
   * The bundled mocks only: moves the servers' clock forward by this many seconds, so that a
   * wait step passes a lifetime without sleeping (a vendor's server is waited for).
   */
  advanceClock?: (seconds: number) => void;
  /**
   * A URL of the party under test that answers when it is up (checked once before the
   * cases, and again after a case errors, to stop the run early when it is gone).
   * Undefined for the bundled mocks, which run in-process.
   */
  probeUrl?: string;
  /** How a rotate step gets a key rotation; undefined: cases with one are skipped. */
  rotation?: RotationSupport;
}

/** What the run knows of its targets (for reports: URLs and features, never secrets). */
export interface TargetSummary {
  mode: 'bundled-mocks' | 'vendor';
  as?: { issuer: string; features: Feature[]; clock?: ClockRecord; detected?: DetectedFeatures };
  rs?: { resource: string; publicUrl?: string; features: Feature[]; clock?: ClockRecord; detected?: DetectedFeatures };
  /** --ca, NODE_EXTRA_CA_CERTS, --insecure, when any was in effect. */
  tls?: TlsSettings;
}

export interface RunPlan {
  summary: TargetSummary;
  /**
   * The environment for a case, or why it is skipped; `notApplicable` when the case is
   * for a side that is not under test (the console counts those apart).
   */
  envFor(c: Case): RunEnv | { skip: string; notApplicable?: boolean };
  /** Extra secrets (from a target file) the reports must not show. */
  secrets: string[];
  /** Configured values with a secret substituted into them (a URL, say), and the form reports show instead. */
  shown?: [real: string, shown: string][];
  /** The environment of each side under test (a vendor target), for `run --detect` to probe. */
  envs?: { as?: RunEnv; rs?: RunEnv };
  /** Lines for the user from planning (clock skew), already redacted. */
  notes?: string[];
  close(): Promise<void>;
}

export function missingFeatures(c: Case, features: ReadonlySet<Feature>): Feature[] {
  return c.requires.filter((f) => !features.has(f));
}

/** Features either side can declare (dpop-sk, nonce): an end-to-end case that needs one runs when both sides declare it. */
const PAIRED_FEATURES: readonly Feature[] = ['dpop-sk', 'nonce'];

/**
 * The features of an AS and an RS under test together, for end-to-end cases (target both):
 * dpop-sk and nonce when both sides declare them, any other feature when either does.
 */
export function pairFeatures(as: ReadonlySet<Feature>, rs: ReadonlySet<Feature>): Set<Feature> {
  return new Set([...as, ...rs].filter((f) => !PAIRED_FEATURES.includes(f) || (as.has(f) && rs.has(f))));
}

/** Why an end-to-end case lacks a feature: which side leaves it out. */
export function pairMissing(c: Case, as: ReadonlySet<Feature>, rs: ReadonlySet<Feature>): string[] {
  return missingFeatures(c, pairFeatures(as, rs)).map((f) =>
    PAIRED_FEATURES.includes(f) && (as.has(f) || rs.has(f))
      ? `${f} on ${as.has(f) ? 'rs' : 'as'}: (both sides must)`
      : f,
  );
}

/** An end-to-end case's environment: the AS under test issues (its clients, clock, token display), the RS under test accepts. */
export function pairEnv(as: RunEnv, rs: RunEnv): RunEnv {
  return {
    ...as,
    label: `${as.label} with ${rs.label}`,
    rs: rs.rs,
    features: pairFeatures(as.features, rs.features),
    // what the RS under test declares about itself: its rotation (a rotate step waits at the RS) and ticket lifetime
    ...(rs.rotation ? { rotation: rs.rotation } : {}),
    ...(rs.ticketLifetime !== undefined ? { ticketLifetime: rs.ticketLifetime } : {}),
  };
}

export const sideName = (s: Side) => (s === 'as' ? 'authorization server' : 'resource server');

/** Whether a case asks for a key rotation (a rotate step). */
export const rotates = (c: Case): boolean => c.steps.some((s) => 'rotate' in s);

/**
 * Whether an AS case presents a token the AS issued to the (mock) RS: a resource request
 * with no minted token before it. The mock RS checks that token with the AS's keys.
 */
export function presentsIssuedToken(c: Case): boolean {
  for (const step of c.steps) {
    if ('mint_token' in step) return false;
    if ('request' in step) return true;
  }
  return false;
}

/**
 * Why a case cannot run against an environment although its features are declared: a step
 * needs a value the target does not give (the AS metadata document, a declared ticket
 * lifetime). Undefined when nothing is missing.
 */
export function missingValue(c: Case, env: RunEnv): string | undefined {
  if (c.steps.some((s) => 'metadata' in s) && !env.as.metadataUrl)
    return 'this case reads the AS metadata, and the run has none (the target file names as.token_endpoint, and no metadata answered)';
  if (c.steps.some((s) => 'introspect' in s) && !env.as.introspectionEndpoint)
    return 'this case introspects a token, and the AS names no introspection endpoint on its origin (set as.introspection_endpoint)';
  if (c.steps.some((s) => 'par' in s) && !env.as.parEndpoint)
    return 'this case pushes an authorization request, and the AS names no PAR endpoint on its origin (set as.pushed_authorization_request_endpoint)';
  if (c.steps.some((s) => 'wait' in s) && env.ticketLifetime === undefined)
    return 'this case waits out a Model B ticket, and the target declares no rs.ticket_lifetime';
  return undefined;
}
