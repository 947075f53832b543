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
  /** Validated tokens, imported proof keys, opened tickets (bounded; docs/mocks.md). */
  caches: RsCaches;
  /** The token checks that run on a cached token: all of this RS's but the signature, which held for these bytes. */
  tokenChecksOnHit: CheckLists['access-token'];
  fault(name: FaultName): boolean;
}

export function createRsState(config: MockConfig): RsState {
  const checks = checkListsFor('rs', config.faults);
  const caches = createRsCaches(config.rsCaches);
  // The Model B ticket key (DPoP-SK §6 step 2) lives in config.rotation: new at each start, rotated on demand.
  // (chained: the nodes of a fleet share one config, each with its own ticket cache)
  const before = config.rotation.onTicketKeyRetired;
  config.rotation.onTicketKeyRetired = () => {
    before?.();
    caches.tickets.clear();
  };
  return {
    config,
    nonces: new NonceStore(config.nonceRotate),
    replay: new ReplayCache(config.jtiTtl, {
      maxEntries: config.replayCacheMax,
      maxBytes: config.replayCacheMaxBytes,
    }),
    checks,
    caches,
    tokenChecksOnHit: checks['access-token'].filter((c) => c.name !== 'signature'),
    fault: (name) => config.faults.has(name),
  };
}
