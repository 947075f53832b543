import type { Feature } from '../suite/types.js';

/** One thing `run --detect` asked the party under test, and what it answered (text bounded, as the server sent it). */
export interface Finding {
  probe: string;
  found: string;
}

/** What `run --detect` found of one side (recorded in report.json under target.as / target.rs). */
export interface DetectedFeatures {
  findings: Finding[];
  /** The features the probes showed the server supports. */
  supported: Feature[];
  /** Of those, the ones the run added because the target did not declare them (a declared feature always stands). */
  added: Feature[];
}
