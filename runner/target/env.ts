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
}

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
   * A URL of the party under test that answers when it is up (checked once before the
   * cases, and again after a case errors, to stop the run early when it is gone).
   * Undefined for the bundled mocks, which run in-process.
   */
  probeUrl?: string;
}

/** What the run knows of its targets (for reports: URLs and features, never secrets). */
export interface TargetSummary {
  mode: 'bundled-mocks' | 'vendor';
  as?: { issuer: string; features: Feature[]; clock?: ClockRecord; detected?: DetectedFeatures };
  rs?: { resource: string; features: Feature[]; clock?: ClockRecord; detected?: DetectedFeatures };
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

export const sideName = (s: Side) => (s === 'as' ? 'authorization server' : 'resource server');

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
  if (c.steps.some((s) => 'wait' in s) && env.ticketLifetime === undefined)
    return 'this case waits out a Model B ticket, and the target declares no rs.ticket_lifetime';
  return undefined;
}
