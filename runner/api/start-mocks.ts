import type { MockOptions } from '../../mocks/config.js';
import { startMocks as start, type RunningMocks } from '../../mocks/start.js';

/** startMocks' options: the mocks' settings, and which of the two servers to start (both by default). */
export interface StartMocksOptions extends MockOptions {
  as?: boolean;
  rs?: boolean;
  /** The RS as this many nodes (1–16) sharing replay cache and ticket key: `nodeResourceUrls` (docs/deployment.md). */
  rsNodes?: number;
}

/** The running mocks, with the URLs of the servers the options started typed as present. */
export type StartedMocks<O extends StartMocksOptions> = RunningMocks &
  (O extends { as: false } ? unknown : { asUrl: string }) &
  (O extends { rs: false } ? unknown : { rsUrl: string; resourceUrl: string });

/**
 * Starts the reference mock AS and/or RS on 127.0.0.1, free ports unless given (`faults`,
 * `nonce`, lifetimes, …: MockOptions); `close()` stops them. An unknown fault is an
 * UnknownFault, a taken port a PortInUse.
 */
export function startMocks<const O extends StartMocksOptions = StartMocksOptions>(
  options?: O,
): Promise<StartedMocks<O>> {
  return start(options) as Promise<StartedMocks<O>>;
}
