import type { MockConfig } from '../config.js';
import { KeyRotation } from '../key-rotation.js';
import { createRsState, type RsState } from './state.js';

/** Most nodes a mock RS fleet runs (and a target may name in rs.nodes). */
export const MAX_RS_NODES = 16;

/**
 * The state of each node of a mock RS fleet: one RS at several addresses (docs/deployment.md).
 * The nodes share what a deployment must share — the jti replay cache, the Model B ticket
 * key, the nonces and (through the config) the Model A secrets — and keep their own caches
 * of validated tokens, proof keys and opened tickets, as separate processes would. The
 * faults rs-per-node-replay-cache and rs-per-node-ticket-key give each node its own.
 */
export function fleetStates(config: MockConfig, nodes: number): RsState[] {
  const shared = createRsState(config);
  const node = (): RsState => {
    // the ticket key lives in config.rotation: a node with a key of its own gets a rotation of its own
    const own = createRsState(
      shared.fault('rs-per-node-ticket-key')
        ? { ...config, rotation: new KeyRotation(config.rotation.secrets, config.rotation.graceMs) }
        : config,
    );
    return {
      ...own,
      nonces: shared.nonces,
      replay: shared.fault('rs-per-node-replay-cache') ? own.replay : shared.replay,
    };
  };
  return [shared, ...Array.from({ length: nodes - 1 }, node)];
}
