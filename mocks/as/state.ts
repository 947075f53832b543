import { laxChecks } from '../faults.js';
import type { MockConfig } from '../config.js';
import { NonceStore } from '../nonce-store.js';
import { ReplayCache } from '../replay-cache.js';
import { ExpiringStore, type CodeGrant, type RefreshGrant } from './stores.js';

/** Everything the mock AS keeps between requests. */
export interface AsState {
  config: MockConfig;
  /** The issuer URL, known once the server listens. */
  issuer: string;
  nonces: NonceStore;
  replay: ReplayCache;
  codes: ExpiringStore<CodeGrant>;
  refreshTokens: ExpiringStore<RefreshGrant>;
  lax: ReturnType<typeof laxChecks>;
  fault(name: string): boolean;
}

export function createAsState(config: MockConfig): AsState {
  return {
    config,
    issuer: config.issuer ?? '',
    nonces: new NonceStore(config.nonceRotate),
    replay: new ReplayCache(2 * config.iatWindow, config.replayCacheMax),
    codes: new ExpiringStore(),
    refreshTokens: new ExpiringStore(),
    lax: laxChecks(config.faults, 'as'),
    fault: (name) => config.faults.has(name),
  };
}
