import { randomBytes } from 'node:crypto';
import type { MockConfig } from '../config.js';
import type { FaultName } from '../faults.js';
import { checkListsFor, type CheckLists } from '../faults/checks-for.js';
import { NonceStore } from '../nonce-store.js';
import { ReplayCache } from '../replay-cache.js';
import { createRsCaches, type RsCaches } from './caches.js';

/** Everything the mock RS keeps between requests. */
export interface RsState {
  config: MockConfig;
  nonces: NonceStore;
  replay: ReplayCache;
  /** The check lists this RS runs, with its faults applied. */
  checks: CheckLists;
  /** The key only this RS knows, for Model B tickets (DPoP-SK §6 step 2); new at each start. */
  ticketKey: Uint8Array;
  /** Validated tokens, imported proof keys, opened tickets (bounded; docs/mocks.md). */
  caches: RsCaches;
  /** The token checks that run on a cached token: all of this RS's but the signature, which held for these bytes. */
  tokenChecksOnHit: CheckLists['access-token'];
  fault(name: FaultName): boolean;
}

export function createRsState(config: MockConfig): RsState {
  const checks = checkListsFor('rs', config.faults);
  return {
    config,
    nonces: new NonceStore(config.nonceRotate),
    replay: new ReplayCache(config.jtiTtl, {
      maxEntries: config.replayCacheMax,
      maxBytes: config.replayCacheMaxBytes,
    }),
    checks,
    ticketKey: new Uint8Array(randomBytes(32)),
    caches: createRsCaches(config.rsCaches),
    tokenChecksOnHit: checks['access-token'].filter((c) => c.name !== 'signature'),
    fault: (name) => config.faults.has(name),
  };
}
