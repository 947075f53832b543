import type { ProofMutation } from '../../protocol/proof-build.js';

/** What every proof vector case says: its comment, flags, expected reason, and the fault its proof carries. */
export interface ProofCaseBase {
  comment: string;
  flags?: string[];
  reason?: string;
  /** The fault, as protocol/proof-build.ts applies it; none for a valid proof. */
  mutation?: ProofMutation;
}
