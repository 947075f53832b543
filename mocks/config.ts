import type { JWK } from 'jose';
import { ASYMMETRIC_ALGS } from '../protocol/algorithms.js';
import { publicJwk } from '../protocol/jwk.js';
import { type SharedSecret } from '../protocol/shared-secret.js';
import { DEFAULT_IAT_WINDOW } from '../base/constants.js';
import { ConfigError } from '../base/errors.js';
import { MAX_PROOF_LENGTH } from './http/dpop-header.js';
import type { ReplayScope } from './replay-key.js';
import { loadInputs } from '../base/fixed-inputs.js';
import { parseFaults, type FaultName } from './faults.js';
import { DEFAULT_CODE_STORE, DEFAULT_PAR_STORE, DEFAULT_REFRESH_STORE, type StoreLimits } from './as/stores.js';
import { DEFAULT_REPLAY_LIMITS } from './replay-cache.js';
import { DEFAULT_RS_CACHES, type RsCacheLimits } from './rs/caches.js';
import { KeyRotation } from './key-rotation.js';

/** The mocks' clock: real time plus an offset (`--clock-offset`), adjustable by tests. */
export class MockClock {
  constructor(public offsetSeconds = 0) {}
  now(): number {
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }
}

export interface MockOptions {
  host?: string;
  /** 0 picks a free port. */
  asPort?: number;
  rsPort?: number;
  /** Issuer URL; default http://host:asPort. */
  issuer?: string;
  audience?: string;
  /** Proof iat acceptance window, seconds either side (RFC 9449 §11.1). */
  iatWindow?: number;
  clockOffset?: number;
  /** Access token lifetime, seconds. */
  tokenTtl?: number;
  /** DPoP-SK key lifetime (cnf.sk.exp - iat), seconds; at most tokenTtl (DPoP-SK §3 step 2). */
  skTtl?: number;
  /** Refresh token lifetime, seconds (default 3600). */
  refreshTtl?: number;
  /** Nonce mode (RFC 9449 §8, §9). */
  nonce?: boolean;
  /** Seconds between nonce rotations; a nonce is accepted for at most two (mocks/nonce-store.ts). */
  nonceRotate?: number;
  /** Seconds the replay caches remember a jti; default twice the iat window (docs/mocks.md). */
  jtiTtl?: number;
  /** What a remembered jti is keyed with (REPLAY_SCOPES); default `server`: the jti alone. */
  replayScope?: ReplayScope;
  /** Longest DPoP header accepted, characters; default MAX_PROOF_LENGTH. */
  maxProofLength?: number;
  /** The proof algorithms the servers accept and advertise; default ASYMMETRIC_ALGS. */
  algs?: readonly string[];
  secrets?: SharedSecret[];
  /** Fault names (mocks/faults.ts), validated here. */
  faults?: readonly string[];
  /** Replay cache bounds (each server's): most entries, most bytes (docs/mocks.md). */
  replayCacheMax?: number;
  replayCacheMaxBytes?: number;
  /** Bounds of the AS's authorization-code, pushed-request and refresh-token stores (docs/mocks.md). */
  codeStore?: Partial<StoreLimits>;
  parStore?: Partial<StoreLimits>;
  refreshStore?: Partial<StoreLimits>;
  /** Extra AS public keys the mock RS trusts (e.g. a vendor AS's, when the mock RS consumes its tokens). */
  trustedKeys?: JWK[];
  /** Issuer the mock RS requires in tokens; default: no iss check beyond the trusted keys. */
  trustedIssuer?: string;
  /** Secret of the confidential test client; default from the fixed inputs. */
  clientSecret?: string;
  /** Model B ticket lifetime, seconds (DPoP-SK §6). */
  ticketTtl?: number;
  /** Bounds of the mock RS's caches (validated tokens, proof keys, tickets; docs/mocks.md). */
  rsCaches?: Partial<RsCacheLimits>;
  /** The mock RS is behind a reverse proxy: htu is compared with the public URI (docs/mocks.md). */
  behindProxy?: boolean;
  /** Behind a proxy, a fixed public base URL instead of the forwarded headers. */
  publicUrl?: string;
  /** Serve POST /admin/rotate on loopback (docs/mocks.md); off unless asked for. */
  admin?: boolean;
  /** Seconds a rotated-out secret version or ticket key is still accepted (default 0). */
  rotationGrace?: number;
  /** Rotate the shared secret and the ticket key every this many seconds (default never). */
  rotateAfter?: number;
}

