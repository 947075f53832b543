import type { FaultName } from '../faults.js';
import { checkListsFor, type CheckLists } from '../faults/checks-for.js';
import type { MockConfig } from '../config.js';
import { boundedKeyImporter, type KeyImporter } from '../key-importer.js';
import { NonceStore } from '../nonce-store.js';
import { ReplayCache } from '../replay-cache.js';
import type { AuthorizationRequest } from './authorization-request.js';
import { ExpiringStore, type CodeGrant, type RefreshGrant } from './stores.js';

/** Everything the mock AS keeps between requests. */
export interface AsState {
  config: MockConfig;
  /** The issuer URL, known once the server listens. */
  issuer: string;
  nonces: NonceStore;
  replay: ReplayCache;
  codes: ExpiringStore<CodeGrant>;
  /** Pushed authorization requests by request_uri (RFC 9126), each used once. */
  pushed: ExpiringStore<AuthorizationRequest>;
  refreshTokens: ExpiringStore<RefreshGrant>;
  /** Imports proof keys, once per distinct jwk (bounded as the RS's key cache). */
  importKey: KeyImporter;
  /** The check lists this AS runs (the proof list), with its faults applied. */
  checks: CheckLists;
  fault(name: FaultName): boolean;
}

export function createAsState(config: MockConfig): AsState {
  return {
    config,
    issuer: config.issuer ?? '',
    nonces: new NonceStore(config.nonceRotate),
    replay: new ReplayCache(config.jtiTtl, {
      maxEntries: config.replayCacheMax,
      maxBytes: config.replayCacheMaxBytes,
    }),
    codes: new ExpiringStore(config.codeStore),
    pushed: new ExpiringStore(config.parStore),
    refreshTokens: new ExpiringStore(config.refreshStore),
    importKey: boundedKeyImporter(config.rsCaches.keys),
    checks: checkListsFor('as', config.faults),
    fault: (name) => config.faults.has(name),
  };
}
