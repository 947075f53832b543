import { randomBytes } from 'node:crypto';
import type { MockConfig } from '../config.js';
import type { FaultName } from '../faults.js';
import { checkListsFor, type CheckLists } from '../faults/checks-for.js';
import { NonceStore } from '../nonce-store.js';
import { ReplayCache } from '../replay-cache.js';

/** Everything the mock RS keeps between requests. */
export interface RsState {
  config: MockConfig;
  nonces: NonceStore;
  replay: ReplayCache;
  /** The check lists this RS runs, with its faults applied. */
  checks: CheckLists;
  /** The key only this RS knows, for Model B tickets (DPoP-SK §6 step 2); new at each start. */
  ticketKey: Uint8Array;
  fault(name: FaultName): boolean;
}

export function createRsState(config: MockConfig): RsState {
  return {
    config,
    nonces: new NonceStore(config.nonceRotate),
    replay: new ReplayCache(2 * config.iatWindow, {
      maxEntries: config.replayCacheMax,
      maxBytes: config.replayCacheMaxBytes,
    }),
    checks: checkListsFor('rs', config.faults),
    ticketKey: new Uint8Array(randomBytes(32)),
    fault: (name) => config.faults.has(name),
  };
}