export interface MockConfig {
  host: string;
  asPort: number;
  rsPort: number;
  issuer?: string;
  audience: string;
  iatWindow: number;
  clock: MockClock;
  tokenTtl: number;
  skTtl: number;
  refreshTtl: number;
  nonce: boolean;
  nonceRotate: number;
  /** The shared secrets S_V and the ticket key, and their rotation (mocks/key-rotation.ts). */
  rotation: KeyRotation;
  admin: boolean;
  rotateAfter?: number;
  jtiTtl: number;
  replayScope: ReplayScope;
  maxProofLength: number;
  faults: Set<FaultName>;
  replayCacheMax: number;
  replayCacheMaxBytes: number;
  codeStore: StoreLimits;
  parStore: StoreLimits;
  refreshStore: StoreLimits;
  asKey: JWK & { kid: string };
  trustedKeys: JWK[];
  trustedIssuer?: string;
  clientSecret: string;
  ticketTtl: number;
  algs: string[];
  rsCaches: RsCacheLimits;
  behindProxy: boolean;
  publicUrl?: string;
}

/** Defaults come from the fixed inputs (vectors/inputs.json). */
export function resolveConfig(o: MockOptions = {}): MockConfig {
  const inputs = loadInputs();
  const tokenTtl = o.tokenTtl ?? 600;
  const config: MockConfig = {
    host: o.host ?? '127.0.0.1',
    asPort: o.asPort ?? 0,
    rsPort: o.rsPort ?? 0,
    issuer: o.issuer,
    audience: o.audience ?? inputs.audience,
    iatWindow: o.iatWindow ?? DEFAULT_IAT_WINDOW,
    clock: new MockClock(o.clockOffset ?? 0),
    tokenTtl,
    skTtl: Math.min(o.skTtl ?? 300, tokenTtl),
    refreshTtl: o.refreshTtl ?? 3600,
    nonce: o.nonce ?? false,
    nonceRotate: o.nonceRotate ?? 60,
    rotation: new KeyRotation(o.secrets ?? inputs.shared_secrets, Math.round(1000 * (o.rotationGrace ?? 0))),
    admin: o.admin ?? false,
    rotateAfter: o.rotateAfter,
    jtiTtl: o.jtiTtl ?? 2 * (o.iatWindow ?? DEFAULT_IAT_WINDOW),
    replayScope: o.replayScope ?? 'server',
    maxProofLength: o.maxProofLength ?? MAX_PROOF_LENGTH,
    faults: parseFaults(o.faults ?? []),
    replayCacheMax: o.replayCacheMax ?? DEFAULT_REPLAY_LIMITS.maxEntries,
    replayCacheMaxBytes: o.replayCacheMaxBytes ?? DEFAULT_REPLAY_LIMITS.maxBytes,
    codeStore: { ...DEFAULT_CODE_STORE, ...o.codeStore },
    parStore: { ...DEFAULT_PAR_STORE, ...o.parStore },
    refreshStore: { ...DEFAULT_REFRESH_STORE, ...o.refreshStore },
    asKey: inputs.as_signing_key,
    trustedKeys: [publicJwk(inputs.as_signing_key), ...(o.trustedKeys ?? [])],
    trustedIssuer: o.trustedIssuer,
    clientSecret: o.clientSecret ?? inputs.clients.confidential.client_secret,
    ticketTtl: o.ticketTtl ?? 600,
    algs: proofAlgs(o.algs),
    rsCaches: { ...DEFAULT_RS_CACHES, ...o.rsCaches },
    behindProxy: o.behindProxy ?? o.publicUrl !== undefined,
    publicUrl: o.publicUrl,
  };
  return config;
}

/** The algorithms given (a non-empty subset of ASYMMETRIC_ALGS), or all of them. */
function proofAlgs(algs: readonly string[] | undefined): string[] {
  if (algs === undefined) return [...ASYMMETRIC_ALGS];
  const unknown = algs.filter((a) => !ASYMMETRIC_ALGS.includes(a));
  if (unknown.length || !algs.length)
    throw new ConfigError(
      `algs must name some of ${ASYMMETRIC_ALGS.join(', ')}${unknown.length ? `, not ${JSON.stringify(unknown[0]).slice(0, 40)}` : ''}`,
    );
  return [...new Set(algs)];
}
